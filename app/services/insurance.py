"""Registering a card for insurance use from a claimed relay result, and reading its status.

The relay has already verified the certificate chain, validity and revocation (an expired or
revoked certificate never reaches here: the relay's own page shows the renewal help).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain import clock, dates, expiry
from app.extensions import db
from app.gateways.insurance_registry import Registration, registry, serial_text
from app.services import card_sessions, receivers
from app.services.errors import NotFound
from app.storage import insurance as records
from app.storage.models import InsuranceRegistration

JST = clock.JAPAN


@dataclass(frozen=True)
class CardCertificate:
    """What an `auth` result tells us about the card: which certificate, and until when."""

    issuer: str
    serial: str
    not_after: datetime

    @property
    def expires_on(self) -> date:
        """The last valid day in Japan (certificates end at 23:59:59 JST)."""
        return self.not_after.astimezone(JST).date()


@dataclass(frozen=True)
class CertificateDates:
    expires_on: date
    renewal_opens: date


def certificate_from_job(
    session: Session, job_id: str | None, session_key: str
) -> CardCertificate | None:
    """The verified, claimed user-authentication certificate of this session's job."""
    if not job_id:
        return None
    outcome = card_sessions.claimed_outcome(session, job_id, session_key)
    if not outcome or "subject" not in outcome or "not_after" not in outcome:
        return None  # not claimed, not verified, or a signing job
    return CardCertificate(
        issuer=str(outcome["issuer"]),
        serial=serial_text(outcome["serial"]),
        not_after=datetime.fromisoformat(outcome["not_after"]),
    )


def register(certificate: CardCertificate, user_id: str | None) -> Registration:
    """Register the card (or find its registration) and commit: this service owns the
    transaction, the registry gateway only adds to it. Only a demonstration records one:
    with `none` nobody receives registrations (NotFound)."""
    receivers.require_sending("insurance_registration")
    try:
        with db.transaction() as session:
            return registry().register(
                session,
                issuer=certificate.issuer,
                serial=certificate.serial,
                not_after=certificate.not_after,
                user_id=user_id,
            )
    except IntegrityError:  # the same card, registered at the same moment elsewhere
        again = lookup(db.session, certificate)
        if again is None:
            raise
        return again


def registration_to_show(
    reference: str, *, known: list[str], user_id: str | None
) -> InsuranceRegistration:
    """The registration behind a confirmation page, if this visitor may see it: its reference
    is in the session (`known`) or it belongs to the signed-in user; otherwise `NotFound`."""
    row = records.registration_by_reference(db.session, reference)
    if row is None or not (reference in known or (user_id and row.user_id == user_id)):
        raise NotFound
    return row


def registrations_for_user(user_id: str) -> list[InsuranceRegistration]:
    """The user's recorded registrations, newest first (the status page)."""
    return records.registrations_for_user(db.session, user_id)


def lookup(session: Session, certificate: CardCertificate) -> Registration | None:
    return registry().lookup(session, issuer=certificate.issuer, serial=certificate.serial)


def certificate_dates(not_after: datetime) -> CertificateDates:
    """The certificate's last day and when renewal opens.

    No "works for health insurance until" date: reading the chip gives the certificate's end,
    not the card's, and the grace never outlasts the card or the stay (`expiry.insurance_until`,
    review plan D13), so the pages state the grace as a rule instead."""
    aware = not_after if not_after.tzinfo else not_after.replace(tzinfo=UTC)
    last = aware.astimezone(JST).date()
    return CertificateDates(
        expires_on=last,
        renewal_opens=dates.add_months(last, -expiry.RENEWAL_WINDOW_MONTHS),
    )
