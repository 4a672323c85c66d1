"""The apply journey's public part: start, the questions (one per page, `questions.py`),
results, routes, next steps.

Answers live in the session (no account needed to find out whether and how to apply);
the application itself, which holds personal data, is in `application.py`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, url_for

from app.auth import current_user, public
from app.domain import eligibility
from app.extensions import db
from app.forms import apply as forms
from app.routes.questions import Journey
from app.services import card_application

bp = Blueprint("apply", __name__, url_prefix="/apply")


def _route(route: str) -> str:
    if route == "booth":
        return url_for("apply.photo_booth")
    return url_for("application.start", route=route)


def _result_context(result: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The express page names the reissue fee only when it applies."""
    return {"express_fee": eligibility.express_fee_applies(answers.get("express") or [])}


QUESTIONS = Journey(
    "apply",
    eligibility.FLOW,
    forms.FORMS,
    folder="apply",
    places={"route": _route},
    result_context=_result_context,
)
QUESTIONS.register(bp)


def answers() -> dict[str, Any]:
    """The eligibility answers given so far (the application starts from them)."""
    return QUESTIONS.answers()


@bp.get("/")
@public
def start() -> str:
    user = current_user()
    draft = card_application.typed(card_application.load(db.session, user.id) if user else {})
    sent = card_application.sent_requests(db.session, user.id) if user else []
    return render_template("pages/apply/start.html", has_draft=bool(draft.route), sent=sent)


@bp.get("/photo-booth")
@public
def photo_booth() -> str:
    return render_template("pages/apply/photo_booth.html")


@bp.get("/what-happens-next")
@public
def what_happens_next() -> str:
    user = current_user()
    sent = card_application.sent_applications(db.session, user.id) if user else []
    return render_template("pages/apply/what_happens_next.html", sent=sent[0] if sent else None)
