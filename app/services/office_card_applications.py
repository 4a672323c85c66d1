"""The office's side of card applications: the list, one application with its photo report,
and the photo files. The office only looks (J-LIS decides); each look is a staff action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.application import CardApplicationAnswers
from app.domain.office_states import CARD_APPLICATION
from app.extensions import db
from app.services.errors import NotFound, found
from app.services.office import ListFilters, history, record_listing, record_staff_action
from app.storage import blobs, card_applications, photos
from app.storage.blobs import StoredFile
from app.storage.models import AuditEvent, CardApplication, Photo

PHOTO_KINDS = ("photo", "overlay")


@dataclass(frozen=True)
class Listed:
    row: CardApplication
    verdict: str | None  # the photo check's verdict; None when it goes with a printed photo


@dataclass(frozen=True)
class ApplicationPage:
    row: CardApplication
    answers: CardApplicationAnswers
    photo: Photo | None
    report: dict[str, Any] | None
    history: list[AuditEvent]


def count() -> int:
    """How many applications were received (the office index)."""
    return card_applications.count(db.session)


def applications(staff_id: str, filters: ListFilters) -> list[Listed]:
    since, until = filters.window()
    with db.transaction() as session:
        rows = card_applications.search(session, since=since, until=until)
        listed = [Listed(row, _verdict(row)) for row in rows]
        record_listing(
            session, staff_id=staff_id, record_type=CARD_APPLICATION.kind, filters=filters
        )
    return listed


def open_application(staff_id: str, application_id: str) -> ApplicationPage:
    with db.transaction() as session:
        row = found(card_applications.get(session, application_id))
        chosen = _photo(row)
        _log(staff_id, row, "viewed")
    return ApplicationPage(
        row=row,
        answers=CardApplicationAnswers.from_draft(card_applications.answers(row)),
        photo=chosen,
        report=photos.report(chosen) if chosen else None,
        history=history(CARD_APPLICATION, row.id),
    )


def open_photo(staff_id: str, application_id: str, kind: str) -> tuple[StoredFile, str]:
    """The photo as sent or with the checks drawn on it, and its download name."""
    if kind not in PHOTO_KINDS:
        raise NotFound
    with db.transaction() as session:
        row = found(card_applications.get(session, application_id))
        chosen = found(_photo(row))
        blob_id = chosen.blob_id if kind == "photo" else chosen.overlay_blob_id
        stored = found(blobs.get(session, blob_id) if blob_id else None)
        _log(staff_id, row, f"{kind}_opened")
    return stored, f"{row.reference}-{kind}.jpg"


def _verdict(row: CardApplication) -> str | None:
    chosen = _photo(row)
    return chosen.verdict if chosen else None


def _photo(row: CardApplication) -> Photo | None:
    return photos.get(db.session, row.photo_id) if row.photo_id else None


def _log(staff_id: str, row: CardApplication, action: str) -> None:
    record_staff_action(
        db.session,
        staff_id=staff_id,
        action=action,
        record_type=CARD_APPLICATION.kind,
        record_id=row.id,
    )
