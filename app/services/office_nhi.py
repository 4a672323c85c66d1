"""The office's side of NHI enrolments: the list, a fresh signature check, decisions, files.

The check is made again on every view, from the stored bytes: the digest is recomputed from
the stored document and the signature verified against the configured signature CA at the
time of signing. A document changed after signing fails, and so does one that cannot be
decrypted. Every function taking a `staff_id` records one staff action (`services/office.py`)
and commits; transitions follow `domain/office_states.NHI_ENROLMENT`.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain import clock, nhi_answers, nhi_document, nhi_fields
from app.domain.office_states import NHI_ENROLMENT
from app.extensions import db
from app.services import nhi_pdf, nhi_signing
from app.services.errors import Conflict, NotFound, found
from app.services.office import (
    ListFilters,
    check_allowed,
    history,
    record_listing,
    record_staff_action,
)
from app.services.relay_trust import trust_config
from app.storage import blobs, nhi_enrolments
from app.storage.blobs import StoredFile
from app.storage.models import AuditEvent, NhiEnrolment
from card_relay.verify import Signer, VerificationError, verify_signing

RECORD_TYPE = NHI_ENROLMENT.kind
NOTICE_KIND = "nhi-notice"


class NotVerified(Conflict):
    """An enrolment whose signature does not verify cannot be accepted (409)."""


@dataclass(frozen=True)
class Verification:
    valid: bool
    reasons: list[str]
    signer: Signer | None = None
    document: dict[str, Any] = field(default_factory=dict)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def verify(session: Session, row: NhiEnrolment) -> Verification:
    data = nhi_signing.signed_bytes(session, row)
    if data is None:
        return Verification(False, ["document_unreadable"])
    package = nhi_signing.package_of(session, row)
    digest = hashlib.sha256(data).digest()
    reasons = [] if digest == row.digest else ["document_changed"]
    try:
        document = nhi_document.decode(data)
    except ValueError:
        document, reasons = {}, [*reasons, "document_malformed"]
    try:
        signer = verify_signing(
            certificate=base64.b64decode(package["certificate"]),
            signature=base64.b64decode(package["signature"]),
            digest=digest,
            trust=trust_config(),
            now=_aware(row.signed_at),
        )
    except VerificationError as refusal:
        return Verification(
            False, [*reasons, f"signature_{refusal.reason.lower()}"], None, document
        )
    applicant = document.get("applicant", {})
    if nhi_fields.signer_mismatches(
        cert_name=signer.name,
        cert_birth=signer.birth_date,
        applicant_name=applicant.get("name", ""),
        applicant_birth=date.fromisoformat(applicant.get("birth_date") or "1900-01-01"),
    ):
        reasons.append("signer_mismatch")
    return Verification(not reasons, reasons or ["signature_valid"], signer, document)


@dataclass(frozen=True)
class EnrolmentPage:
    """What the office's enrolment page shows."""

    row: NhiEnrolment
    answers: dict[str, Any]
    checked: Verification
    correction: str
    history: list[AuditEvent]

    @property
    def loss_date(self) -> str:
        """The earliest date anyone joining lost their previous insurance: the accept form's
        default qualification date."""
        lost_on = nhi_answers.NhiApplication.from_draft(self.answers).lost_on
        return lost_on.isoformat() if lost_on else ""


def enrolments(staff_id: str, filters: ListFilters) -> list[NhiEnrolment]:
    """The list, by state and signing day, oldest first."""
    since, until = filters.window()
    with db.transaction() as session:
        rows = nhi_enrolments.search(session, state=filters.state, since=since, until=until)
        record_listing(session, staff_id=staff_id, record_type=RECORD_TYPE, filters=filters)
    return rows


def open_enrolment(staff_id: str, enrolment_id: str) -> EnrolmentPage:
    """The enrolment with its signature checked now; the check's reasons go in the audit."""
    with db.transaction() as session:
        row = _row(session, enrolment_id)
        checked = verify(session, row)
        _log(session, row, staff_id, "viewed", *checked.reasons)
    return EnrolmentPage(
        row=row,
        answers=nhi_enrolments.answers(row),
        checked=checked,
        correction=nhi_enrolments.correction(row),
        history=history(NHI_ENROLMENT, row.id),
    )


