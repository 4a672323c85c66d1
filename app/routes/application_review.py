"""The application's photo step, check your answers, send, and the confirmation with its PDFs."""

from __future__ import annotations

from flask import Response, abort, render_template, url_for

from app import downloads
from app.auth import login_required, require_user
from app.domain import application
from app.extensions import db
from app.gateways.card_application import Receipt
from app.htmx import redirect_to
from app.routes.application import bp
from app.services import application_pdf
from app.services import card_application as service
from app.storage import blobs, card_applications, photos
from app.storage.models import CardApplication


@bp.get("/photo")
@login_required
def photo() -> str:
    answers = service.load(db.session, require_user().id)
    if not answers.get("route"):
        abort(404)
    chosen = photos.get(db.session, answers.get("photo_id", ""), owner_id=require_user().id)
    return render_template("pages/application/photo.html", answers=answers, photo=chosen)


@bp.get("/check")
@login_required
def check() -> str:
    answers = service.load(db.session, require_user().id)
    if not answers.get("route"):
        abort(404)
    today = service.today()
    return render_template(
        "pages/application/check.html",
        answers=answers,
        missing=application.missing(answers["route"], answers, today=today),
        steps=application.steps(answers["route"]),
        age=application.age(answers, today=today),
    )


@bp.post("/send")
@login_required
def send() -> Response:
    outcome = service.submit(db.session, require_user().id, today=service.today())
    if not isinstance(outcome, Receipt):
        return redirect_to(url_for("application.check", incomplete=1))
    db.session.commit()
    return redirect_to(url_for("application.sent", application_id=outcome.application_id))


@bp.get("/sent/<string:application_id>")
@login_required
def sent(application_id: str) -> str:
    row = _own(application_id)
    return render_template(
        "pages/application/sent.html",
        sent=row,
        answers=card_applications.answers(row),
        steps_for_route=application.steps(row.route),
    )


@bp.get("/sent/<string:application_id>/application.pdf")
@login_required
def pdf(application_id: str) -> Response:
    """The copy of what was sent (online), or the filled-in handwritten form (post)."""
    row = _own(application_id)
    answers = card_applications.answers(row)
    picture, crop = _photo_of(row)
    if row.route == "mail":
        body = application_pdf.mail_form_pdf(
            answers, today=row.created_at.date(), photo=picture, crop=crop
        )
        name = f"application-form-{row.reference}.pdf"
    else:
        body = application_pdf.copy_pdf(
            answers, reference=row.reference, sent_at=row.created_at, photo=picture, crop=crop
        )
        name = f"application-copy-{row.reference}.pdf"
    return downloads.download(body, "application/pdf", name)


def _own(application_id: str) -> CardApplication:
    row = card_applications.get(db.session, application_id, user_id=require_user().id)
    if row is None:
        abort(404)
    return row


def _photo_of(row: CardApplication) -> tuple[bytes | None, list[int] | None]:
    chosen = photos.get(db.session, row.photo_id or "", owner_id=row.user_id)
    if chosen is None:
        return None, None
    stored = blobs.get(db.session, chosen.blob_id, owner_id=row.user_id)
    return (stored.data if stored else None), photos.report(chosen).get("crop")
