"""Signed NHI enrolments: created once per claimed signature, then decided by the office.

States and the moves between them are in `app/domain/office_states.py` (NHI_ENROLMENT).
Answers and the correction message are encrypted.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import references
from app.storage.cipher import cipher
from app.storage.models import NhiEnrolment, utcnow

ANSWERS_CONTEXT = b"nhi_enrolments.answers"
CORRECTION_CONTEXT = b"nhi_enrolments.correction"


def create(
    session: Session,
    *,
    user_id: str,
    relay_job_id: str,
    answers: dict[str, Any],
    document_blob_id: str,
    package_blob_id: str,
    digest: bytes,
    signed_at: datetime,
    language: str = "ja",
) -> NhiEnrolment:
    """A received enrolment, sent in the site language `language`; the caller commits."""
    row = NhiEnrolment(
        reference=references.new(references.NHI_ENROLMENT),
        user_id=user_id,
        relay_job_id=relay_job_id,
        state="received",
        answers_enc=_encrypt(answers, ANSWERS_CONTEXT),
        document_blob_id=document_blob_id,
        package_blob_id=package_blob_id,
        digest=digest,
        signed_at=signed_at,
        language=language,
    )
    session.add(row)
    return row


def answers(row: NhiEnrolment) -> dict[str, Any]:
    return json.loads(cipher().decrypt(row.answers_enc, context=ANSWERS_CONTEXT))  # type: ignore[no-any-return]


def correction(row: NhiEnrolment) -> str:
    if row.correction_enc is None:
        return ""
    return cipher().decrypt(row.correction_enc, context=CORRECTION_CONTEXT).decode()


def set_state(
    row: NhiEnrolment,
    state: str,
    *,
    qualification_date: date | None = None,
    correction_message: str | None = None,
) -> None:
    """Write the state (the service checked the move against `domain/office_states`)."""
    row.state, row.updated_at = state, utcnow()
    if state in ("accepted", "needs_correction"):
        row.decided_at = row.updated_at
    if qualification_date is not None:
        row.qualification_date = qualification_date
    if correction_message is not None:
        row.correction_enc = cipher().encrypt(
            correction_message.encode(), context=CORRECTION_CONTEXT
        )


def get(session: Session, enrolment_id: str, *, user_id: str | None = None) -> NhiEnrolment | None:
    """The enrolment, or None when it does not exist or belongs to someone else."""
    row = session.get(NhiEnrolment, enrolment_id)
    if row is None or (user_id is not None and row.user_id != user_id):
        return None
    return row


def by_job(session: Session, job_id: str) -> NhiEnrolment | None:
    return session.scalars(select(NhiEnrolment).where(NhiEnrolment.relay_job_id == job_id)).first()


def for_user(session: Session, user_id: str) -> list[NhiEnrolment]:
    """The user's enrolments, newest first."""
    return list(
        session.scalars(
            select(NhiEnrolment)
            .where(NhiEnrolment.user_id == user_id)
            .order_by(NhiEnrolment.signed_at.desc())
        )
    )


def search(
    session: Session,
    *,
    state: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[NhiEnrolment]:
    """For the office list: by state and signing time (until is exclusive), oldest first."""
    query = select(NhiEnrolment).order_by(NhiEnrolment.signed_at)
    if state:
        query = query.where(NhiEnrolment.state == state)
    if since is not None:
        query = query.where(NhiEnrolment.signed_at >= since)
    if until is not None:
        query = query.where(NhiEnrolment.signed_at < until)
    return list(session.scalars(query))


def _encrypt(value: dict[str, Any], context: bytes) -> bytes:
    return cipher().encrypt(json.dumps(value, ensure_ascii=False).encode(), context=context)
