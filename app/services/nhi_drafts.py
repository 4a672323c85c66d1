"""The NHI application draft: one encrypted row per user (drafts table), saved as they type,
so it can be continued on another device; and the task list's statuses from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.domain import nhi_eligibility
from app.storage import drafts

FORM_KEY = "nhi.application"
MAX_PEOPLE = nhi_eligibility.MAX_PEOPLE_ONLINE
SECTIONS = ("about-you", "head-of-household", "people", "previous-insurance", "documents")
SECTION_KEYS = {
    "about-you": "applicant",
    "head-of-household": "head",
    "previous-insurance": "insurance",
}


def today() -> date:
    """Deadlines are counted in Japan's calendar, whatever the server's time zone."""
    from datetime import datetime

    return datetime.now(ZoneInfo("Asia/Tokyo")).date()


def load(session: Session, user_id: str) -> dict[str, Any]:
    return drafts.load(session, user_id, FORM_KEY) or {}


def save(session: Session, user_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Replace the draft; the caller commits. A changed answer voids a prepared document."""
    answers = {k: v for k, v in answers.items() if k not in ("document_id", "document_digest")}
    drafts.save(session, user_id, FORM_KEY, answers)
    return answers


def update(session: Session, user_id: str, values: dict[str, Any]) -> dict[str, Any]:
    return save(session, user_id, {**load(session, user_id), **values})


def begin(session: Session, user_id: str, eligibility: dict[str, Any]) -> dict[str, Any]:
    """Start (or keep) the draft, remembering the eligibility answers the document needs."""
    answers = load(session, user_id)
    if nhi_eligibility.is_eligible(eligibility):
        kept = {k: eligibility[k] for k in ("who", "reason", "how_many")}
        if answers.get("eligibility") != kept:
            answers = save(session, user_id, {**answers, "eligibility": kept})
    return answers


def discard(session: Session, user_id: str) -> None:
    drafts.discard(session, user_id, FORM_KEY)


@dataclass(frozen=True)
class Task:
    key: str
    status: str  # "not_started" | "in_progress" | "completed" | "cannot_start"


def section_done(answers: dict[str, Any], section: str) -> bool:
    if section == "people":
        return bool(answers.get("people")) and answers.get("people_done") == "yes"
    if section == "documents":
        kinds = [a.get("kind") for a in answers.get("attachments", [])]
        return "loss_certificate" in kinds
    return bool(answers.get(SECTION_KEYS[section]))


def section_started(answers: dict[str, Any], section: str) -> bool:
    if section == "people":
        return bool(answers.get("people"))
    if section == "documents":
        return bool(answers.get("attachments"))
    return bool(answers.get("partial", {}).get(section))


def tasks(answers: dict[str, Any]) -> list[Task]:
    """The sections, then check-and-sign, which cannot start until every section is done."""
    result = [Task("eligibility", "completed" if answers.get("eligibility") else "not_started")]
    for section in SECTIONS:
        if section_done(answers, section):
            status = "completed"
        elif section_started(answers, section):
            status = "in_progress"
        else:
            status = "not_started"
        result.append(Task(section, status))
    ready = all(task.status == "completed" for task in result)
    result.append(Task("check", "not_started" if ready else "cannot_start"))
    return result


def ready_to_check(answers: dict[str, Any]) -> bool:
    return all(task.status == "completed" for task in tasks(answers)[:-1])
