"""A request to cancel the insurance registration: answers and documents, kept as a draft
for the signed-in resident until sent, then recorded for the ward office (the NHI insurer).

Documents go through the one upload pipeline (`services/uploads.py`, rule `files.DOCUMENT`):
judged by their bytes, images without their metadata, every file stored encrypted. The
draft holds only blob ids and the answers, encrypted too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.domain import cancellation, references
from app.domain.answers import Section
from app.domain.files import DOCUMENT, FileProblem
from app.labels import insurance as labels
from app.services import receivers, uploads
from app.services.drafts import DraftStore
from app.services.errors import found
from app.services.sent_requests import SentRequest
from app.storage import blobs, insurance
from app.storage.db import transaction
from app.storage.models import InsuranceCancellation

DRAFT_KEY = "insurance.cancel"
DOCUMENT_KINDS = cancellation.DOCUMENT_KINDS
BLOB_KIND = "insurance_cancel_document"
RULE = DOCUMENT

DRAFT = DraftStore(DRAFT_KEY)


@dataclass(frozen=True)
class Stored:
    blob_id: str
    name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class CancellationDetails(Section):
    """The insured person, as the MHLW template asks."""

    name: str = ""
    birth_date: str = ""  # ISO date
    address: str = ""
    phone: str = ""
    insured_number: str = ""
    reason: str = ""


@dataclass(frozen=True)
class CancellationRequest:
    """The request's answers as the draft keeps them (`applicant`, `insurer`, `valid_card`,
    `details`, `documents` by kind)."""

    applicant: str = ""
    insurer: str = ""
    valid_card: str = ""
    details: CancellationDetails | None = None
    documents: dict[str, Stored] = field(default_factory=dict)

    @classmethod
    def from_draft(cls, answers: dict[str, Any]) -> CancellationRequest:
        details = answers.get("details")
        return cls(
            applicant=str(answers.get("applicant", "")),
            insurer=str(answers.get("insurer", "")),
            valid_card=str(answers.get("valid_card", "")),
            details=CancellationDetails.from_draft(details) if details else None,
            documents={k: Stored(**v) for k, v in answers.get("documents", {}).items()},
        )

    def to_draft(self) -> dict[str, Any]:
        answers: dict[str, Any] = {
            "applicant": self.applicant,
            "insurer": self.insurer,
            "valid_card": self.valid_card,
        }
        if self.details is not None:
            answers["details"] = self.details.to_draft()
        answers["documents"] = {k: asdict(v) for k, v in self.documents.items()}
        return answers

    @property
    def needed_documents(self) -> tuple[str, ...]:
        """The documents the rule asks of this request (`cancellation.needed_documents`)."""
        return cancellation.needed_documents(self.applicant, self.valid_card)

    @property
    def qualification_form(self) -> str:
        """How a 資格確認書 follows (`cancellation.qualification_form`)."""
        return cancellation.qualification_form(self.applicant, self.valid_card)

    @property
    def complete(self) -> bool:
        """Every question answered and every needed document added."""
        return (
            self.valid_card in ("yes", "no")
            and self.details is not None
            and all(k in self.documents for k in self.needed_documents)
        )

    def sent(self) -> CancellationRequest:
        """The request as it is sent: only the documents it needs (a copy added before an
        answer changed is not sent)."""
        needed = self.needed_documents
        kept = {k: v for k, v in self.documents.items() if k in needed}
        return CancellationRequest(
            self.applicant, self.insurer, self.valid_card, self.details, kept
        )


def draft(session: Session, user_id: str) -> dict[str, Any]:
    return DRAFT.load(session, user_id)


def remember(session: Session, user_id: str, **values: Any) -> dict[str, Any]:
    return DRAFT.merge(session, user_id, values)


def needed_documents(answers: dict[str, Any]) -> tuple[str, ...]:
    return CancellationRequest.from_draft(answers).needed_documents


def store_documents(
    session: Session, user_id: str, chosen: Mapping[str, uploads.Upload]
) -> tuple[dict[str, Any], dict[str, FileProblem]]:
    """Store the needed documents the resident chose (`files.DOCUMENT` rule) and keep them
    in the draft with the files they replace deleted, committed; returns the draft and what
    was refused, by kind of document (a needed one never chosen is MISSING)."""
    answers = draft(session, user_id)
    documents = dict(answers.get("documents", {}))
    needed = {kind: chosen.get(kind) for kind in needed_documents(answers)}
    stored, refused = uploads.store_each(
        session, needed, kept=set(documents), rule=RULE, blob_kind=BLOB_KIND, owner_id=user_id
    )
    for kind, upload in stored.items():
        documents[kind] = {
            "blob_id": upload.blob_id,
            "name": upload.name,
            "media_type": upload.media_type,
            "size": upload.size,
        }
    return save_documents(session, user_id, documents), refused


def save_documents(session: Session, user_id: str, documents: dict[str, Any]) -> dict[str, Any]:
    """Keep the draft's documents (committed with the files they list), then delete the files
    they replaced."""
    current = DRAFT.merge(session, user_id, {"documents": documents})
    with transaction(session):
        _delete_replaced(session, user_id)
    return current


def _delete_replaced(session: Session, user_id: str) -> None:
    """Delete the user's documents that neither the draft nor a sent request lists (a file
    sent again replaces the draft's entry). Files are committed with the draft that lists
    them, and listed here before the references are read: see `nhi_attachments.unsent_files`.
    """
    stored = blobs.ids_of(session, owner_id=user_id, kind=BLOB_KIND)
    listed = {d["blob_id"] for d in draft(session, user_id).get("documents", {}).values()}
    for row in insurance.cancellations_for_user(session, user_id):
        listed |= {
            d["blob_id"] for d in insurance.cancellation_answers(row).get("documents", {}).values()
        }
    blobs.delete_all(session, stored - listed)


def complete(answers: dict[str, Any]) -> bool:
    return CancellationRequest.from_draft(answers).complete


def send(session: Session, user_id: str) -> InsuranceCancellation | None:
    """Record the request for the office and discard the draft; None when it is incomplete,
    NotFound when nobody receives cancellations (`none`: the request is only prepared)."""
    receivers.require_sending("insurance_cancellation")
    answers = draft(session, user_id)
    if not complete(answers):
        return None
    request = CancellationRequest.from_draft(answers).sent()
    row = insurance.add_cancellation(
        session,
        reference=references.new(references.INSURANCE_CANCELLATION),
        user_id=user_id,
        applicant=request.applicant or "self",
        answers={**answers, **request.to_draft()},
    )
    DRAFT.discard(session, user_id)  # commits the request with the draft's removal
    with transaction(session):
        _delete_replaced(session, user_id)  # a copy the request no longer needs
    return row


def sent_answers(row: InsuranceCancellation) -> CancellationRequest:
    """A sent request's answers (its sent page says what follows from them)."""
    return CancellationRequest.from_draft(insurance.cancellation_answers(row))


def sent_request(session: Session, user_id: str, cancellation_id: str) -> InsuranceCancellation:
    """The user's own sent request (NotFound for anyone else's)."""
    return found(insurance.cancellation(session, cancellation_id, user_id=user_id))


def sent_requests(session: Session, user_id: str) -> list[SentRequest]:
    """The user's sent requests as `/insurance/cancel/requests` lists them, newest first."""
    return [
        SentRequest(
            id=row.id,
            reference=row.reference,
            sent_at=row.created_at,
            state=row.status,
            states=labels.STATUSES,
        )
        for row in insurance.cancellations_for_user(session, user_id)
    ]
