"""The application's photo step, check your answers, send, and the confirmation with its PDFs."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request, url_for

from app import downloads
from app.auth import login_required, require_user
from app.domain import application
from app.extensions import db
from app.gateways.card_application import Receipt
from app.htmx import redirect_to
from app.i18n import current_locale
from app.routes.apply.application import bp, sent_or_404
from app.services import application_pdf
from app.services import card_application as service


@bp.get("/photo")
@login_required
def photo() -> Response | str:
    answers = service.typed(service.load(db.session, require_user().id))
    if not answers.route:
        return sent_or_404()
    chosen = service.chosen_photo(db.session, require_user().id, answers)
    return render_template("pages/application/photo.html", answers=answers, photo=chosen)


@bp.get("/check")
@login_required
def check() -> Response | str:
    answers = service.typed(service.load(db.session, require_user().id))
    if not answers.route:
        return sent_or_404()
    return render_template(
        "pages/application/check.html",
        answers=answers,
        missing=application.missing(answers, today=service.today()),
        steps=application.steps(answers.route),
    )


@bp.post("/send")
@login_required
def send() -> Response:
    outcome = service.submit(db.session, require_user().id, today=service.today())
    if not isinstance(outcome, Receipt):
        return redirect_to(url_for("application.check", incomplete=1))
    return redirect_to(url_for("application.sent", application_id=outcome.application_id))


@bp.get("/sent/<string:application_id>")
@login_required
def sent(application_id: str) -> str:
    row = _own(application_id)
    return render_template(
        "pages/application/sent.html",
        sent=row,
        answers=service.sent_typed(row),
        already=bool(request.args.get("already")),
        steps_for_route=application.steps(row.route),
    )


@bp.get("/sent/<string:application_id>/application.pdf")
@login_required
def pdf(application_id: str) -> Response:
    """The copy of what was sent (online), or the filled-in handwritten form (post)."""
    row = _own(application_id)
    answers = service.sent_typed(row)
    picture, crop = service.photo_of(db.session, row)
    language = current_locale()  # the page's language beside the Japanese
    if row.route == "mail":
        body = application_pdf.mail_form_pdf(
            answers, today=row.created_at.date(), language=language, photo=picture, crop=crop
        )
        name = f"application-form-{row.reference}.pdf"
    else:
        body = application_pdf.copy_pdf(
            answers,
            reference=row.reference,
            sent_at=row.created_at,
            language=language,
            photo=picture,
            crop=crop,
        )
        name = f"application-copy-{row.reference}.pdf"
    return downloads.download(body, "application/pdf", name)


def _own(application_id: str) -> Any:
    return service.sent_application(db.session, require_user().id, application_id)
