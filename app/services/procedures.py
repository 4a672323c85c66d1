"""The journeys the dashboard lists (`app/journeys.py`), with each one's status for a user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.journeys import JOURNEYS, Journey
from app.storage import drafts, users
from app.storage.user_sessions import SignedInUser


@dataclass(frozen=True)
class Procedure:
    journey: Journey
    status: str  # "not_started" | "in_progress" | "completed"

    @property
    def key(self) -> str:
        return self.journey.key

    @property
    def endpoint(self) -> str:
        return self.journey.start_endpoint


def procedures_for(session: Session, user_id: str) -> list[Procedure]:
    """Each journey and how far the user got: its completion rule first (what was sent or
    decided), else a saved draft means in progress."""
    draft_keys = drafts.keys(session, user_id)
    result = []
    for journey in JOURNEYS:
        started = any(journey.owns_draft(key) for key in draft_keys)
        status = journey.completion(session, user_id) or (
            "in_progress" if started else "not_started"
        )
        result.append(Procedure(journey, status))
    return result


@dataclass(frozen=True)
class Dashboard:
    display_name: str
    procedures: list[Procedure]


def dashboard(session: Session, user: SignedInUser) -> Dashboard:
    """What the signed-in dashboard shows: the user's name and each journey's status."""
    return Dashboard(users.display_name(user), procedures_for(session, user.id))
