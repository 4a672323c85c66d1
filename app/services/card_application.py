"""The card application: eligibility answers, the draft, and sending it through the gateway."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.domain import application
from app.gateways.card_application import Receipt, gateway
from app.services.drafts import DraftStore
from app.storage import card_applications

DRAFT_KEY = "apply.application"
DRAFT = DraftStore(DRAFT_KEY)
# Eligibility answers that the application keeps (for the office and the PDF copy).
CARRIED = ("have_form", "who", "period_of_stay", "stay_end", "express")


def load(session: Session, user_id: str) -> dict[str, Any]:
    return DRAFT.load(session, user_id)


def update(session: Session, user_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Merge answers into the draft (committed)."""
    return DRAFT.merge(session, user_id, changes)


def begin(
    session: Session, user_id: str, route: str, eligibility: dict[str, Any]
) -> dict[str, Any]:
    """Start, or go on with, an application by `route`; answers already given are kept."""
    carried = {k: eligibility[k] for k in CARRIED if k in eligibility}
    if eligibility.get("have_form") == "qr":
        carried["has_qr"] = True
    return update(session, user_id, {**carried, "route": route})


def first_step(answers: dict[str, Any], *, today: date) -> str | None:
    route = answers.get("route", "smartphone")
    return application.next_step(route, "", answers, today=today)


def submit(session: Session, user_id: str, *, today: date) -> Receipt | list[str]:
    """Send a complete application; otherwise return the steps still to answer."""
    answers = load(session, user_id)
    route = answers.get("route")
    if not route:
        return ["route"]
    still = application.missing(route, answers, today=today)
    if still:
        return still
    receipt = gateway().submit(
        session,
        user_id=user_id,
        route=route,
        answers=answers,
        photo_id=answers.get("photo_id"),
    )
    DRAFT.discard(session, user_id)  # commits the application with the draft's removal
    return receipt


def has_sent(session: Session, user_id: str) -> bool:
    return bool(card_applications.for_user(session, user_id))


def today() -> date:
    """Today in Japan, where the rules' dates are counted."""
    return datetime.now(ZoneInfo("Asia/Tokyo")).date()
