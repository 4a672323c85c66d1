"""The seam to J-LIS's card application system.

`LocalCardApplicationGateway` records the application in our own database, where the
office pages read it; a real connection would be another class with the same `submit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from flask import current_app
from sqlalchemy.orm import Session

from app.domain import references
from app.storage import card_applications


@dataclass(frozen=True)
class Receipt:
    application_id: str
    reference: str


class CardApplicationGateway(Protocol):
    def submit(
        self,
        session: Session,
        *,
        user_id: str,
        route: str,
        answers: dict[str, Any],
        photo_id: str | None,
    ) -> Receipt: ...


class LocalCardApplicationGateway:
    """Records the application locally and returns its reference."""

    def submit(
        self,
        session: Session,
        *,
        user_id: str,
        route: str,
        answers: dict[str, Any],
        photo_id: str | None,
    ) -> Receipt:
        row = card_applications.add(
            session,
            reference=references.new(references.CARD_APPLICATION),
            user_id=user_id,
            route=route,
            answers=answers,
            photo_id=photo_id,
        )
        return Receipt(row.id, row.reference)


def gateway() -> CardApplicationGateway:
    """The configured gateway (`app.extensions["card_application_gateway"]`), local by default."""
    found = current_app.extensions.get("card_application_gateway")
    return found if found is not None else LocalCardApplicationGateway()
