"""The expiry helper's questions as a flow (`flows.Flow`), and the dates once all are answered.

Answers are ISO dates and choice keys, as the session keeps them:
born, source ("issue" | "printed" | "chip"), issued, applied, card, certificate, stay, stay_end.
The card's dates come either from the issue date (and, for some 18- and 19-year-olds, when
they applied), or as printed on the card, or with the certificate's date read from the chip.

Sources: none — the order of the questions only; the rules they feed are `expiry`'s, which
names its sources.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain import expiry
from app.domain.flows import Answers, Flow, field_name, question, table
from app.domain.steps import Step

# The question's answer key where it is not the question's name in snake case.
ANSWER_KEYS = {
    "date-of-birth": "born",
    "issue-date": "issued",
    "read-card": "certificate",
    "printed-dates": "card",
}
DATES = Step("dates", "")  # all answered: the dates page
# Whether the card's dates need an answer does not depend on today.
_ANY_DAY = date.min


def _day(answers: Answers, key: str) -> date | None:
    value = answers.get(key)
    return date.fromisoformat(value) if value else None


def _after_issue_date(value: Any, answers: Answers, today: date) -> Step:
    born, issued = _day(answers, "born"), _day(answers, "issued")
    if born and issued and expiry.needs_application_date(born, issued):
        return question("applied")
    return question("stay")


FLOW = Flow(
    questions={
        "date-of-birth": lambda value, answers, today: question("source"),
        "source": table(
            {
                "issue": question("issue-date"),
                "printed": question("printed-dates"),
                "chip": question("read-card"),
            },
            otherwise=question("source"),
        ),
        "issue-date": _after_issue_date,
        "applied": lambda value, answers, today: question("stay"),
        "read-card": lambda value, answers, today: question("printed-dates"),
        "printed-dates": lambda value, answers, today: question("stay"),
        "stay": table({"yes": question("stay-end"), "no": DATES}, otherwise=question("stay")),
        "stay-end": lambda value, answers, today: DATES,
    },
    results=(),
    # A new way of giving the dates replaces the old dates.
    forgets={"source": ("issued", "applied", "card", "certificate")},
    answer_key=lambda key: ANSWER_KEYS.get(key, field_name(key)),
    needs={"printed-dates": ("card", "certificate")},
)


def next_question(answers: Answers) -> str | None:
    """The first question still unanswered, in page order; None when the dates can be shown."""
    step = FLOW.end(answers, _ANY_DAY)
    return step.key if step.kind == "question" else None


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
