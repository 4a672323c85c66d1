"""The audit trail of staff actions: who did what to which record, when, and why (codes).

No personal data goes in: records are named by type and id, reasons are fixed codes such as
`signature_valid` or `document_changed`, never free text a person typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.models import AuditEvent

CODE = re.compile(r"[a-z0-9_.-]{1,40}")


def record(
    session: Session,
    *,
    actor_id: str | None,
    action: str,
    record_type: str,
    record_id: str,
    reasons: Iterable[str] = (),
) -> AuditEvent:
    """Add one event; the caller commits with the change it describes (same transaction)."""
    codes = list(reasons)
    for value in (action, record_type, *codes):
        if not CODE.fullmatch(value):
            raise ValueError(f"audit values are codes, not text: {value!r}")
    event = AuditEvent(
        actor_id=actor_id,
        action=action,
        record_type=record_type,
        record_id=record_id,
        reasons=",".join(codes),
    )
    session.add(event)
    return event


def for_record(session: Session, record_type: str, record_id: str) -> list[AuditEvent]:
    """The record's events, oldest first (for the office page's history)."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.record_type == record_type, AuditEvent.record_id == record_id)
            .order_by(AuditEvent.created_at, AuditEvent.id)
        )
    )
