"""A request to cancel the insurance registration: answers and documents, kept as a draft
for the signed-in resident until sent, then recorded for the ward office (the NHI insurer).

Documents are judged by their bytes (PDF, JPEG, PNG), images lose their metadata, and every
file is stored encrypted. The draft holds only blob ids and the answers, encrypted too.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sqlalchemy.orm import Session

from app.domain import attachments, nhi_files
from app.domain.attachments import FileProblem
from app.services.drafts import DraftStore, transaction
from app.services.errors import NotFound
from app.storage import blobs, insurance
from app.storage.models import InsuranceCancellation
from photo_checks.errors import PhotoError
from photo_checks.metadata import strip_metadata

DRAFT_KEY = "insurance.cancel"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DOCUMENT_KINDS = ("identity", "authority")
BLOB_KIND = "insurance_cancel_document"
DRAFT = DraftStore(DRAFT_KEY)


@dataclass(frozen=True)
class Stored:
    blob_id: str
    name: str
    media_type: str
    size: int


@dataclass(frozen=True)
class CancellationDetails:
    """The insured person, as the MHLW template asks (the birth date also as typed)."""

    name: str = ""
    birth_date: str = ""  # ISO date
    birth_year: str = ""
    birth_month: str = ""
    birth_day: str = ""
    address: str = ""
    phone: str = ""
    insured_number: str = ""
    reason: str = ""


@dataclass(frozen=True)
class CancellationRequest:
    """The request's answers as the draft keeps them (`applicant`, `insurer`, `details`,
    `documents` by kind)."""

    applicant: str = ""
    insurer: str = ""
    details: CancellationDetails | None = None
    documents: dict[str, Stored] = field(default_factory=dict)

    @classmethod
    def from_draft(cls, answers: dict[str, Any]) -> CancellationRequest:
        details = answers.get("details")
        names = {f.name for f in fields(CancellationDetails)}
        return cls(
            applicant=str(answers.get("applicant", "")),
            insurer=str(answers.get("insurer", "")),
            details=(
                CancellationDetails(**{k: str(v or "") for k, v in details.items() if k in names})
                if details
                else None
            ),
            documents={k: Stored(**v) for k, v in answers.get("documents", {}).items()},
        )

    def to_draft(self) -> dict[str, Any]:
        answers: dict[str, Any] = {"applicant": self.applicant, "insurer": self.insurer}
        if self.details is not None:
            answers["details"] = asdict(self.details)
        answers["documents"] = {k: asdict(v) for k, v in self.documents.items()}
        return answers

    @property
    def needed_documents(self) -> tuple[str, ...]:
        """The sender's ID always; an agent adds the letter of authority."""
        return DOCUMENT_KINDS if self.applicant == "agent" else ("identity",)

    @property
    def complete(self) -> bool:
        return self.details is not None and all(k in self.documents for k in self.needed_documents)


def draft(session: Session, user_id: str) -> dict[str, Any]:
    return DRAFT.load(session, user_id)


def remember(session: Session, user_id: str, **values: Any) -> dict[str, Any]:
    return DRAFT.merge(session, user_id, values)


def needed_documents(answers: dict[str, Any]) -> tuple[str, ...]:
    return CancellationRequest.from_draft(answers).needed_documents


def store_document(
    session: Session, user_id: str, data: bytes | None, name: str
) -> Stored | FileProblem:
    """Check a file by its content, strip image metadata, store it encrypted.

    Not committed: `save_documents` commits the files with the draft that lists them.
    """
    kind = attachments.check(data)
    if isinstance(kind, FileProblem):
        return kind
    assert data is not None  # noqa: S101 - check() returned a kind, so there are bytes
    try:
        if kind == "jpeg":
            data = strip_metadata(data)
        elif kind == "png":
            data = nhi_files.strip_png_metadata(data)
    except (PhotoError, nhi_files.UnreadableFile):
        return FileProblem.WRONG_TYPE
    media_type = attachments.MEDIA_TYPES[kind]
    blob_id = blobs.put(session, data, kind=BLOB_KIND, media_type=media_type, owner_id=user_id)
    return Stored(blob_id, name[:120] or "document", media_type, len(data))


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


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"HC-{chars[:4]}-{chars[4:]}"


def complete(answers: dict[str, Any]) -> bool:
    return CancellationRequest.from_draft(answers).complete


def send(session: Session, user_id: str) -> InsuranceCancellation | None:
    """Record the request for the office and discard the draft; None when it is incomplete."""
    answers = draft(session, user_id)
    if not complete(answers):
        return None
    row = insurance.add_cancellation(
        session,
        reference=new_reference(),
        user_id=user_id,
        applicant=CancellationRequest.from_draft(answers).applicant or "self",
        answers=answers,
    )
    DRAFT.discard(session, user_id)  # commits the request with the draft's removal
    return row


def sent_request(session: Session, user_id: str, cancellation_id: str) -> InsuranceCancellation:
    """The user's own sent request (NotFound for anyone else's)."""
    row = insurance.cancellation(session, cancellation_id, user_id=user_id)
    if row is None:
        raise NotFound(cancellation_id)
    return row


def requests_of(session: Session, user_id: str) -> list[InsuranceCancellation]:
    """The user's sent requests, newest first."""
    return insurance.cancellations_for_user(session, user_id)
