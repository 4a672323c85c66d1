"""The photo step: check an upload with `photo_checks`, strip its metadata, keep it encrypted."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.domain.photo_upload import UploadProblem, sniff
from app.storage import photos
from app.storage.models import Photo
from photo_checks import PhotoError, check_photo, render_overlay, strip_metadata


@dataclass(frozen=True)
class CheckedPhoto:
    """The report, and the stored photo when it could be decoded (None otherwise)."""

    report: dict[str, Any]
    photo: Photo | None
    server_ms: float


def refuse(head: bytes, size: int) -> UploadProblem | None:
    """Refuse by size and content type before anything decodes the file."""
    return sniff(head, size)


def check_and_store(session: Session, owner_id: str, data: bytes) -> CheckedPhoto:
    """Run the checks; store the photo, without its metadata, only when it decoded."""
    started = time.perf_counter()
    report = check_photo(data)
    as_dict = report.to_dict()
    as_dict.pop("file", None)
    try:
        stripped = strip_metadata(data)
        overlay = render_overlay(data, report)
    except PhotoError:
        return CheckedPhoto(as_dict, None, (time.perf_counter() - started) * 1000)
    row = photos.add(
        session,
        owner_id,
        photo=stripped,
        overlay=overlay,
        verdict=report.verdict,
        report=as_dict,
    )
    return CheckedPhoto(as_dict, row, (time.perf_counter() - started) * 1000)
