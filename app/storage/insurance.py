"""Insurance registrations (by certificate) and cancellation requests (answers encrypted)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.models import InsuranceCancellation, InsuranceRegistration, new_id, utcnow


# Registrations ------------------------------------------------------------------------------
def add_registration(
    session: Session,
    *,
    reference: str,
    user_id: str | None,
    issuer: str,
    serial: str,
    not_after: datetime,
) -> InsuranceRegistration:
    """Record a registration; the caller commits."""
    row = InsuranceRegistration(
        reference=reference,
        user_id=user_id,
        issuer=issuer,
        serial=serial,
        certificate_not_after=not_after,
    )
    session.add(row)
    session.flush()
    return row


def registration_for(session: Session, issuer: str, serial: str) -> InsuranceRegistration | None:
    query = select(InsuranceRegistration).where(
        InsuranceRegistration.issuer == issuer, InsuranceRegistration.serial == serial
    )
    return session.scalars(query).first()


def registration_by_reference(session: Session, reference: str) -> InsuranceRegistration | None:
    query = select(InsuranceRegistration).where(InsuranceRegistration.reference == reference)
    return session.scalars(query).first()


def registrations_for_user(session: Session, user_id: str) -> list[InsuranceRegistration]:
    query = (
        select(InsuranceRegistration)
        .where(InsuranceRegistration.user_id == user_id)
        .order_by(InsuranceRegistration.created_at.desc())
    )
    return list(session.scalars(query))


def registration_count(session: Session) -> int:
    return len(list(session.scalars(select(InsuranceRegistration.id))))


# Cancellation requests ------------------------------------------------------------------------
def add_cancellation(
    session: Session, *, reference: str, user_id: str, applicant: str, answers: dict[str, Any]
) -> InsuranceCancellation:
    """Record a request with its answers encrypted (bound to the row's id); the caller commits."""
    row_id = new_id()
    row = InsuranceCancellation(
        id=row_id,
        reference=reference,
        user_id=user_id,
        applicant=applicant,
        status="received",
        answers_enc=cipher().encrypt(_dump(answers), context=_context(row_id)),
    )
    session.add(row)
    session.flush()
    return row


def cancellation_answers(row: InsuranceCancellation) -> dict[str, Any]:
    data = cipher().decrypt(row.answers_enc, context=_context(row.id))
    return json.loads(data)  # type: ignore[no-any-return]


def cancellation(
    session: Session, cancellation_id: str, *, user_id: str | None = None
) -> InsuranceCancellation | None:
    row = session.get(InsuranceCancellation, cancellation_id)
    if row is None or (user_id is not None and row.user_id != user_id):
        return None
    return row


def cancellations_for_user(session: Session, user_id: str) -> list[InsuranceCancellation]:
    query = (
        select(InsuranceCancellation)
        .where(InsuranceCancellation.user_id == user_id)
        .order_by(InsuranceCancellation.created_at.desc())
    )
    return list(session.scalars(query))


def search_cancellations(
    session: Session,
    *,
    status: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[InsuranceCancellation]:
    """For the office list: by status and sending time (until is exclusive), newest first."""
    query = select(InsuranceCancellation).order_by(InsuranceCancellation.created_at.desc())
    if status:
        query = query.where(InsuranceCancellation.status == status)
    if since is not None:
        query = query.where(InsuranceCancellation.created_at >= since)
    if until is not None:
        query = query.where(InsuranceCancellation.created_at < until)
    return list(session.scalars(query))


def set_status(row: InsuranceCancellation, status: str) -> None:
    """Write the status; which moves are allowed is `domain/office_states`' business."""
    row.status, row.updated_at = status, utcnow()


def _dump(answers: dict[str, Any]) -> bytes:
    return json.dumps(answers, ensure_ascii=False).encode()


def _context(row_id: str) -> bytes:
    return f"insurance_cancellations:{row_id}".encode()
