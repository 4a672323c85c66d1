"""Users and their passkeys."""

from __future__ import annotations

import secrets
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.models import Credential, User

NAME_CONTEXT = b"users.display_name"


class Named(Protocol):
    """An account as read from the database (`User`) or from a session (`SignedInUser`)."""

    @property
    def display_name_enc(self) -> bytes: ...


def display_name(user: Named) -> str:
    return cipher().decrypt_text(user.display_name_enc, context=NAME_CONTEXT)


def set_display_name(user: User, name: str) -> None:
    user.display_name_enc = cipher().encrypt_text(name, context=NAME_CONTEXT)


def create_user(session: Session, name: str, *, user_handle: bytes | None = None) -> User:
    user = User(user_handle=user_handle or secrets.token_bytes(32))
    set_display_name(user, name)
    session.add(user)
    return user


def find_by_display_name(session: Session, name: str) -> list[User]:
    """Names are encrypted, so this reads every user: for the admin CLI, not for requests."""
    return [u for u in session.scalars(select(User)) if display_name(u) == name]


def account(session: Session, user_id: str) -> User:
    """The account itself, for what changes it or reads its passkeys."""
    found = session.get(User, user_id)
    if found is None:
        raise LookupError(user_id)
    return found


def credential(session: Session, credential_id: bytes) -> Credential | None:
    return session.get(Credential, credential_id)
