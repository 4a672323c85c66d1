"""The NHI application draft: one encrypted row per user (drafts table), saved as they type,
so it can be continued on another device; and the task list's statuses from it."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.domain import clock, nhi_answers, nhi_deadlines, nhi_eligibility
from app.domain.answers import Section
from app.domain.nhi_answers import NhiApplication
from app.services.drafts import Answers, Change, DraftStore
from app.storage import blobs
from app.storage.db import transaction

FORM_KEY = "nhi.application"
MAX_PEOPLE = nhi_eligibility.MAX_PEOPLE_ONLINE
SECTIONS = ("about-you", "head-of-household", "people", "previous-insurance", "documents")
# The draft key of each form section (its typed answers: app/domain/nhi_answers.py).
SECTION_KEYS = {
    "about-you": "applicant",
    "head-of-household": "head",
    "previous-insurance": "previous_insurance",
}


def today() -> date:
    """Deadlines are counted in Japan's calendar, whatever the server's time zone."""
    return clock.today_in_japan()


DOCUMENT_FIELDS = ("document_id", "document_digest")


def _void_document(before: Answers, after: Answers) -> Answers:
    """A changed answer voids a prepared document, whose digest no longer matches."""

    def answers(draft: Answers) -> Answers:
        return {k: v for k, v in draft.items() if k not in DOCUMENT_FIELDS}

    return after if answers(before) == answers(after) else answers(after)


DRAFT = DraftStore(FORM_KEY, on_change=_void_document)


def load(session: Session, user_id: str) -> dict[str, Any]:
    return DRAFT.load(session, user_id)


def save(session: Session, user_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Replace the draft (a sent application to correct)."""
    return DRAFT.replace(session, user_id, answers)


def update(session: Session, user_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Set answers, keeping the others as they are stored now."""
    return DRAFT.merge(session, user_id, values)


def edit(session: Session, user_id: str, change: Change) -> Answers:
    """Change the draft as it is stored now."""
    return DRAFT.update(session, user_id, change).answers


class ListFull(Exception):
    """The list already holds as many entries as allowed."""


def add_to_list(
    session: Session, user_id: str, key: str, entry: dict[str, Any], *, limit: int
) -> bool:
    """Append to the `people` or `attachments` list under its cap, checked against the list as
    stored now (two tabs adding at once can neither pass the cap nor drop an entry); False
    when full, and then nothing of the request is kept (a file stored for the entry neither)."""

    def append(answers: dict[str, Any]) -> dict[str, Any]:
        entries = answers.get(key, [])
        if len(entries) >= limit:
            raise ListFull(key)
        return {**answers, key: [*entries, entry]}

    try:
        edit(session, user_id, append)
    except ListFull:
        return False
    return True


def change_list(
    session: Session,
    user_id: str,
    key: str,
    change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    **values: Any,
) -> dict[str, Any]:
    """Replace or remove entries of a list as stored now, and set `values`."""

    def apply(answers: dict[str, Any]) -> dict[str, Any]:
        return {**answers, key: change(answers.get(key, [])), **values}

    return edit(session, user_id, apply)


def saving_person(values: dict[str, Any], person_id: str | None) -> Change:
    """The change that adds a person (`person_id` None: a new id) or replaces one, as the
    list is stored now; raises ListFull when a new person no longer fits (another tab added
    the tenth meanwhile). Changing the list asks again whether everyone is listed."""
    entry = {**values, "id": person_id or secrets.token_hex(4)}

    def change(answers: dict[str, Any]) -> dict[str, Any]:
        everyone = answers.get("people", [])
        if person_id is None and len(everyone) >= MAX_PEOPLE:
            raise ListFull("people")
        if person_id is None:
            people = [*everyone, entry]
        else:
            people = [entry if p["id"] == person_id else p for p in everyone]
        return {**answers, "people": people, "people_done": ""}

    return change


def remove_attachment(session: Session, user_id: str, blob_id: str) -> None:
    """Take a file off the draft's list and delete it (only a file of this user's own draft)."""
    removed: list[dict[str, Any]] = []

    def drop(attachments: list[dict[str, Any]]) -> list[dict[str, Any]]:
        removed[:] = [a for a in attachments if a["id"] == blob_id]
        return [a for a in attachments if a["id"] != blob_id]

    change_list(session, user_id, "attachments", drop)
    if removed:
        with transaction(session):
            blobs.delete(session, blob_id)


def begin(session: Session, user_id: str, eligibility: dict[str, Any]) -> dict[str, Any]:
    """Start (or keep) the draft, remembering the eligibility answers the document needs."""
    answers = load(session, user_id)
    if nhi_eligibility.is_eligible(eligibility):
        kept = {k: eligibility[k] for k in ("who", "reason", "how_many")}
        if answers.get("eligibility") != kept:
            answers = update(session, user_id, {"eligibility": kept})
    return answers


def discard(session: Session, user_id: str) -> None:
    DRAFT.discard(session, user_id)


@dataclass(frozen=True)
class Task:
    key: str
    status: str  # "not_started" | "in_progress" | "completed" | "cannot_start"


def application(answers: dict[str, Any]) -> NhiApplication:
    """The draft's answers, typed."""
    return NhiApplication.from_draft(answers)


def saving_section(section: str, values: dict[str, Any]) -> Change:
    """The change that saves a form section under its name (dropping the name it had before)."""
    key = SECTION_KEYS[section]
    legacy = nhi_answers.LEGACY_KEYS.get(key)

    def change(answers: dict[str, Any]) -> dict[str, Any]:
        kept = {k: v for k, v in answers.items() if k != legacy}
        return {**kept, key: values}

    return change


def section_answers(answers: dict[str, Any], section: str) -> Section | None:
    """A form section's saved answers, typed (the section's field in `NhiApplication` has the
    section's draft key as its name); None until the section is saved."""
    saved: Section | None = getattr(application(answers), SECTION_KEYS[section])
    return saved


def timing_for(answers: dict[str, Any]) -> nhi_deadlines.Timing | None:
    """The deadline warning for the earliest loss date in the draft, if there is one."""
    lost_on = application(answers).lost_on
    return nhi_deadlines.timing(lost_on, today=today()) if lost_on else None


def section_done(answers: dict[str, Any], section: str) -> bool:
    typed = application(answers)
    if section == "people":
        return bool(typed.people) and typed.people_done
    if section == "documents":
        return "loss_certificate" in [a.kind for a in typed.attachments]
    return section_answers(answers, section) is not None


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
