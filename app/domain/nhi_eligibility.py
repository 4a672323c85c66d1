"""Can this household join NHI online (procedures.md 4.1, Q1–Q7), and where each answer leads.

One question per page. A blocking answer leads to a result page that says why and what to do
instead (the ward office, post with a letter of authority, resetting the password…); never a
validation error. The last answer leads to the "you can apply online" result.

Sources:
- sources/000_0b792771a67859a2.txt:22-36 (Yokohama City, 2025-03-24): who can apply online (the
  person joining or a household member with a My Number Card and both passwords).
- sources/000_0b792771a67859a2.txt:165-169 (Yokohama City, 2025-03-24): a face-recognition My
  Number Card (顔認証マイナンバーカード) has no PIN, so it cannot be used in MynaPortal.
- sources/000_0b792771a67859a2.txt:152-155 (Yokohama City, 2025-03-24): the signature
  certificate expires when the address or name changes.
- docs/domain/procedures.md §4.1: the questions Q1–Q7, at most 10 people online.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.flows import Flow, by_value, question, result
from app.domain.steps import Step

WHO = ("self", "household", "other")
REASONS = ("employee", "union", "dependant", "other")
CARD = ("yes", "no_card", "face_card", "password_unknown", "password_locked")
CARD_PROBLEMS = ("expired", "details_changed", "under_15", "none")
MAX_PEOPLE_ONLINE = 10

# Blocking results; "eligible" is the one result that leads on to the application.
RESULTS = (
    "not-registered",
    "moving-in",
    "someone-else",
    "other-reason",
    "too-many",
    "no-card",
    "face-card",
    "password",
    "certificate-expired",
    "details-changed",
    "under-15",
    "no-document",
    "eligible",
)


_q, _r = question, result


def _registered(value: Any) -> Step:
    return _q("moving-in") if value == "yes" else _r("not-registered")


def _moving_in(value: Any) -> Step:
    return _r("moving-in") if value == "yes" else _q("who")


def _who(value: Any) -> Step:
    return _r("someone-else") if value == "other" else _q("reason")


def _reason(value: Any) -> Step:
    return _q("how-many") if value in ("employee", "union", "dependant") else _r("other-reason")


def _how_many(value: Any) -> Step:
    count = int(value or 0)
    return _r("too-many") if count > MAX_PEOPLE_ONLINE else _q("card")


def _card(value: Any) -> Step:
    if value == "no_card":
        return _r("no-card")
    if value == "face_card":
        return _r("face-card")
    if value in ("password_unknown", "password_locked"):
        return _r("password")
    return _q("card-problems")


PROBLEM_RESULTS = {
    "expired": "certificate-expired",
    "details_changed": "details-changed",
    "under_15": "under-15",
}


def _card_problems(value: Any) -> Step:
    chosen = [p for p in CARD_PROBLEMS[:-1] if p in (value or [])]
    return _r(PROBLEM_RESULTS[chosen[0]]) if chosen else _q("loss-document")


def _loss_document(value: Any) -> Step:
    return _r("eligible") if value == "yes" else _r("no-document")


FLOW = Flow(
    questions={
        "registered": by_value(_registered),
        "moving-in": by_value(_moving_in),
        "who": by_value(_who),
        "reason": by_value(_reason),
        "how-many": by_value(_how_many),
        "card": by_value(_card),
        "card-problems": by_value(_card_problems),
        "loss-document": by_value(_loss_document),
    },
    results=RESULTS,
    only_when_reached=frozenset({"eligible"}),
)
QUESTIONS = tuple(FLOW.questions)
# Whether a household can enrol online does not depend on the date.
_ANY_DAY = date.min


def field_name(question: str) -> str:
    return FLOW.answer_key(question)


def after(question: str, answers: dict[str, Any]) -> Step:
    """Where the answer just given to `question` leads (KeyError for an unknown question)."""
    return FLOW.after(question, answers, _ANY_DAY)


def is_eligible(answers: dict[str, Any]) -> bool:
    """True when every question was answered and the path ends at "eligible"."""
    return FLOW.reached("eligible", answers, _ANY_DAY)
