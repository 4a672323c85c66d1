"""The seam to the online qualification system where cards are registered for insurance use.

The card is named by its user-authentication certificate: issuer and serial, as the
verified relay result gives them. Never the Individual Number, never a PIN.
`LocalInsuranceRegistry` records in our database; a real connection would be another class
with the same methods, set as `app.extensions["insurance_registry"]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from flask import current_app
from sqlalchemy.orm import Session

from app.domain import references
from app.storage import insurance
from app.storage.models import InsuranceRegistration


@dataclass(frozen=True)
class Registration:
    reference: str
    issuer: str
    serial: str
    certificate_not_after: datetime
    registered_at: datetime
    new: bool = False  # False when this certificate was already registered


class InsuranceRegistry(Protocol):
    def register(
        self,
        session: Session,
        *,
        issuer: str,
        serial: str,
        not_after: datetime,
        user_id: str | None,
    ) -> Registration: ...

    def lookup(self, session: Session, *, issuer: str, serial: str) -> Registration | None: ...


def serial_text(serial: int | str) -> str:
    """The serial as lower-case hexadecimal (the relay gives an int or, when large, a string)."""
    return format(int(serial), "x")


class LocalInsuranceRegistry:
    """Records registrations in our own table; registering the same certificate twice is a no-op."""

    def register(
        self,
        session: Session,
        *,
        issuer: str,
        serial: str,
        not_after: datetime,
        user_id: str | None,
    ) -> Registration:
        """Add (or find) the registration in the caller's transaction; the caller commits.

        Flushes, so the same card registered at the same moment elsewhere raises
        `IntegrityError` here, and the caller finds that registration instead.
        """
        existing = insurance.registration_for(session, issuer, serial)
        if existing is not None:
            if existing.user_id is None and user_id is not None:
                existing.user_id = user_id
            return _as_registration(existing)
        row = insurance.add_registration(
            session,
            reference=references.new(references.INSURANCE_REGISTRATION),
            user_id=user_id,
            issuer=issuer,
            serial=serial,
            not_after=not_after,
        )
        session.flush()
        return _as_registration(row, new=True)

    def lookup(self, session: Session, *, issuer: str, serial: str) -> Registration | None:
        row = insurance.registration_for(session, issuer, serial)
        return _as_registration(row) if row else None


def _as_registration(row: InsuranceRegistration, *, new: bool = False) -> Registration:
    return Registration(
        row.reference, row.issuer, row.serial, row.certificate_not_after, row.created_at, new
    )


def registry() -> InsuranceRegistry:
    found = current_app.extensions.get("insurance_registry")
    return found if found is not None else LocalInsuranceRegistry()
