"""Readiness routing, attachment checks and the calendar file's format."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.domain import ics
from app.domain import insurance_readiness as readiness


@pytest.mark.parametrize(
    ("question", "answer", "kind", "key"),
    [
        ("have-card", "yes", "question", "face-card"),
        ("have-card", "no", "result", "no-card"),
        ("face-card", "face_only", "result", "face-card"),
        ("face-card", "not_sure", "question", "know-pin"),
        ("know-pin", "yes", "question", "device"),
        ("know-pin", "no", "result", "pin-reset"),
        ("know-pin", "not_sure", "result", "pin-not-sure"),
        ("device", "computer", "prepare", "computer"),
        ("device", "neither", "result", "no-device"),
    ],
)
def test_readiness_answers_lead_on(question: str, answer: str, kind: str, key: str) -> None:
    step = readiness.after(question, {question.replace("-", "_"): answer})
    assert (step.kind, step.key) == (kind, key)


def test_the_pin_question_comes_before_the_card_step() -> None:
    assert readiness.QUESTIONS.index("know-pin") < readiness.QUESTIONS.index("device")


def test_the_calendar_file_follows_rfc_5545() -> None:
    reminder = ics.Reminder(
        uid="certificate_expires-2028-05-01@myna-guide",
        day=date(2028, 5, 1),
        summary="証明書の有効期限, 最終日; 更新は市区町村の窓口で",
        description="A long line " * 10 + "\nsecond line",
        alarm_days_before=14,
    )
    body = ics.calendar([reminder], name="Card", stamp=datetime(2026, 11, 24, 5, tzinfo=UTC))
    lines = body.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    unfolded = body.replace(b"\r\n ", b"").decode()
    assert "DTSTART;VALUE=DATE:20280501" in unfolded and "DTEND;VALUE=DATE:20280502" in unfolded
    assert "SUMMARY:証明書の有効期限\\, 最終日\\; 更新は市区町村の窓口で" in unfolded
    assert "\\nsecond line" in unfolded and "TRIGGER;RELATED=START:-P14D" in unfolded
    assert "DTSTAMP:20261124T050000Z" in unfolded
