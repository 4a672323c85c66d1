"""A request to cancel the insurance registration: answers and documents, kept as a draft
for the signed-in resident until sent, then recorded for the ward office (the NHI insurer).

Documents are judged by their bytes (PDF, JPEG, PNG), images lose their metadata, and every
file is stored encrypted. The draft holds only blob ids and the answers, encrypted too.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.domain import attachments
from app.domain.attachments import FileProblem
from app.storage import blobs, drafts, insurance
from app.storage.models import InsuranceCancellation
from photo_checks.errors import PhotoError
from photo_checks.metadata import strip_metadata

DRAFT_KEY = "insurance.cancel"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DOCUMENT_KINDS = ("identity", "authority")


@dataclass(frozen=True)
class Stored:
    blob_id: str
    name: str
    media_type: str
    size: int


def draft(session: Session, user_id: str) -> dict[str, Any]:
    return drafts.load(session, user_id, DRAFT_KEY) or {}


def remember(session: Session, user_id: str, **values: Any) -> dict[str, Any]:
    current = drafts.update(session, user_id, DRAFT_KEY, drafts.merging(values)).answers
    session.commit()
    return current


def needed_documents(answers: dict[str, Any]) -> tuple[str, ...]:
    """The sender's ID always; an agent adds the letter of authority."""
    if answers.get("applicant") == "agent":
        return DOCUMENT_KINDS
    return ("identity",)


def store_document(
    session: Session, user_id: str, data: bytes | None, name: str
) -> Stored | FileProblem:
    """Check a file by its content, strip image metadata, store it encrypted."""
    kind = attachments.check(data)
    if isinstance(kind, FileProblem):
        return kind
    assert data is not None  # noqa: S101 - check() returned a kind, so there are bytes
    try:
        if kind == "jpeg":
            data = strip_metadata(data)
        elif kind == "png":
            data = attachments.strip_png_metadata(data)
    except (PhotoError, attachments.BrokenPng):
        return FileProblem.WRONG_TYPE
    media_type = attachments.MEDIA_TYPES[kind]
    blob_id = blobs.put(
        session, data, kind="insurance_cancel_document", media_type=media_type, owner_id=user_id
    )
    session.commit()
    return Stored(blob_id, name[:120] or "document", media_type, len(data))


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"HC-{chars[:4]}-{chars[4:]}"


def complete(answers: dict[str, Any]) -> bool:
    documents = answers.get("documents", {})
    return bool(answers.get("details")) and all(k in documents for k in needed_documents(answers))


def send(session: Session, user_id: str) -> InsuranceCancellation | None:
    """Record the request for the office and discard the draft; None when it is incomplete."""
    answers = draft(session, user_id)
    if not complete(answers):
        return None
    row = insurance.add_cancellation(
        session,
        reference=new_reference(),
        user_id=user_id,
        applicant=str(answers.get("applicant", "self")),
        answers=answers,
    )
    drafts.discard(session, user_id, DRAFT_KEY)
    session.commit()
    return row
