"""The expiry helper's questions: which one comes next, and the dates once all are answered.

Answers are ISO dates and choice keys, as the session keeps them:
born, source ("issue" | "printed" | "chip"), issued, applied, card, certificate, stay, stay_end.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain import expiry


def _day(answers: dict[str, Any], key: str) -> date | None:
    value = answers.get(key)
    return date.fromisoformat(value) if value else None


def next_question(answers: dict[str, Any]) -> str | None:
    """The first question still unanswered, in page order; None when the dates can be shown."""
    born = _day(answers, "born")
    if born is None:
        return "date-of-birth"
    source = answers.get("source")
    if source not in ("issue", "printed", "chip"):
        return "source"
    if source == "issue":
        issued = _day(answers, "issued")
        if issued is None:
            return "issue-date"
        if expiry.needs_application_date(born, issued) and not answers.get("applied"):
            return "applied"
    elif source == "chip" and not answers.get("certificate"):
        return "read-card"
    elif not answers.get("card") or not answers.get("certificate"):
        return "printed-dates"
    if answers.get("stay") not in ("yes", "no"):
        return "stay"
    if answers["stay"] == "yes" and not answers.get("stay_end"):
        return "stay-end"
    return None


def card_dates(answers: dict[str, Any]) -> expiry.CardDates | None:
    """The dates, or None while a question is unanswered."""
    if next_question(answers) is not None:
        return None
    born = _day(answers, "born")
    assert born is not None  # noqa: S101 - next_question() checked it
    stay_end = _day(answers, "stay_end") if answers.get("stay") == "yes" else None
    if answers["source"] == "issue":
        issued = _day(answers, "issued")
        assert issued is not None  # noqa: S101
        applied = expiry.Applied(answers["applied"]) if answers.get("applied") else None
        return expiry.from_issue(born, issued, applied=applied, stay_end=stay_end)
    card, certificate = _day(answers, "card"), _day(answers, "certificate")
    assert card is not None and certificate is not None  # noqa: S101
    return expiry.from_printed(born, card, certificate, stay_end=stay_end)
