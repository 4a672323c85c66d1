"""A request to cancel the insurance registration: answers and documents, kept as a draft
for the signed-in resident until sent, then recorded for the ward office (the NHI insurer).

Documents go through the one upload pipeline (`services/uploads.py`, rule `files.DOCUMENT`):
judged by their bytes, images without their metadata, every file stored encrypted. The
draft holds only blob ids and the answers, encrypted too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.domain import references
from app.domain.files import DOCUMENT, FileProblem
from app.services import uploads
from app.storage import blobs, drafts, insurance
from app.storage.models import InsuranceCancellation

DRAFT_KEY = "insurance.cancel"
DOCUMENT_KINDS = ("identity", "authority")
BLOB_KIND = "insurance_cancel_document"
RULE = DOCUMENT


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
    """Keep the draft's documents, delete the files they replaced, and commit."""
    current = {**draft(session, user_id), "documents": documents}
    drafts.save(session, user_id, DRAFT_KEY, current)
    _delete_replaced(session, user_id)
    session.commit()
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
    documents = answers.get("documents", {})
    return bool(answers.get("details")) and all(k in documents for k in needed_documents(answers))


def send(session: Session, user_id: str) -> InsuranceCancellation | None:
    """Record the request for the office and discard the draft; None when it is incomplete."""
    answers = draft(session, user_id)
    if not complete(answers):
        return None
    row = insurance.add_cancellation(
        session,
        reference=references.new(references.INSURANCE_CANCELLATION),
        user_id=user_id,
        applicant=str(answers.get("applicant", "self")),
        answers=answers,
    )
    drafts.discard(session, user_id, DRAFT_KEY)
    session.commit()
    return row
