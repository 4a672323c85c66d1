"""The office's side of NHI enrolments: a fresh signature check, decisions, the notice.

The check is made again on every view, from the stored bytes: the digest is recomputed from
the stored document and the signature verified against the configured signature CA at the
time of signing. A document changed after signing fails, and so does one that cannot be
decrypted. Decisions are audit-logged with reason codes only.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain import clock, nhi_document, nhi_fields
from app.services import nhi_pdf, nhi_signing
from app.services.relay_trust import trust_config
from app.storage import audit, blobs, nhi_enrolments
from app.storage.models import NhiEnrolment
from card_relay.verify import Signer, VerificationError, verify_signing

RECORD_TYPE = "nhi_enrolment"
NOTICE_KIND = "nhi-notice"


class NotVerified(Exception):
    """An enrolment whose signature does not verify cannot be accepted."""


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


def log(session: Session, row: NhiEnrolment, staff_id: str, action: str, *reasons: str) -> None:
    audit.record(
        session,
        actor_id=staff_id,
        action=action,
        record_type=RECORD_TYPE,
        record_id=row.id,
        reasons=reasons,
    )


def start_review(session: Session, row: NhiEnrolment, *, staff_id: str) -> None:
    if row.state == "received":
        nhi_enrolments.set_state(row, "in_review")
        log(session, row, staff_id, "review_started")
    session.commit()


def accept(
    session: Session,
    row: NhiEnrolment,
    *,
    staff_id: str,
    qualification_date: date,
    now: datetime | None = None,
) -> None:
    """Accept, recording the qualification date, and issue the notice PDF."""
    checked = verify(session, row)
    if not checked.valid:
        log(session, row, staff_id, "accept_refused", *checked.reasons)
        session.commit()
        raise NotVerified(",".join(checked.reasons))
    people = checked.document.get("people", [])
    kind = nhi_fields.notice_kind([p.get("myna_hokensho", "") for p in people])
    package = nhi_signing.package_of(session, row)
    pdf = nhi_pdf.notice_pdf(
        checked.document,
        kind=kind,
        reference=row.reference,
        address=package["signer"]["address"],
        qualification_date=qualification_date,
        issued_at=now or clock.now_utc(),
    )
    row.notice_blob_id = blobs.put(
        session, pdf, kind=NOTICE_KIND, media_type="application/pdf", owner_id=row.user_id
    )
    row.notice_kind = kind
    nhi_enrolments.set_state(row, "accepted", qualification_date=qualification_date)
    log(session, row, staff_id, "accepted", "signature_valid", f"notice_{kind}")
    session.commit()


def ask_correction(session: Session, row: NhiEnrolment, *, staff_id: str, message: str) -> None:
    nhi_enrolments.set_state(row, "needs_correction", correction_message=message)
    log(session, row, staff_id, "correction_requested")
    session.commit()
