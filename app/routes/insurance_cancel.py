"""Cancelling the insurance registration (procedures.md 3.4): who may apply, what is needed,
then, signed in, a request with documents that the ward office sees and updates.

It cannot be done in Mynaportal; the request goes to the insurer (for NHI, the ward). The
answers wait in the resident's encrypted draft until sent.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, abort, make_response, render_template, request, url_for

from app.auth import login_required, public, require_user
from app.domain.attachments import FileProblem
from app.extensions import db
from app.forms import BaseForm
from app.forms import insurance as forms
from app.htmx import redirect_to
from app.routes.steps import StepPages
from app.services import drafts
from app.services import insurance_cancel as cancel

bp = Blueprint("insurance_cancel", __name__, url_prefix="/insurance/cancel")
PAGES = StepPages(
    cancel.DRAFT,
    saved_endpoint="insurance_cancel.saved",
    check_endpoint="insurance_cancel.check",
    autosave_endpoint="insurance_cancel.autosave",
)
QUESTIONS: dict[str, type[BaseForm]] = {
    "applicant": forms.ApplicantForm,
    "insurer": forms.InsurerForm,
}
NEXT = {"applicant": "insurer", "insurer": "details"}


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/insurance_cancel/start.html")


@bp.route("/<string:question>", methods=["GET", "POST"])
@login_required
def question(question: str) -> Response:
    if question not in QUESTIONS:
        abort(404)
    user = require_user()
    posted = request.method == "POST"
    saved = cancel.draft(db.session, user.id)
    form = QUESTIONS[question]() if posted else QUESTIONS[question](data=saved)
    if form.validate_on_submit():
        answer = form.data[question]
        cancel.remember(db.session, user.id, **{question: answer})
        if question == "insurer" and answer != "nhi":
            return redirect_to(url_for("insurance_cancel.other_insurer", insurer=answer))
        following = NEXT[question]
        if following in QUESTIONS:
            return redirect_to(url_for("insurance_cancel.question", question=following))
        return redirect_to(url_for(f"insurance_cancel.{following}"))
    page = render_template(f"pages/insurance_cancel/{question}.html", form=form)
    return make_response(page, 422 if form.errors else 200)


@bp.get("/other-insurer/<string:insurer>")
@public
def other_insurer(insurer: str) -> str:
    if insurer not in ("employee", "elderly", "not_sure"):
        abort(404)
    return render_template("pages/insurance_cancel/other_insurer.html", insurer=insurer)


@bp.route("/details", methods=["GET", "POST"])
@login_required
def details() -> Response:
    answers = PAGES.answers()
    typed = cancel.CancellationRequest.from_draft(answers)
    saved = asdict(typed.details) if typed.details else None
    form = PAGES.form(forms.DetailsForm, answers, "details", saved)
    status, conflict = 200, []
    if request.method == "POST":
        posted = PAGES.post(
            "details",
            form,
            valid=form.validate_on_submit(),
            edits=lambda: drafts.merging({"details": form.answers()}),
            next_url=lambda _saved: url_for("insurance_cancel.documents"),
        )
        if posted.response is not None:
            return posted.response
        status, conflict = posted.status, posted.conflict
    return PAGES.render(
        "pages/insurance_cancel/details.html",
        form,
        partial="details",
        answers=answers,
        back=url_for("insurance_cancel.question", question="insurer"),
        autosave_args={},
        status=status,
        conflict=conflict,
    )


@bp.post("/details/draft")
@login_required
def autosave() -> Response:
    """Keep what is typed, unchecked, so a closed tab or a flat battery loses nothing."""
    return PAGES.autosave("details", forms.DetailsForm())


@bp.get("/saved")
@login_required
def saved() -> str:
    return PAGES.saved_page(url_for("insurance_cancel.details"))


@bp.route("/documents", methods=["GET", "POST"])
@login_required
def documents() -> Response:
    user = require_user()
    answers = cancel.draft(db.session, user.id)
    errors: dict[str, FileProblem] = {}
    if request.method == "POST":
        answers, errors = _store_uploads(user.id, answers)
        if not errors and cancel.CancellationRequest.from_draft(answers).complete:
            return redirect_to(url_for("insurance_cancel.check"))
    typed = cancel.CancellationRequest.from_draft(answers)
    page = render_template(
        "pages/insurance_cancel/documents.html",
        needed=typed.needed_documents,
        stored=typed.documents,
        errors=errors,
    )
    return make_response(page, 422 if errors else 200)


def _store_uploads(user_id: str, answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    stored, errors = dict(answers.get("documents", {})), {}
    for kind in cancel.needed_documents(answers):
        upload = request.files.get(kind)
        if upload is None or not upload.filename:
            if kind not in stored:
                errors[kind] = FileProblem.MISSING
            continue
        result = cancel.store_document(db.session, user_id, upload.read(), upload.filename)
        if isinstance(result, FileProblem):
            errors[kind] = result
        else:
            stored[kind] = result.__dict__
    return cancel.save_documents(db.session, user_id, stored), errors


@bp.route("/check", methods=["GET", "POST"])
@login_required
def check() -> Response | str:
    user = require_user()
    answers = cancel.draft(db.session, user.id)
    if not cancel.CancellationRequest.from_draft(answers).complete:
        return redirect_to(url_for("insurance_cancel.question", question="applicant"))
    if request.method == "POST":
        row = cancel.send(db.session, user.id)
        if row is not None:
            return redirect_to(url_for("insurance_cancel.sent", cancellation_id=row.id))
    return render_template("pages/insurance_cancel/check.html", answers=answers)


@bp.get("/sent/<string:cancellation_id>")
@login_required
def sent(cancellation_id: str) -> str:
    row = cancel.sent_request(db.session, require_user().id, cancellation_id)
    return render_template("pages/insurance_cancel/sent.html", row=row)


@bp.get("/requests")
@login_required
def requests() -> str:
    """The resident's requests and where each one is."""
    rows = cancel.requests_of(db.session, require_user().id)
    return render_template("pages/insurance_cancel/requests.html", rows=rows)
