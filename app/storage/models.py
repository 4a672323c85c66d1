"""The tables. Personal values are stored encrypted (columns ending in `_enc`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.domain import clock


def utcnow() -> datetime:
    return clock.now_utc()


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    """Declarative base shared by every table."""


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    # The WebAuthn user handle: random, never derived from personal data.
    user_handle: Mapped[bytes] = mapped_column(LargeBinary(64), unique=True)
    display_name_enc: Mapped[bytes] = mapped_column(LargeBinary)
    is_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The site language last chosen with the switcher (a code of card_relay/languages.py),
    # so that a sign-in on another device speaks it too; None until one is chosen.
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)

    credentials: Mapped[list[Credential]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Credential.created_at"
    )


class Credential(Base):
    """A passkey: the public key the authenticator made for this site."""

    __tablename__ = "credentials"

    id: Mapped[bytes] = mapped_column(LargeBinary(1023), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    transports: Mapped[str] = mapped_column(String(200), default="")
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    user: Mapped[User] = relationship(back_populates="credentials")


class Challenge(Base):
    """A single-use, short-lived challenge for a passkey ceremony, kept server-side."""

    __tablename__ = "challenges"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    purpose: Mapped[str] = mapped_column(String(20))
    challenge: Mapped[bytes] = mapped_column(LargeBinary(64))
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    # For a new account: the display name and user handle waiting for the passkey.
    pending_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Draft(Base):
    """Answers saved as the user types, one row per user and form."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key", name="uq_drafts_user_form"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    form_key: Mapped[str] = mapped_column(String(100))
    data_enc: Mapped[bytes] = mapped_column(LargeBinary)
    # Bumped by every save: a save only lands on the version it read (optimistic concurrency,
    # app/storage/drafts.py), so two tabs saving at once never overwrite each other.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UserSession(Base):
    """A signed-in session. The cookie holds a random id; only its SHA-256 is stored, so a
    database reader cannot forge a cookie. Deleting the row ends the session everywhere."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Absolute end, fixed at sign-in: using the session does not move it.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RateLimit(Base):
    """A fixed-window rate-limit counter shared by every worker (app/storage/rate_limits.py)."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    # Seconds since the epoch when the window ends: plain numbers compare the same way on
    # SQLite and PostgreSQL inside the single upsert statement.
    expires_at: Mapped[float] = mapped_column(Float)


class Blob(Base):
    """A file (photo, attachment, signed document), encrypted; kept in the database so that
    every worker on every machine sees it without a shared disk."""

    __tablename__ = "blobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Photo(Base):
    """An ID photo a user uploaded, with what `photo_checks` found; the file is a blob."""

    __tablename__ = "photos"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    blob_id: Mapped[str] = mapped_column(ForeignKey("blobs.id", ondelete="CASCADE"))
    overlay_blob_id: Mapped[str | None] = mapped_column(
        ForeignKey("blobs.id", ondelete="SET NULL"), nullable=True
    )
    verdict: Mapped[str] = mapped_column(String(10))
    report_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CardApplication(Base):
    """A card application as the local gateway received it; the answers are encrypted."""

    __tablename__ = "card_applications"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    route: Mapped[str] = mapped_column(String(20))
    answers_enc: Mapped[bytes] = mapped_column(LargeBinary)
    photo_id: Mapped[str | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RelayDocument(Base):
    """A canonical document a journey wants signed; the digest is computed from it here."""

    __tablename__ = "relay_documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    session_key: Mapped[str] = mapped_column(String(64), index=True)
    blob_id: Mapped[str] = mapped_column(ForeignKey("blobs.id", ondelete="CASCADE"))
    digest: Mapped[bytes] = mapped_column(LargeBinary(32))
    display_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RelayJob(Base):
    """One card operation asked for by a page and done by an agent or a phone.

    The ticket and the agent's bearer token are kept only as SHA-256 hashes; the challenge is
    deleted in the transaction that accepts the result; the outcome is encrypted.
    """

    __tablename__ = "relay_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    purpose: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(20), index=True)
    progress: Mapped[str] = mapped_column(String(20), default="")
    session_key: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    origin: Mapped[str] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(16))  # a site code: "ja-x-easy" has 9 characters
    return_to: Mapped[str] = mapped_column(String(500))
    ticket_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    token_hash: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    challenge: Mapped[bytes | None] = mapped_column(LargeBinary(64), nullable=True)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("relay_documents.id", ondelete="SET NULL"), nullable=True
    )
    cross_device: Mapped[bool] = mapped_column(Boolean, default=False)
    code_hash: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    code_attempts: Mapped[int] = mapped_column(Integer, default=0)
    outcome_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    reason: Mapped[str] = mapped_column(String(40), default="")
    tries_left: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


# --- NHI enrolment (issue 8) and the staff audit trail ---------------------------------------
class AuditEvent(Base):
    """A staff action: who, what, on which record, when, with reason codes. No personal data:
    the record is named by its id, the reasons are fixed codes."""

    __tablename__ = "audit_events"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    actor_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(32), index=True)
    reasons: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class NhiEnrolment(Base):
    """A signed NHI enrolment as the office received it. The answers, the signed document and
    the signature package (signature + certificate) are encrypted; the digest is the SHA-256
    of the document as signed, kept to show a later change of the stored document."""

    __tablename__ = "nhi_enrolments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    relay_job_id: Mapped[str] = mapped_column(String(32), unique=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    answers_enc: Mapped[bytes] = mapped_column(LargeBinary)
    document_blob_id: Mapped[str] = mapped_column(ForeignKey("blobs.id"))
    package_blob_id: Mapped[str] = mapped_column(ForeignKey("blobs.id"))
    digest: Mapped[bytes] = mapped_column(LargeBinary(32))
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # The site language the resident sent it in: the notice staff issue later prints it
    # beside the Japanese (issue 17).
    language: Mapped[str] = mapped_column(String(16), default="ja", server_default="ja")
    qualification_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    notice_kind: Mapped[str] = mapped_column(String(20), default="")
    notice_blob_id: Mapped[str | None] = mapped_column(
        ForeignKey("blobs.id", ondelete="SET NULL"), nullable=True
    )
    correction_enc: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- Health-insurance registration and its cancellation (issue 7) ----------------------------
class InsuranceRegistration(Base):
    """A card registered for health-insurance use, as the local registry records it.

    The card is named by its user-authentication certificate (issuer and serial), never by
    the Individual Number; no PIN ever reaches the server.
    """

    __tablename__ = "insurance_registrations"
    __table_args__ = (
        UniqueConstraint("issuer", "serial", name="uq_insurance_registrations_certificate"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    issuer: Mapped[str] = mapped_column(String(500))
    serial: Mapped[str] = mapped_column(String(64))  # hexadecimal
    certificate_not_after: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InsuranceCancellation(Base):
    """A request to cancel the registration, sent to the ward (the NHI insurer).

    Answers and the attachments' names and blob ids are encrypted; the office moves `status`
    from "received" through "in_progress" to "completed" (資格確認書 posted).
    """

    __tablename__ = "insurance_cancellations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    applicant: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    answers_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
