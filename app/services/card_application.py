"""The card application: eligibility answers, the draft, and sending it through the gateway."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.domain import application, clock
from app.gateways.card_application import Receipt, gateway
from app.storage import card_applications, drafts
from app.storage.models import CardApplication

DRAFT_KEY = "apply.application"
# Eligibility answers that the application keeps (for the office and the PDF copy).
CARRIED = ("have_form", "who", "period_of_stay", "stay_end", "express")


def load(session: Session, user_id: str) -> dict[str, Any]:
    return drafts.load(session, user_id, DRAFT_KEY) or {}


def update(session: Session, user_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Merge answers into the draft; the caller commits."""
    return edit(session, user_id, drafts.merging(changes)).answers


def edit(
    session: Session, user_id: str, change: drafts.Change, *, since: drafts.Since | None = None
) -> drafts.Saved:
    """Change the draft as it is stored now (see app/storage/drafts.py); the caller commits."""
    return drafts.update(session, user_id, DRAFT_KEY, change, since=since)


def page_fields(session: Session, user_id: str) -> dict[str, str]:
    return drafts.page_fields(session, user_id, DRAFT_KEY)


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
    drafts.discard(session, user_id, DRAFT_KEY)
    return receipt


def has_sent(session: Session, user_id: str) -> bool:
    return bool(card_applications.for_user(session, user_id))


def today() -> date:
    """Today in Japan, where the rules' dates are counted."""
    return clock.today_in_japan()


def sent(session: Session, user_id: str) -> list[CardApplication]:
    """The user's sent applications, newest first."""
    return card_applications.for_user(session, user_id)
