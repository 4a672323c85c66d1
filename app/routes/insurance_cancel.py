"""Cancelling the insurance registration (procedures.md 3.4): who may apply, what is needed,
then, signed in, a request with documents that the ward office sees and updates.

It cannot be done in MynaPortal; the request goes to the insurer (for NHI, the ward). The
answers wait in the resident's encrypted draft until sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, make_response, render_template, request, url_for

from app import downloads
from app.auth import login_required, public, require_user
from app.domain import cancellation
from app.domain.files import FileProblem
from app.extensions import db
from app.forms import insurance as forms
from app.htmx import redirect_to
from app.routes.questions import Journey
from app.routes.steps import StepPages
from app.services import drafts
from app.services import insurance_cancel as cancel

bp = Blueprint("insurance_cancel", __name__, url_prefix="/insurance/cancel")


@dataclass(frozen=True)
class _DraftAnswers:
    """The cancellation's answers wait in the signed-in resident's encrypted draft."""

    def load(self) -> dict[str, Any]:
        return cancel.draft(db.session, require_user().id)

    def save(self, answers: dict[str, Any], changes: dict[str, Any]) -> None:
        cancel.remember(db.session, require_user().id, **changes)


QUESTIONS = Journey(
    "insurance_cancel",
    cancellation.FLOW,
    forms.CANCEL_FORMS,
    folder="insurance_cancel",
    places={
        "details": lambda key: url_for("insurance_cancel.details"),
        "other-insurer": lambda insurer: url_for("insurance_cancel.other_insurer", insurer=insurer),
    },
    store=_DraftAnswers(),
    guard=login_required,
)
QUESTIONS.register(bp, start_again=False)

PAGES = StepPages(
    cancel.DRAFT,
    saved_endpoint="insurance_cancel.saved",
    check_endpoint="insurance_cancel.check",
    autosave_endpoint="insurance_cancel.autosave",
)


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/insurance_cancel/start.html")


@bp.get("/other-insurer/<string:insurer>")
@public
def other_insurer(insurer: str) -> str:
    if insurer not in cancellation.OTHER_INSURERS:
        abort(404)
    return render_template("pages/insurance_cancel/other_insurer.html", insurer=insurer)


@bp.route("/details", methods=["GET", "POST"])
@login_required
def details() -> Response:
    answers = PAGES.answers()
    typed = cancel.CancellationRequest.from_draft(answers)
    saved = typed.details.to_draft() if typed.details else None
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
        back=QUESTIONS.question_url("valid-card"),
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
        chosen = {kind: downloads.received(kind) for kind in cancel.DOCUMENT_KINDS}
        answers, errors = cancel.store_documents(db.session, user.id, chosen)
        if not errors and cancel.complete(answers):
            return redirect_to(url_for("insurance_cancel.check"))
    typed = cancel.CancellationRequest.from_draft(answers)
    page = render_template(
        "pages/insurance_cancel/documents.html",
        needed=typed.needed_documents,
        stored=typed.documents,
        errors=errors,
    )
    return make_response(page, 422 if errors else 200)


@bp.route("/check", methods=["GET", "POST"])
@login_required
def check() -> Response | str:
    user = require_user()
    answers = cancel.draft(db.session, user.id)
    if not cancel.complete(answers):
        return redirect_to(QUESTIONS.question_url(cancellation.FLOW.first))
    if request.method == "POST":
        row = cancel.send(db.session, user.id)
        if row is not None:
            return redirect_to(url_for("insurance_cancel.sent", cancellation_id=row.id))
    return render_template("pages/insurance_cancel/check.html", answers=answers)


@bp.get("/sent/<string:cancellation_id>")
@login_required
def sent(cancellation_id: str) -> str:
    row = cancel.sent_request(db.session, require_user().id, cancellation_id)
    return render_template(
        "pages/insurance_cancel/sent.html", row=row, request=cancel.sent_answers(row)
    )


@bp.get("/requests")
@login_required
def requests() -> str:
    """The resident's requests and where each one is."""
    requests = cancel.sent_requests(db.session, require_user().id)
    return render_template("pages/insurance_cancel/requests.html", requests=requests)
