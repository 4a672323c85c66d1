"""Signed-in sessions kept server-side, so that signing out, removing a passkey or reaching
the absolute lifetime ends a session even for a copied cookie (security review M2).

The cookie carries a random id; the table keeps only its SHA-256, so reading the database
does not give anyone a working cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.orm import Session

from app.storage.models import User, UserSession


@dataclass(frozen=True, slots=True)
class SignedInUser:
    """Who a live session belongs to, as every signed-in request needs it: a plain value read
    with one Core statement, not an ORM entity (loading one cost about a fifth of a signed-in
    htmx fragment: benchmarks/bench_pages.py). What needs the account itself (its passkeys, a
    new name) loads it by `id` in the service that changes it."""

    id: str
    display_name_enc: bytes
    is_staff: bool
    language: str | None  # the site language the account last chose (app/i18n.py)


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


_USERS: Table = User.__table__  # type: ignore[assignment]
_SESSIONS: Table = UserSession.__table__  # type: ignore[assignment]
# Built once, in Core: this runs on every signed-in request (SQLAlchemy reuses its compiled form).
_LIVE_USER = (
    select(_USERS.c.id, _USERS.c.display_name_enc, _USERS.c.is_staff, _USERS.c.language)
    .join(_SESSIONS, _SESSIONS.c.user_id == _USERS.c.id)
    .where(_SESSIONS.c.id == bindparam("session_id"), _SESSIONS.c.expires_at > bindparam("now"))
)


def user_for(session: Session, token: str, *, now: datetime) -> SignedInUser | None:
    """The user of a live session: one primary-key lookup joined to the user's row, read
    fresh from the database on every call (a session ended elsewhere ends here at once)."""
    row = session.execute(_LIVE_USER, {"session_id": _digest(token), "now": now}).first()
    if row is None:
        return None
    return SignedInUser(row.id, row.display_name_enc, row.is_staff, row.language)


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
