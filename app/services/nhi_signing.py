"""Signing an NHI application with the card: the canonical document is registered with the
relay, and after the claim the signer is checked against the applicant and the signed package
(document, signature, certificate) is stored encrypted as a received enrolment."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain import clock, nhi_document, nhi_fields
from app.domain.nhi_answers import NhiApplicant
from app.labels import nhi as labels
from app.services import card_sessions, nhi_drafts, receivers
from app.services.errors import Conflict, found
from app.services.relay_documents import register_document
from app.services.sent_requests import SentRequest
from app.storage import blobs, nhi_enrolments
from app.storage.crypto import DecryptionError
from app.storage.models import NhiEnrolment, RelayDocument

DOCUMENT_KIND = "nhi-signed-document"
PACKAGE_KIND = "nhi-signature-package"
TITLE = "国民健康保険 加入届 / National Health Insurance enrolment"


def prepare(
    session: Session, *, user_id: str, answers: dict[str, Any], session_key: str
) -> RelayDocument:
    """The relay document for the current answers: reused while the answers and the browser
    session are the same, registered anew otherwise. Nobody to sign for (`none`): NotFound."""
    receivers.require_sending("nhi_enrolment")
    data = nhi_document.canonical_bytes(answers)
    digest = hashlib.sha256(data).digest()
    known = session.get(RelayDocument, answers.get("document_id") or "")
    if known is not None and known.digest == digest and known.session_key == session_key:
        return known
    document = register_document(
        session,
        data=data,
        media_type=nhi_document.MEDIA_TYPE,
        title=TITLE,
        lines=nhi_document.summary_lines(
            nhi_document.document(nhi_drafts.application(answers)), digest.hex()
        ),
        session_key=session_key,
        owner_id=user_id,
    )
    nhi_drafts.update(session, user_id, {"document_id": document.id})  # commits both
    return document


@dataclass(frozen=True)
class Finished:
    """An enrolment, or why none was made: not_signed, changed, mismatch."""

    enrolment: NhiEnrolment | None
    problem: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def finish(
    session: Session,
    *,
    user_id: str,
    job_id: str,
    session_key: str,
    language: str,
    now: datetime | None = None,
) -> Finished:
    """Turn a claimed signature into a received enrolment (once per job), kept with the site
    `language` it was sent in (the office's notice prints it); NotFound when nobody receives
    enrolments (`none`)."""
    receivers.require_sending("nhi_enrolment")
    existing = nhi_enrolments.by_job(session, job_id)
    if existing is not None:
        return Finished(existing) if existing.user_id == user_id else Finished(None, "not_signed")
    outcome = card_sessions.claimed_outcome(session, job_id, session_key)
    if outcome is None or "signature" not in outcome:
        return Finished(None, "not_signed")
    answers = nhi_drafts.load(session, user_id)
    data = nhi_document.canonical_bytes(answers)
    document = session.get(RelayDocument, outcome.get("document_id") or "")
    if (
        document is None
        or document.id != answers.get("document_id")
        or document.digest != hashlib.sha256(data).digest()
    ):
        return Finished(None, "changed")
    applicant = nhi_drafts.application(answers).applicant or NhiApplicant()
    cert_birth = date.fromisoformat(str(outcome["birth_date"])[:10])
    mismatches = nhi_fields.signer_mismatches(
        cert_name=outcome["name"],
        cert_birth=cert_birth,
        applicant_name=applicant.full_name,
        applicant_birth=date.fromisoformat(applicant.birth_date or "1900-01-01"),
    )
    if mismatches:
        details = {"mismatches": mismatches, "name": outcome["name"], "birth_date": cert_birth}
        return Finished(None, "mismatch", details)
    signed_at = now or clock.now_utc()
    row = _store(session, user_id, job_id, answers, data, outcome, signed_at, language)
    nhi_drafts.discard(session, user_id)  # commits the enrolment with the draft's removal
    return Finished(row)


def _store(
    session: Session,
    user_id: str,
    job_id: str,
    answers: dict[str, Any],
    data: bytes,
    outcome: dict[str, Any],
    signed_at: datetime,
    language: str,
) -> NhiEnrolment:
    digest = hashlib.sha256(data).digest()
    package = {
        "hash_alg": "SHA-256",
        "signature_alg": "RSASSA-PKCS1-v1_5",
        "digest": digest.hex(),
        "signature": outcome["signature"],
        "certificate": outcome["certificate"],
        "signer": {k: str(outcome[k]) for k in ("name", "address", "birth_date", "sex")},
        "issuer": outcome["issuer"],
        "serial": str(outcome["serial"]),
        "not_after": str(outcome["not_after"]),
        "signed_at": signed_at.isoformat(),
    }
    document_blob = blobs.put(
        session, data, kind=DOCUMENT_KIND, media_type=nhi_document.MEDIA_TYPE, owner_id=user_id
    )
    package_blob = blobs.put(
        session,
        json.dumps(package, ensure_ascii=False).encode(),
        kind=PACKAGE_KIND,
        media_type="application/json",
        owner_id=user_id,
    )
    kept = {k: v for k, v in answers.items() if k not in ("partial", "document_id")}
    return nhi_enrolments.create(
        session,
        user_id=user_id,
        relay_job_id=job_id,
        answers=kept,
        document_blob_id=document_blob,
        package_blob_id=package_blob,
        digest=digest,
        signed_at=signed_at,
        language=language,
    )


def package_of(session: Session, row: NhiEnrolment) -> dict[str, Any]:
    stored = blobs.get(session, row.package_blob_id)
    return json.loads(stored.data) if stored else {}


def notice_bytes(session: Session, row: NhiEnrolment) -> bytes | None:
    """The notice the office issued to this enrolment's owner (in the language they sent it
    in, beside the office's Japanese), or None before the office has issued one."""
    if row.notice_blob_id is None:
        return None
    stored = blobs.get(session, row.notice_blob_id, owner_id=row.user_id)
    return stored.data if stored else None


def signed_bytes(session: Session, row: NhiEnrolment) -> bytes | None:
    """The stored document, or None when it cannot be read (missing, or failed decryption)."""
    try:
        stored = blobs.get(session, row.document_blob_id)
    except DecryptionError:  # an altered ciphertext: what the office must see
        return None
    return stored.data if stored else None


def own_enrolment(session: Session, user_id: str, enrolment_id: str) -> NhiEnrolment:
    """The user's own enrolment (NotFound for anyone else's)."""
    return found(nhi_enrolments.get(session, enrolment_id, user_id=user_id))


def enrolments_of(session: Session, user_id: str) -> list[NhiEnrolment]:
    """The user's signed and sent enrolments, newest first."""
    return nhi_enrolments.for_user(session, user_id)


def sent_requests(session: Session, user_id: str) -> list[SentRequest]:
    """The user's enrolments as `/nhi/` lists them, newest first."""
    return [
        SentRequest(
            id=row.id,
            reference=row.reference,
            sent_at=row.signed_at,
            state=row.state,
            states=labels.STATES,
        )
        for row in enrolments_of(session, user_id)
    ]


def sent_answers(row: NhiEnrolment) -> dict[str, Any]:
    return nhi_enrolments.answers(row)


def correction(row: NhiEnrolment) -> str:
    """What the office asked to correct."""
    return nhi_enrolments.correction(row)


def start_correction(session: Session, row: NhiEnrolment) -> None:
    """A corrected application, started from what was sent (Conflict unless the office asked
    for a correction)."""
    if row.state != "needs_correction":
        raise Conflict(row.id)
    nhi_drafts.save(session, row.user_id, {**nhi_enrolments.answers(row), "declaration": ""})
