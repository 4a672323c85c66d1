"""Drafts: a user's unsent answers to one form, saved as they type, encrypted at rest."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.models import Draft, utcnow

CONTEXT = b"drafts.data"


def load(session: Session, user_id: str, form_key: str) -> dict[str, Any] | None:
    row = _row(session, user_id, form_key)
    if row is None:
        return None
    return json.loads(cipher().decrypt(row.data_enc, context=CONTEXT))  # type: ignore[no-any-return]


def save(session: Session, user_id: str, form_key: str, data: dict[str, Any]) -> Draft:
    """Create or replace the draft; the caller commits."""
    payload = cipher().encrypt(json.dumps(data, ensure_ascii=False).encode(), context=CONTEXT)
    row = _row(session, user_id, form_key)
    if row is None:
        row = Draft(user_id=user_id, form_key=form_key, data_enc=payload)
        session.add(row)
    else:
        row.data_enc = payload
        row.updated_at = utcnow()
    return row


def discard(session: Session, user_id: str, form_key: str) -> None:
    session.execute(delete(Draft).where(Draft.user_id == user_id, Draft.form_key == form_key))


def keys(session: Session, user_id: str) -> set[str]:
    """Which forms the user has a draft of (for the dashboard's statuses)."""
    return set(session.scalars(select(Draft.form_key).where(Draft.user_id == user_id)))


def _row(session: Session, user_id: str, form_key: str) -> Draft | None:
    return session.scalars(
        select(Draft).where(Draft.user_id == user_id, Draft.form_key == form_key)
    ).first()
