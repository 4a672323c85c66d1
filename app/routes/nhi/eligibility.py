"""Can you enrol online? One question per page through the question engine (`questions.py`);
answers live in the session (no account needed to find out, and they survive signing in),
and every blocking answer leads to a result page, not an error."""

from __future__ import annotations

from typing import Any

from flask import url_for

from app.domain import nhi_eligibility as rules
from app.forms.nhi_eligibility import FORMS
from app.routes.nhi.start import bp
from app.routes.questions import Journey


def _result_context(result: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {"start": url_for("nhi.tasks") if result == "eligible" else None}


QUESTIONS = Journey(
    "nhi",
    rules.FLOW,
    FORMS,
    folder="nhi",
    legacy_prefix="/check",
    result_context=_result_context,
)
QUESTIONS.register(bp)


def given_answers() -> dict[str, Any]:
    """The eligibility answers from the session (kept across signing in)."""
    return QUESTIONS.answers()
