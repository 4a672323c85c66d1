"""Attachments to a cancellation request: PDF, JPEG or PNG, judged by their bytes.

The name and the browser's declared type are not trusted. Images lose their metadata before
they are stored: JPEG through `photo_checks.strip_metadata` (lossless, in the service), PNG
here by dropping the ancillary chunks that carry text, EXIF or timestamps.
"""

from __future__ import annotations

import struct
from enum import Enum

MAX_BYTES = 5 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_METADATA_CHUNKS = {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"}
MEDIA_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


class FileProblem(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"


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
    """The file's kind, or what is wrong with it."""
    if data is None:
        return FileProblem.MISSING
    if not data:
        return FileProblem.EMPTY
    if len(data) > MAX_BYTES:
        return FileProblem.TOO_LARGE
    return kind_of(data) or FileProblem.WRONG_TYPE


class BrokenPng(ValueError):
    """The chunk structure is cut short."""


def strip_png_metadata(data: bytes) -> bytes:
    """The PNG without its text, EXIF and time chunks; image chunks are copied unchanged."""
    if not data.startswith(PNG_SIGNATURE):
        raise BrokenPng("not a PNG")
    kept = [PNG_SIGNATURE]
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        if offset + 8 > len(data):
            raise BrokenPng("truncated chunk header")
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        end = offset + 12 + length
        if end > len(data):
            raise BrokenPng("truncated chunk")
        if kind not in PNG_METADATA_CHUNKS:
            kept.append(data[offset:end])
        offset = end
        if kind == b"IEND":
            break
    return b"".join(kept)
