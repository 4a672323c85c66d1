"""Encrypted files: photos, attachments and signed documents.

Each file is bound to its own row id as associated data, so swapping two rows' contents is
detected when they are read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.models import Blob, new_id


@dataclass(frozen=True)
class StoredFile:
    id: str
    kind: str
    media_type: str
    data: bytes


def put(
    session: Session, data: bytes, *, kind: str, media_type: str, owner_id: str | None = None
) -> str:
    """Encrypt and store the bytes; the caller commits. Returns the new file's id."""
    blob_id = new_id()
    session.add(
        Blob(
            id=blob_id,
            owner_id=owner_id,
            kind=kind,
            media_type=media_type,
            size=len(data),
            data_enc=cipher().encrypt(data, context=_context(blob_id)),
        )
    )
    return blob_id


def get(session: Session, blob_id: str, *, owner_id: str | None = None) -> StoredFile | None:
    """The file, or None when it does not exist or belongs to someone else."""
    row = session.get(Blob, blob_id)
    if row is None or (owner_id is not None and row.owner_id != owner_id):
        return None
    data = cipher().decrypt(row.data_enc, context=_context(row.id))
    return StoredFile(row.id, row.kind, row.media_type, data)


def delete(session: Session, blob_id: str) -> None:
    row = session.get(Blob, blob_id)
    if row is not None:
        session.delete(row)


def ids_of(session: Session, *, owner_id: str, kind: str) -> set[str]:
    """The ids of one user's files of one kind (for quotas and clean-up)."""
    query = select(Blob.id).where(Blob.owner_id == owner_id, Blob.kind == kind)
    return set(session.scalars(query))


def delete_all(session: Session, blob_ids: set[str]) -> None:
    """Delete these files; the caller commits."""
    if blob_ids:
        session.execute(sql_delete(Blob).where(Blob.id.in_(blob_ids)))


def _context(blob_id: str) -> bytes:
    return f"blobs:{blob_id}".encode()
