"""The four procedures the dashboard lists, with each one's status for a user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.storage import drafts


@dataclass(frozen=True)
class Procedure:
    key: str
    endpoint: str
    status: str  # "not_started" | "in_progress" | "completed"


# The order a resident usually meets them: get the card (with its photo), then use it.
PROCEDURE_KEYS = (
    ("apply", "apply.start"),
    ("photo", "photo.start"),
    ("insurance", "insurance.start"),
    ("nhi", "nhi.start"),
)


def procedures_for(session: Session, user_id: str) -> list[Procedure]:
    """Each procedure and how far the user got: a saved draft means in progress."""
    draft_keys = drafts.keys(session, user_id)
    result = []
    for key, endpoint in PROCEDURE_KEYS:
        started = any(k == key or k.startswith(f"{key}.") for k in draft_keys)
        result.append(Procedure(key, endpoint, "in_progress" if started else "not_started"))
    return result
