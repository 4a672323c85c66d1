"""The profile: the display name, with a draft of what is being typed (kept on any device
until saved, like every signed-in form: app/services/drafts.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.services.drafts import DraftStore
from app.storage import users
from app.storage.db import transaction

if TYPE_CHECKING:
    from app.storage.user_sessions import SignedInUser

DRAFT = DraftStore("account.profile")
FIELD = "display_name"


def display_name(user: SignedInUser) -> str:
    return users.display_name(user)


@dataclass(frozen=True)
class ProfilePage:
    """What the profile form shows: the name (as typed when a draft of it exists) and the
    hidden inputs of its autosave, read together."""

    name: str
    restored: bool
    draft_fields: dict[str, str]


def page(session: Session, user: SignedInUser) -> ProfilePage:
    draft, fields = DRAFT.read(session, user.id)
    if draft is None:
        return ProfilePage(display_name(user), False, fields)
    return ProfilePage(str(draft.get(FIELD, display_name(user))), True, fields)


def draft_fields(session: Session, user: SignedInUser) -> dict[str, str]:
    return DRAFT.page_fields(session, user.id)


def save_display_name(session: Session, user: SignedInUser, name: str) -> None:
    """Save the name and forget the draft of it, together."""
    with transaction(session):
        users.set_display_name(users.account(session, user.id), name)
    DRAFT.discard(session, user.id)


def save_language(session: Session, user: SignedInUser, code: str) -> None:
    """Remember the language the user chose with the switcher (app/i18n.py), for every device."""
    with transaction(session):
        users.account(session, user.id).language = code
