"""The four procedures the dashboard lists, with each one's status for a user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.storage import card_applications, drafts, nhi_enrolments, photos, users
from app.storage.insurance import registrations_for_user
from app.storage.models import User


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
    """Each procedure and how far the user got: a saved draft means in progress.

    Completed: "apply" once an application was sent (or the mail form made), "photo" once
    a photo passed the checks (with advice or without), "nhi" once the office accepted an
    enrolment (a sent one is in progress until then).
    """
    draft_keys = drafts.keys(session, user_id)
    nhi = nhi_enrolments.for_user(session, user_id)
    completed = {
        "apply": bool(card_applications.for_user(session, user_id)),
        "photo": photos.has_passed(session, user_id),
        "insurance": bool(registrations_for_user(session, user_id)),
        "nhi": any(row.state == "accepted" for row in nhi),
    }
    sent = {"nhi": bool(nhi)}
    result = []
    for key, endpoint in PROCEDURE_KEYS:
        started = sent.get(key) or any(k == key or k.startswith(f"{key}.") for k in draft_keys)
        status = "completed" if completed.get(key) else "in_progress" if started else "not_started"
        result.append(Procedure(key, endpoint, status))
    return result


@dataclass(frozen=True)
class Dashboard:
    display_name: str
    procedures: list[Procedure]


def dashboard(session: Session, user: User) -> Dashboard:
    """What the signed-in dashboard shows: the user's name and each procedure's status."""
    return Dashboard(users.display_name(user), procedures_for(session, user.id))
