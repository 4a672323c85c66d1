"""The "can you apply, and how" questions (procedures.md 1.2, E1–E6) and where each answer leads.

Each question's answer leads to the next question, to a result page that only informs
(with a way on), or to a result page that blocks and says what to do instead.

Sources:
- docs/domain/procedures.md §1.2: the questions (form, details, child, stay, express, route).
- sources/002_94590aa69886f632.txt:127-134 (J-LIS card site): a renewal notice with an
  application ID and QR code is used like the form; without one, take the documents it lists
  to the municipal office.
- sources/003_32f427e35db20b96.txt:403-409 (MHLW leaflet): on-site application at the
  workplace (出張申請受付方式); the card is then posted by restricted-recipient mail.
- docs/domain/procedures.md §1.1 (Meiwa, Asahikawa city pages): express issuance, its fee for a
  reissue, and the reissues that are free (notes area full, number changed; to be confirmed per
  city).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from app.domain.dates import add_months
from app.domain.flows import Answers, Flow
from app.domain.steps import Step

ROUTES = ("smartphone", "pc", "booth", "mail")
EXPRESS_REASONS = (
    "under_one",
    "from_abroad",
    "lost",
    "new_resident",
    "damaged",
    "number_changed",
    "notes_full",
)
STAY_WARNING_MONTHS = 2
# Reissues for these reasons are free (procedures.md §1.1): the express page shows no fee.
FREE_REISSUE_REASONS = frozenset({"notes_full", "number_changed"})


def _question(key: str) -> Step:
    return Step("question", key)


def stay_status(end: date, today: date) -> str:
    """'ended', 'soon' (within two months) or 'ok': the card only lives as long as the stay."""
    if end < today:
        return "ended"
    if end <= add_months(today, STAY_WARNING_MONTHS):
        return "soon"
    return "ok"


def express_fee_applies(reasons: Iterable[str]) -> bool:
    """Whether the reissue fee applies: not when every reason given is one whose reissue is
    free, so the express page does not ask a fee of someone whose notes area is full."""
    chosen = {r for r in reasons if r in EXPRESS_REASONS}
    return bool(chosen - FREE_REISSUE_REASONS)


def _have_form(value: Any, answers: Answers, today: date) -> Step:
    if value == "renewal_no_id":
        return Step("result", "renewal-at-office")
    if value == "no":
        return Step("result", "need-form")
    if value == "unknown":
        return Step("result", "what-is-the-form")
    return _question("details-changed")


def _details_changed(value: Any, answers: Answers, today: date) -> Step:
    if value == "yes":
        return Step("result", "new-form")
    if value == "not_sure":
        return Step("result", "check-details")
    return _question("who")


def _who(value: Any, answers: Answers, today: date) -> Step:
    return Step("result", "child") if value == "child" else _question("period-of-stay")


def _period_of_stay(value: Any, answers: Answers, today: date) -> Step:
    return _question("stay-end") if value == "yes" else _question("express")


def _stay_end(value: Any, answers: Answers, today: date) -> Step:
    status = stay_status(date.fromisoformat(value), today) if value else "ok"
    if status == "ended":
        return Step("result", "stay-ended")
    return Step("result", "stay-ends-soon") if status == "soon" else _question("express")


def _express(value: Any, answers: Answers, today: date) -> Step:
    chosen = [r for r in (value or []) if r in EXPRESS_REASONS]
    return Step("result", "express") if chosen else _question("route")


def _route(value: Any, answers: Answers, today: date) -> Step:
    if value == "booth" and answers.get("have_form") == "id_only":
        return Step("result", "booth-needs-qr")
    if value == "workplace":
        return Step("result", "workplace")
    return Step("route", value or "")


# The questions in order; "stay-end" is asked only of people with a period of stay.
_AFTER = {
    "have-form": _have_form,
    "details-changed": _details_changed,
    "who": _who,
    "period-of-stay": _period_of_stay,
    "stay-end": _stay_end,
    "express": _express,
    "route": _route,
}


# Informational results continue with the question after the one that led to them.
CONTINUE_AFTER_RESULT = {
    "check-details": "who",
    "child": "period-of-stay",
    "stay-ends-soon": "express",
    "express": "route",
}
RESULTS = (
    "need-form",
    "what-is-the-form",
    "new-form",
    "check-details",
    "child",
    "stay-ended",
    "stay-ends-soon",
    "express",
    "booth-needs-qr",
    "renewal-at-office",
    "workplace",
)


FLOW = Flow(
    questions=_AFTER,
    results=RESULTS,
    continue_after=CONTINUE_AFTER_RESULT,
)
QUESTIONS = tuple(FLOW.questions)


def after(question: str, answers: dict[str, Any], *, today: date) -> Step:
    """Where the answer just given to `question` leads (KeyError for an unknown question)."""
    return FLOW.after(question, answers, today)
