"""Attachments to an NHI application: type from the content, metadata removed, encrypted.

JPEG: EXIF, GPS and the other metadata segments are removed losslessly (photo_checks); PNG:
text, EXIF and time chunks are dropped; PDF is kept as sent. The draft keeps each file's id,
name, type, size and SHA-256 (the canonical document refers to the file by that digest).

Images are judged on their headers before they are stored (`nhi_files.file_problem`: pixel
cap, JPEG scans). Each account holds at most `MAX_FILES` unsent attachments: before a file is
stored, the user's attachment files that neither the draft nor a sent enrolment lists (left
behind when two tabs added files at once, or by an abandoned upload) are deleted, and the
ones left are counted.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from sqlalchemy.orm import Session

from app.domain import nhi_files
from app.services import nhi_drafts
from app.services.errors import NotFound
from app.storage import blobs, nhi_enrolments
from photo_checks import strip_metadata
from photo_checks.errors import PhotoError

KIND = "nhi-attachment"
MAX_FILES = 10


@dataclass(frozen=True)
class Added:
    entry: dict[str, Any] | None
    # empty | too_big | wrong_type | unreadable | too_many_pixels | too_many
    problem: str | None = None


def clean(data: bytes, media_type: str) -> bytes:
    """The bytes to store, without metadata; raises UnreadableFile when the structure is broken."""
    if media_type == "image/jpeg":
        try:
            return strip_metadata(data)
        except PhotoError as error:
            raise nhi_files.UnreadableFile(str(error)) from error
    if media_type == "image/png":
        return nhi_files.strip_png_metadata(data)
    return data


def safe_name(filename: str, media_type: str) -> str:
    """A display name: no folders, no control characters, the extension the content has."""
    stem = PurePath(unicodedata.normalize("NFC", filename or "")).stem
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '\\/:*?"<>|')[:80]
    return f"{stem or 'document'}.{nhi_files.EXTENSIONS[media_type]}"


def add(
    session: Session,
    *,
    user_id: str,
    filename: str,
    data: bytes,
    kind: str,
    existing: list[dict[str, Any]],
) -> Added:
    """Store one file for the user's draft; the caller saves the entry in the draft and commits."""
    if max(len(existing), unsent_files(session, user_id)) >= MAX_FILES:
        return Added(None, "too_many")
    problem = nhi_files.file_problem(data)
    if problem:
        return Added(None, problem)
    media_type = nhi_files.sniff(data) or ""
    try:
        stored = clean(data, media_type)
    except nhi_files.UnreadableFile:
        return Added(None, "unreadable")
    blob_id = blobs.put(session, stored, kind=KIND, media_type=media_type, owner_id=user_id)
    return Added(
        {
            "id": blob_id,
            "kind": kind,
            "name": safe_name(filename, media_type),
            "media_type": media_type,
            "size": len(stored),
            "sha256": hashlib.sha256(stored).hexdigest(),
        }
    )


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


def file_of(session: Session, user_id: str, blob_id: str) -> tuple[bytes, str, str]:
    """An attachment of the user's own draft (bytes, media type, the name it is listed under);
    NotFound for anyone else's."""
    stored = blobs.get(session, blob_id, owner_id=user_id)
    if stored is None or stored.kind != KIND:
        raise NotFound(blob_id)
    listed = nhi_drafts.application(nhi_drafts.load(session, user_id)).attachments
    name = next((a.name for a in listed if a.id == blob_id), safe_name("", stored.media_type))
    return stored.data, stored.media_type, name
