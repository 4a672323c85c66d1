"""Attachments to a cancellation request: PDF, JPEG or PNG, judged by their bytes.

The name and the browser's declared type are not trusted. Images are judged on their headers
(pixel cap, JPEG scans) and lose their metadata before they are stored, by the same code as
NHI attachments (`nhi_files`: the PNG chunk reader; JPEG through `photo_checks`, in the
service).
"""

from __future__ import annotations

from enum import Enum

from app.domain.nhi_files import PNG_SIGNATURE, image_problem

MAX_BYTES = 5 * 1024 * 1024
MEDIA_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


class FileProblem(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"
    TOO_MANY_PIXELS = "too_many_pixels"


def kind_of(data: bytes) -> str | None:
    """ "pdf", "jpeg" or "png" from the file's first bytes, else None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(PNG_SIGNATURE):
        return "png"
    return None


def check(data: bytes | None) -> str | FileProblem:
    """The file's kind, or what is wrong with it (an image's headers included)."""
    if data is None:
        return FileProblem.MISSING
    if not data:
        return FileProblem.EMPTY
    if len(data) > MAX_BYTES:
        return FileProblem.TOO_LARGE
    kind = kind_of(data)
    if kind is None:
        return FileProblem.WRONG_TYPE
    problem = image_problem(data, MEDIA_TYPES[kind])
    if problem == "too_many_pixels":
        return FileProblem.TOO_MANY_PIXELS
    return FileProblem.WRONG_TYPE if problem else kind
