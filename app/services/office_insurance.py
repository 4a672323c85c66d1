"""The office's side of insurance cancellation requests: the list (with how many cards were
registered through the local registry), one request, its status, its documents.

Status moves follow `domain/office_states.INSURANCE_CANCELLATION` (forward only); each view
and decision records one staff action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.office_states import CANCELLATION_ACTION_FOR, INSURANCE_CANCELLATION
from app.extensions import db
from app.services.errors import ServiceError, found
from app.services.office import (
    ListFilters,
    check_allowed,
    history,
    record_listing,
    record_staff_action,
)
from app.storage import blobs, insurance
from app.storage.blobs import StoredFile
from app.storage.models import AuditEvent, InsuranceCancellation

RECORD_TYPE = INSURANCE_CANCELLATION.kind


class UnknownStatus(ServiceError):
    """The form sent a status that is not one of the request's (400)."""


@dataclass(frozen=True)
class Listing:
    rows: list[InsuranceCancellation]
    registrations: int  # cards registered for insurance use through this service


@dataclass(frozen=True)
class CancellationPage:
    row: InsuranceCancellation
    answers: dict[str, Any]
    next_statuses: tuple[str, ...]  # what the status form offers
    history: list[AuditEvent]


def cancellations(staff_id: str, filters: ListFilters) -> Listing:
    since, until = filters.window()
    with db.transaction() as session:
        rows = insurance.search_cancellations(
            session, status=filters.state, since=since, until=until
        )
        listing = Listing(rows, insurance.registration_count(session))
        record_listing(session, staff_id=staff_id, record_type=RECORD_TYPE, filters=filters)
    return listing


def open_cancellation(staff_id: str, cancellation_id: str) -> CancellationPage:
    with db.transaction() as session:
        row = found(insurance.cancellation(session, cancellation_id))
        _log(staff_id, row, "viewed")
    actions = INSURANCE_CANCELLATION.actions(row.status)
    return CancellationPage(
        row=row,
        answers=insurance.cancellation_answers(row),
        next_statuses=tuple(s for s, a in CANCELLATION_ACTION_FOR.items() if a in actions),
        history=history(INSURANCE_CANCELLATION, row.id),
    )


def set_status(staff_id: str, cancellation_id: str, status: str) -> None:
    """Move the request on to `status`; a move back or a repeat is refused (409)."""
    row = found(insurance.cancellation(db.session, cancellation_id))
    action = CANCELLATION_ACTION_FOR.get(status)
    if action is None:
        raise UnknownStatus(status)
    new_status = check_allowed(
        INSURANCE_CANCELLATION, staff_id=staff_id, action=action, record_id=row.id, state=row.status
    )
    with db.transaction():
        insurance.set_status(row, new_status)
        _log(staff_id, row, f"status_{new_status}")


def open_document(staff_id: str, cancellation_id: str, kind: str) -> tuple[StoredFile, str]:
    """One of the request's documents, and its download name without the extension."""
    with db.transaction() as session:
        row = found(insurance.cancellation(session, cancellation_id))
        stored = insurance.cancellation_answers(row).get("documents", {}).get(kind)
        found_file = found(blobs.get(session, stored["blob_id"]) if stored else None)
        _log(staff_id, row, "document_opened")
    return found_file, f"{row.reference}-{kind}"


def _log(staff_id: str, row: InsuranceCancellation, action: str) -> None:
    record_staff_action(
        db.session, staff_id=staff_id, action=action, record_type=RECORD_TYPE, record_id=row.id
    )
