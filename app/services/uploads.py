"""The one way an uploaded file is stored: judged by its bytes under its kind's rule
(`app/domain/files.py`), metadata removed, given a safe display name and a SHA-256, and kept
encrypted (`storage.blobs`).

JPEG: EXIF, GPS and the other metadata segments are removed losslessly (`photo_checks`);
PNG: text, EXIF and time chunks are dropped (`files.strip_png_metadata`, CRCs checked); PDF
is kept as sent. Nothing here commits: a file is committed with the draft entry that lists
it, by the journey's service, so a file nobody lists can be found and deleted.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy.orm import Session

from app.domain import files
from app.domain.files import FileProblem, FileRule
from app.services.errors import ServiceError
from app.storage import blobs
from photo_checks import PhotoError, strip_metadata


class UploadRefused(ServiceError):
    """The file is not stored; `problem` says why (its message: `components/upload.html`)."""

    status = 422

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class StoredUpload:
    """What a draft keeps about a stored file (the canonical documents cite the digest)."""

    blob_id: str
    name: str
    media_type: str
    size: int
    sha256: str


#: One field's upload: (the name the browser gave, the bytes), or None when none was chosen.
Upload = tuple[str, bytes] | None


def clean(data: bytes, media_type: str) -> bytes:
    """The bytes to store, without metadata; raises UnreadableFile when the structure is broken."""
    if media_type == files.JPEG:
        try:
            return strip_metadata(data)
        except PhotoError as error:
            raise files.UnreadableFile(str(error)) from error
    if media_type == files.PNG:
        return files.strip_png_metadata(data)
    return data


def safe_name(filename: str, media_type: str) -> str:
    """A display name: no folders, no control characters, the extension the content has."""
    stem = PurePath(unicodedata.normalize("NFC", filename or "")).stem
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '\\/:*?"<>|')[:80]
    return f"{stem or 'document'}.{files.EXTENSIONS.get(media_type, 'bin')}"


def store(
    session: Session,
    data: bytes | None,
    *,
    filename: str,
    rule: FileRule,
    blob_kind: str,
    owner_id: str,
) -> StoredUpload:
    """Check, clean and store one file; the caller commits it with the entry that lists it.

    Raises:
        UploadRefused: the file breaks `rule`, or its structure is broken.
    """
    problem = files.problem(data, rule)
    if problem is not None:
        raise UploadRefused(problem)
    assert data is not None  # noqa: S101 - problem() refuses a missing file
    media_type = files.sniff(data) or ""
    try:
        cleaned = clean(data, media_type)
    except files.UnreadableFile as error:
        raise UploadRefused(FileProblem.UNREADABLE) from error
    blob_id = blobs.put(session, cleaned, kind=blob_kind, media_type=media_type, owner_id=owner_id)
    return StoredUpload(
        blob_id=blob_id,
        name=safe_name(filename, media_type),
        media_type=media_type,
        size=len(cleaned),
        sha256=hashlib.sha256(cleaned).hexdigest(),
    )


def store_each(
    session: Session,
    uploads: Mapping[str, Upload],
    *,
    kept: set[str],
    rule: FileRule,
    blob_kind: str,
    owner_id: str,
) -> tuple[dict[str, StoredUpload], dict[str, FileProblem]]:
    """Store the file of each field of a form with several; a field left empty is fine when
    it already has a file (`kept`) and MISSING otherwise. Returns what was stored and what
    was refused, by field."""
    stored: dict[str, StoredUpload] = {}
    refused: dict[str, FileProblem] = {}
    for field, upload in uploads.items():
        if upload is None:
            if field not in kept:
                refused[field] = FileProblem.MISSING
            continue
        filename, data = upload
        try:
            stored[field] = store(
                session, data, filename=filename, rule=rule, blob_kind=blob_kind, owner_id=owner_id
            )
        except UploadRefused as refusal:
            refused[field] = refusal.problem
    return stored, refused
