"""The readiness questions before registering the card for insurance use (procedures.md 3.2).

One question per page; an answer that blocks the online route leads to a result page that
says what to do instead (GOV.UK "check a service is suitable"), never to a validation error.
The PIN question comes before any card operation, so nobody is led into guessing.
"""

from __future__ import annotations

from typing import Any

from app.domain.steps import Step

QUESTIONS = ("have-card", "face-card", "know-pin", "device")
RESULTS = ("no-card", "face-card", "pin-reset", "pin-not-sure", "no-device")
# A result page may offer a way on (e.g. "I have found my PIN") to this question.
CONTINUE_AFTER_RESULT = {"pin-not-sure": "device"}


_ROUTES: dict[str, dict[str, Step]] = {
    "have-card": {"yes": Step("question", "face-card"), "no": Step("result", "no-card")},
    "face-card": {
        "pin": Step("question", "know-pin"),
        "face_only": Step("result", "face-card"),
        "not_sure": Step("question", "know-pin"),
    },
    "know-pin": {
        "yes": Step("question", "device"),
        "no": Step("result", "pin-reset"),
        "not_sure": Step("result", "pin-not-sure"),
    },
    "device": {
        "phone": Step("prepare", "phone"),
        "computer": Step("prepare", "computer"),
        "neither": Step("result", "no-device"),
    },
}


def after(question: str, answers: dict[str, Any]) -> Step:
    """Where the answer to `question` leads."""
    answer = answers.get(question.replace("-", "_"))
    return _ROUTES[question].get(str(answer), Step("question", question))


def previous(question: str) -> str | None:
    """The question before this one, for the back link (None: the start page)."""
    index = QUESTIONS.index(question)
    return QUESTIONS[index - 1] if index else None


def ready(answers: dict[str, Any]) -> bool:
    """True when every answer leads on to the card step."""
    return all(after(q, answers).kind in ("question", "prepare") for q in QUESTIONS) and bool(
        answers.get("device") in ("phone", "computer")
    )
