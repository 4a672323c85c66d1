"""Attachments to an NHI application: stored through the one upload pipeline
(`services/uploads.py`, rule `files.DOCUMENT`), listed in the draft by id, name, kind, type,
size and SHA-256 (the canonical document refers to the file by that digest).

Each account holds at most `MAX_FILES` unsent attachments: before a file is stored, the
user's attachment files that neither the draft nor a sent enrolment lists (left behind when
two tabs added files at once, or by an abandoned upload) are deleted, and the ones left are
counted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.domain.files import DOCUMENT, FileProblem
from app.services import nhi_drafts, uploads
from app.services.errors import NotFound
from app.services.uploads import UploadRefused
from app.storage import blobs, nhi_enrolments
from app.storage.blobs import StoredFile

KIND = "nhi-attachment"
MAX_FILES = 10
RULE = DOCUMENT


def add(session: Session, *, user_id: str, upload: uploads.Upload, kind: str) -> dict[str, Any]:
    """Store one file and list it in the user's draft, committed together.

    Raises:
        UploadRefused: the file is missing or refused, or the draft already lists
            `MAX_FILES` (checked again as the entry is added: two tabs cannot pass the cap).
    """
    if upload is None:
        raise UploadRefused(FileProblem.MISSING)
    existing = nhi_drafts.load(session, user_id).get("attachments", [])
    if max(len(existing), unsent_files(session, user_id)) >= MAX_FILES:
        raise UploadRefused(FileProblem.TOO_MANY)
    filename, data = upload
    stored = uploads.store(
        session, data, filename=filename, rule=RULE, blob_kind=KIND, owner_id=user_id
    )
    entry = {
        "id": stored.blob_id,
        "kind": kind,
        "name": stored.name,
        "media_type": stored.media_type,
        "size": stored.size,
        "sha256": stored.sha256,
    }
    # The file is committed with the entry that lists it, and not kept when the list filled
    # up meanwhile (the draft's change rolls back the whole transaction).
    if not nhi_drafts.add_to_list(session, user_id, "attachments", entry, limit=MAX_FILES):
        raise UploadRefused(FileProblem.TOO_MANY)
    return entry


def unsent_files(session: Session, user_id: str) -> int:
    """Delete the user's attachment files that nothing lists; return how many unsent remain.

    The files are listed before the draft and the enrolments are read: a file is committed
    with the draft entry that lists it, so a request that commits in between is seen whole.
    """
    stored = blobs.ids_of(session, owner_id=user_id, kind=KIND)
    listed = {a["id"] for a in nhi_drafts.load(session, user_id).get("attachments", [])}
    sent = {
        a["id"]
        for row in nhi_enrolments.for_user(session, user_id)
        for a in nhi_enrolments.answers(row).get("attachments", [])
    }
    blobs.delete_all(session, stored - listed - sent)
    return len(stored & (listed - sent))


def draft_file(session: Session, user_id: str, blob_id: str) -> tuple[StoredFile, str]:
    """One of the user's own attachment files and the name the draft lists it under (a safe
    default when it is not listed); NotFound for anyone else's file or another kind."""
    stored = blobs.get(session, blob_id, owner_id=user_id)
    if stored is None or stored.kind != KIND:
        raise NotFound(blob_id)
    listed = nhi_drafts.application(nhi_drafts.load(session, user_id)).attachments
    fallback = uploads.safe_name("", stored.media_type)
    return stored, next((a.name for a in listed if a.id == blob_id), fallback)
