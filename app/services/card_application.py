"""The card application: eligibility answers, the draft, and sending it through the gateway."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.domain import application, clock
from app.gateways.card_application import Receipt, gateway
from app.labels import apply as labels
from app.services import receivers
from app.services.drafts import DraftStore
from app.services.errors import found
from app.services.sent_requests import SentRequest
from app.storage import blobs, card_applications, photos
from app.storage.models import CardApplication, Photo

DRAFT_KEY = "apply.application"
DRAFT = DraftStore(DRAFT_KEY)
# Eligibility answers that the application keeps (for the office and the PDF copy).
CARRIED = ("have_form", "who", "period_of_stay", "stay_end", "express")


def load(session: Session, user_id: str) -> dict[str, Any]:
    return DRAFT.load(session, user_id)


def typed(answers: dict[str, Any]) -> application.CardApplicationAnswers:
    """The draft's answers, typed."""
    return application.CardApplicationAnswers.from_draft(answers)


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
    return application.next_step("", typed(answers), today=today)


def submit(session: Session, user_id: str, *, today: date) -> Receipt | list[str]:
    """Send a complete application; otherwise return the steps still to answer.

    The mail route only makes the form to post, so it is always there; the online route is
    sent only when someone receives it (NotFound with `none`).
    """
    answers = load(session, user_id)
    route = typed(answers).route
    if not route:
        return ["route"]
    if route != "mail":
        receivers.require_sending("card_application")
    still = application.missing(typed(answers), today=today)
    if still:
        return still
    receipt = gateway().submit(
        session,
        user_id=user_id,
        route=route,
        answers=answers,
        photo_id=typed(answers).photo_id or None,
    )
    DRAFT.discard(session, user_id)  # commits the application with the draft's removal
    return receipt


def has_sent(session: Session, user_id: str) -> bool:
    return bool(card_applications.for_user(session, user_id))


def sent_applications(session: Session, user_id: str) -> list[CardApplication]:
    """The user's sent applications (and mail forms made), newest first."""
    return card_applications.for_user(session, user_id)


def sent_requests(session: Session, user_id: str) -> list[SentRequest]:
    """The user's sent applications as `/apply/` lists them, newest first."""
    return [
        SentRequest(
            id=row.id,
            reference=row.reference,
            sent_at=row.created_at,
            state="to_post" if row.route == "mail" else "received",
            states=labels.STATES,
        )
        for row in sent_applications(session, user_id)
    ]


def sent_application(session: Session, user_id: str, application_id: str) -> CardApplication:
    """The user's own sent application (NotFound for anyone else's)."""
    return found(card_applications.get(session, application_id, user_id=user_id))


def sent_typed(row: CardApplication) -> application.CardApplicationAnswers:
    """The answers as sent, typed (the sent page and the PDFs read them)."""
    return typed(card_applications.answers(row))


def chosen_photo(
    session: Session, user_id: str, answers: application.CardApplicationAnswers
) -> Photo | None:
    """The photo the draft will send, if the user chose one."""
    return photos.get(session, answers.photo_id, owner_id=user_id)


def photo_of(session: Session, row: CardApplication) -> tuple[bytes | None, list[int] | None]:
    """The photo sent with an application and its crop, for the PDF."""
    chosen = photos.get(session, row.photo_id or "", owner_id=row.user_id)
    if chosen is None:
        return None, None
    stored = blobs.get(session, chosen.blob_id, owner_id=row.user_id)
    return (stored.data if stored else None), photos.report(chosen).get("crop")


def today() -> date:
    """Today in Japan, where the rules' dates are counted."""
    return clock.today_in_japan()
