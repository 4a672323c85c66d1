"""The profile: the display name, with a draft of what is being typed (kept on any device
until saved, like every signed-in form: app/services/drafts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.services.drafts import DraftStore
from app.storage import users
from app.storage.db import transaction

if TYPE_CHECKING:
    from app.storage.models import User

DRAFT = DraftStore("account.profile")
FIELD = "display_name"


def display_name(user: User) -> str:
    return users.display_name(user)


def typed_name(session: Session, user: User) -> str | None:
    """The name typed and not yet saved, if any."""
    if not DRAFT.exists(session, user.id):
        return None
    return str(DRAFT.load(session, user.id).get(FIELD, display_name(user)))


def save_display_name(session: Session, user: User, name: str) -> None:
    """Save the name and forget the draft of it, together."""
    with transaction(session):
        users.set_display_name(user, name)
    DRAFT.discard(session, user.id)
