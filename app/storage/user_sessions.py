"""Signed-in sessions kept server-side, so that signing out, removing a passkey or reaching
the absolute lifetime ends a session even for a copied cookie (security review M2).

The cookie carries a random id; the table keeps only its SHA-256, so reading the database
does not give anyone a working cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from app.storage.models import User, UserSession


def start(session: Session, user_id: str, *, now: datetime, lifetime: timedelta) -> str:
    """Record a new session and return the id for the cookie; the caller commits.

    The user's expired rows are removed here, so the table does not grow without a job."""
    session.execute(
        delete(UserSession).where(UserSession.user_id == user_id, UserSession.expires_at <= now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(id=_digest(token), user_id=user_id, created_at=now, expires_at=now + lifetime)
    )
    return token


# Built once: this runs on every signed-in request (SQLAlchemy then reuses its compiled form).
_LIVE_USER = (
    select(User)
    .join(UserSession, UserSession.user_id == User.id)
    .where(UserSession.id == bindparam("session_id"), UserSession.expires_at > bindparam("now"))
)


def user_for(session: Session, token: str, *, now: datetime) -> User | None:
    """The user of a live session: one primary-key lookup joined to the user's row."""
    return session.scalars(_LIVE_USER, {"session_id": _digest(token), "now": now}).first()


def end(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.id == _digest(token)))


def end_all(session: Session, user_id: str, *, keep: str | None = None) -> None:
    """End every session of the user, except `keep` (the one asking) when given."""
    query = delete(UserSession).where(UserSession.user_id == user_id)
    if keep:
        query = query.where(UserSession.id != _digest(keep))
    session.execute(query)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
