"""What the server checks on an uploaded photo before any decoder sees a byte."""

from __future__ import annotations

from enum import Enum

MAX_BYTES = 7_000_000  # J-LIS's limit (photo.md); the app-wide request cap is larger
JPEG_MAGIC = b"\xff\xd8\xff"


class UploadProblem(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_JPEG = "not_jpeg"


def sniff(head: bytes, size: int) -> UploadProblem | None:
    """Size from the stream's length and type from the first bytes, never from the name."""
    if size == 0:
        return UploadProblem.EMPTY
    if size > MAX_BYTES:
        return UploadProblem.TOO_LARGE
    if not head.startswith(JPEG_MAGIC):
        return UploadProblem.NOT_JPEG
    return None
