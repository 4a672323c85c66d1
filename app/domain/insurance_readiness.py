"""The readiness questions before registering the card for insurance use (procedures.md 3.2).

One question per page; an answer that blocks the online route leads to a result page that
says what to do instead (GOV.UK "check a service is suitable"), never to a validation error.
The PIN question comes before any card operation, so nobody is led into guessing.

Sources:
- sources/003_32f427e35db20b96.txt:141,274 (MHLW leaflet, 2020-21): joining an insurer must
  still be notified to it; registering does not do it (review plan D2).
- sources/004_ddb9b7bd2bc2cbb0.txt:56-61 (Chuo City, 2024-12-04): without a smartphone,
  register at a Seven Bank ATM or a clinic; the 4-digit PIN is what registration needs.
- sources/001_0411ed77a002a177.txt:36 (HIECC FAQ): the Seven Bank ATM route needs the PIN, so a
  face-recognition card (no PIN) is sent to a clinic's reader only (review plan D3).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.flows import Flow, Transition, question, result, table
from app.domain.steps import Step

RESULTS = ("no-card", "face-card", "pin-reset", "pin-not-sure", "no-device")
# A result page may offer a way on (e.g. "I have found my PIN") to this question.
CONTINUE_AFTER_RESULT = {"pin-not-sure": "device"}


def _stay(key: str, routes: dict[str, Step]) -> Transition:
    """An answer not among the choices stays on the question."""
    return table(routes, otherwise=question(key))


FLOW = Flow(
    questions={
        "have-card": _stay("have-card", {"yes": question("face-card"), "no": result("no-card")}),
        "face-card": _stay(
            "face-card",
            {
                "pin": question("know-pin"),
                "face_only": result("face-card"),
                "not_sure": question("know-pin"),
            },
        ),
        "know-pin": _stay(
            "know-pin",
            {
                "yes": question("device"),
                "no": result("pin-reset"),
                "not_sure": result("pin-not-sure"),
            },
        ),
        "device": _stay(
            "device",
            {
                "phone": Step("prepare", "phone"),
                "computer": Step("prepare", "computer"),
                "neither": result("no-device"),
            },
        ),
    },
    results=RESULTS,
    continue_after=CONTINUE_AFTER_RESULT,
)
QUESTIONS = tuple(FLOW.questions)
# Answers that do not depend on the date.
_ANY_DAY = date.min


def after(question: str, answers: dict[str, Any]) -> Step:
    """Where the answer to `question` leads."""
    return FLOW.after(question, answers, _ANY_DAY)