def start_review(staff_id: str, enrolment_id: str) -> None:
    row = _row(db.session, enrolment_id)
    state = _allowed(row, staff_id, "start_review")
    with db.transaction() as session:
        nhi_enrolments.set_state(row, state)
        _log(session, row, staff_id, "review_started")


def accept(
    staff_id: str,
    enrolment_id: str,
    *,
    qualification_date: date,
    details: nhi_pdf.NoticeDetails,
    now: datetime | None = None,
) -> None:
    """Accept, recording the qualification date, and issue the notice PDF with the details
    staff typed from the office's system (the audit records which, never their values).

    Refused (409, recorded as `accept_refused`) when the state does not allow it or the
    signature does not verify now.
    """
    row = _row(db.session, enrolment_id)
    state = _allowed(row, staff_id, "accept")
    checked = verify(db.session, row)
    if not checked.valid:
        with db.transaction() as session:
            _log(session, row, staff_id, "accept_refused", *checked.reasons)
        raise NotVerified(",".join(checked.reasons))
    with db.transaction() as session:
        signed = nhi_document.application_of(checked.document)
        kinds = nhi_fields.notice_kinds([p.myna_hokensho for p in signed.people])
        issued = sorted(set(kinds))
        package = nhi_signing.package_of(session, row)
        pdf = nhi_pdf.notice_pdf(
            signed,
            kinds=kinds,
            details=details,
            reference=row.reference,
            address=package["signer"]["address"],
            qualification_date=qualification_date,
            issued_at=now or clock.now_utc(),
            language=row.language,  # the resident's, beside the office's Japanese
        )
        row.notice_blob_id = blobs.put(
            session, pdf, kind=NOTICE_KIND, media_type="application/pdf", owner_id=row.user_id
        )
        row.notice_kind = "+".join(issued)  # what the household was sent: one or both kinds
        nhi_enrolments.set_state(row, state, qualification_date=qualification_date)
        entered = ["insurer_number", "symbol_number"]
        if details.valid_until is not None:
            entered.append("valid_until")
        notices = [f"notice_{k}" for k in issued]
        _log(session, row, staff_id, "accepted", "signature_valid", *notices, *entered)


def ask_correction(staff_id: str, enrolment_id: str, *, message: str) -> None:
    row = _row(db.session, enrolment_id)
    state = _allowed(row, staff_id, "ask_correction")
    with db.transaction() as session:
        nhi_enrolments.set_state(row, state, correction_message=message)
        _log(session, row, staff_id, "correction_requested")


def open_file(staff_id: str, enrolment_id: str, blob_id: str) -> tuple[StoredFile, str]:
    """An attachment or the notice, and its download name without the extension.

    `NotFound` for any other blob.
    """
    with db.transaction() as session:
        row = _row(session, enrolment_id)
        listed = {a["id"] for a in nhi_enrolments.answers(row).get("attachments", [])}
        if blob_id not in listed | {row.notice_blob_id}:
            raise NotFound
        stored = found(blobs.get(session, blob_id))
        action = "notice_downloaded" if blob_id == row.notice_blob_id else "attachment_opened"
        _log(session, row, staff_id, action)
    return stored, f"{row.reference}-{blob_id[:8]}"


def _row(session: Session, enrolment_id: str) -> NhiEnrolment:
    return found(nhi_enrolments.get(session, enrolment_id))


def _allowed(row: NhiEnrolment, staff_id: str, action: str) -> str:
    return check_allowed(
        NHI_ENROLMENT, staff_id=staff_id, action=action, record_id=row.id, state=row.state
    )


def _log(session: Session, row: NhiEnrolment, staff_id: str, action: str, *reasons: str) -> None:
    record_staff_action(
        session,
        staff_id=staff_id,
        action=action,
        record_type=RECORD_TYPE,
        record_id=row.id,
        reasons=reasons,
    )
