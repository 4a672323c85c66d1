"""Card applications as received: answers encrypted, looked up by owner or listed for staff."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.models import CardApplication

CONTEXT = b"card_applications.answers"


def add(
    session: Session,
    *,
    reference: str,
    user_id: str,
    route: str,
    answers: dict[str, Any],
    photo_id: str | None,
) -> CardApplication:
    """Record an application; the caller commits."""
    payload = json.dumps(answers, ensure_ascii=False).encode()
    row = CardApplication(
        reference=reference,
        user_id=user_id,
        route=route,
        answers_enc=cipher().encrypt(payload, context=CONTEXT),
        photo_id=photo_id,
    )
    session.add(row)
    session.flush()
    return row


def answers(row: CardApplication) -> dict[str, Any]:
    return json.loads(cipher().decrypt(row.answers_enc, context=CONTEXT))  # type: ignore[no-any-return]


def get(
    session: Session, application_id: str, *, user_id: str | None = None
) -> CardApplication | None:
    row = session.get(CardApplication, application_id)
    if row is None or (user_id is not None and row.user_id != user_id):
        return None
    return row


def for_user(session: Session, user_id: str) -> list[CardApplication]:
    query = select(CardApplication).where(CardApplication.user_id == user_id)
    return list(session.scalars(query.order_by(CardApplication.created_at.desc())))


def search(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> list[CardApplication]:
    """For the office list: received in [since, until), newest first."""
    query = select(CardApplication).order_by(CardApplication.created_at.desc()).limit(limit)
    if since is not None:
        query = query.where(CardApplication.created_at >= since)
    if until is not None:
        query = query.where(CardApplication.created_at < until)
    return list(session.scalars(query))


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CardApplication)) or 0
