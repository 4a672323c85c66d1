"""The questions before a request to cancel the insurance registration (procedures.md 3.4).

Who sends the request, then which insurance the person is in: only the ward's National Health
Insurance takes the request here; the other insurers are shown where to send it instead.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.flows import Answers, Flow, question
from app.domain.steps import Step

OTHER_INSURERS = ("employee", "elderly", "not_sure")


def _insurer(value: Any, answers: Answers, today: date) -> Step:
    if value == "nhi":
        return Step("details", "")
    return Step("other-insurer", str(value))


FLOW = Flow(
    questions={
        "applicant": lambda value, answers, today: question("insurer"),
        "insurer": _insurer,
    },
    results=(),
)
