"""The photo step: check an upload with `photo_checks`, strip its metadata, keep it encrypted.

The upload is decoded once: the working copy the checks ran on is the one the overlay is
drawn on. Each account keeps a bounded number of photos: after a new one is stored, the
oldest beyond the limit are deleted, except a photo an application uses (sent, or chosen
in the draft) and the newest one that passed (the dashboard counts it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.domain.photo_upload import UploadProblem, sniff
from app.services import card_application
from app.storage import photos
from app.storage.models import Photo
from photo_checks import PhotoError, check_and_decode, render_overlay, strip_metadata


@dataclass(frozen=True)
class CheckedPhoto:
    """The report, and the stored photo when it could be decoded (None otherwise)."""

    report: dict[str, Any]
    photo: Photo | None
    server_ms: float


def refuse(head: bytes, size: int) -> UploadProblem | None:
    """Refuse by size and content type before anything decodes the file."""
    return sniff(head, size)


def check_and_store(session: Session, owner_id: str, data: bytes, *, keep: int) -> CheckedPhoto:
    """Run the checks; store the photo, without its metadata, only when it decoded.

    `keep` is how many photos the account keeps (see `prune`).
    """
    started = time.perf_counter()
    report, decoded = check_and_decode(data)
    as_dict = report.to_dict()
    as_dict.pop("file", None)
    if decoded is None:  # refused before or while decoding: nothing worth keeping
        return CheckedPhoto(as_dict, None, (time.perf_counter() - started) * 1000)
    try:
        stripped = strip_metadata(data)
    except PhotoError:
        return CheckedPhoto(as_dict, None, (time.perf_counter() - started) * 1000)
    row = photos.add(
        session,
        owner_id,
        photo=stripped,
        overlay=render_overlay(decoded, report),
        verdict=report.verdict,
        report=as_dict,
    )
    prune(session, owner_id, keep=keep, also_keep={row.id})
    return CheckedPhoto(as_dict, row, (time.perf_counter() - started) * 1000)


def prune(session: Session, owner_id: str, *, keep: int, also_keep: set[str]) -> None:
    """Delete the user's oldest photos beyond the newest `keep`; the caller commits.

    Never deleted: a photo a sent application or the application draft uses, the newest
    photo that passed, and `also_keep`. Not covered: an old photo chosen ("Use this photo")
    in another tab between this read of the draft and the commit; the draft would then
    point at a deleted photo. Closing that needs the drafts' concurrency control (M1).
    """
    rows = photos.for_owner(session, owner_id)
    if len(rows) <= keep:
        return
    used = photos.sent_with_applications(session, owner_id)
    used.add(str(card_application.load(session, owner_id).get("photo_id", "")))
    newest_passed = next((row.id for row in rows if row.verdict != "fail"), "")
    protected = used | also_keep | {newest_passed}
    oldest_first = [row for row in reversed(rows) if row.id not in protected]
    photos.delete_all(session, oldest_first[: len(rows) - keep])
