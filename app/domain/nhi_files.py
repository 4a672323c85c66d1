"""Attachments: what a file is, judged from its first bytes (never its name), and PNG
metadata removal.

Accepted: PDF, JPEG, PNG (the MynaPortal list is longer; these three are what a phone camera
or a scanner produces and what the office can open). PNG metadata chunks (text, EXIF, time)
are dropped losslessly; the image chunks are kept byte for byte.
"""

from __future__ import annotations

import struct
import zlib

MAX_BYTES = 10 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (PNG_SIGNATURE, "image/png"),
)
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
PNG_METADATA_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


class UnreadableFile(ValueError):
    """The bytes claim a format but their structure is broken."""


def sniff(data: bytes) -> str | None:
    """The media type from the file's magic number, or None when it is not accepted."""
    for magic, media_type in SIGNATURES:
        if data.startswith(magic):
            return media_type
    return None


def file_problem(data: bytes, *, max_bytes: int = MAX_BYTES) -> str | None:
    """empty, too_big or wrong_type; None when the file may be stored."""
    if not data:
        return "empty"
    if len(data) > max_bytes:
        return "too_big"
    return None if sniff(data) else "wrong_type"


def strip_png_metadata(data: bytes) -> bytes:
    """The PNG without its text, EXIF and time chunks; every chunk's CRC is checked."""
    if not data.startswith(PNG_SIGNATURE):
        raise UnreadableFile("not a PNG")
    kept = [PNG_SIGNATURE]
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        if offset + 12 > len(data):
            raise UnreadableFile("truncated chunk")
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        end = offset + 12 + length
        if end > len(data):
            raise UnreadableFile("truncated chunk")
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) != crc:
            raise UnreadableFile("bad chunk checksum")
        if kind not in PNG_METADATA_CHUNKS:
            kept.append(data[offset:end])
        offset = end
        if kind == b"IEND":
            return b"".join(kept)
    raise UnreadableFile("no IEND chunk")
