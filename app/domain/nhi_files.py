"""Attachments: what a file is, judged from its first bytes (never its name), how big an
image says it is, and PNG metadata removal.

Accepted: PDF, JPEG, PNG (the MynaPortal list is longer; these three are what a phone camera
or a scanner produces and what the office can open). Images are judged on their headers
before they are stored, with the photo checker's limits: the PNG IHDR or the JPEG
start-of-frame size against the pixel cap, and a JPEG's number of scans. The server never
decodes an attachment, but the resident's and the office's browsers and viewers would.
PNG metadata chunks (text, EXIF, time) are dropped losslessly; the image chunks are kept byte
for byte.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

from photo_checks import DEFAULT_RULES, PhotoError
from photo_checks.jpeg import read_frame_header

MAX_BYTES = 10 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (PNG_SIGNATURE, "image/png"),
)
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
PNG_METADATA_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
#: Largest image accepted (width x height): the photo checker's decode cap, 72 MP, which a
#: 64 MP phone photo of a document still fits.
MAX_PIXELS = DEFAULT_RULES.max_pixels
#: Most JPEG scans accepted: the photo checker's cap (cameras write 1, encoders 6-11).
MAX_SCANS = DEFAULT_RULES.max_scans


class UnreadableFile(ValueError):
    """The bytes claim a format but their structure is broken."""


def sniff(data: bytes) -> str | None:
    """The media type from the file's magic number, or None when it is not accepted."""
    for magic, media_type in SIGNATURES:
        if data.startswith(magic):
            return media_type
    return None


def file_problem(data: bytes, *, max_bytes: int = MAX_BYTES) -> str | None:
    """empty, too_big, wrong_type, unreadable or too_many_pixels; None when it may be stored."""
    if not data:
        return "empty"
    if len(data) > max_bytes:
        return "too_big"
    media_type = sniff(data)
    if media_type is None:
        return "wrong_type"
    return image_problem(data, media_type)


def image_problem(data: bytes, media_type: str) -> str | None:
    """For images, from the headers alone: unreadable (broken headers, or more JPEG scans
    than any encoder writes) or too_many_pixels (over `MAX_PIXELS`); None otherwise."""
    try:
        if media_type == "image/png":
            width, height = png_size(data)
        elif media_type == "image/jpeg":
            frame = read_frame_header(data)
            if frame.scans > MAX_SCANS:
                return "unreadable"
            width, height = frame.width, frame.height
        else:
            return None
    except (UnreadableFile, PhotoError):
        return "unreadable"
    return "too_many_pixels" if width * height > MAX_PIXELS else None


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first; nothing is decoded."""
    for kind, start, end in _png_chunks(data):
        if kind != b"IHDR" or end - start != 25:
            raise UnreadableFile("the first chunk is not a 13-byte IHDR")
        width, height = struct.unpack(">II", data[start + 8 : start + 16])
        if width == 0 or height == 0:
            raise UnreadableFile("the image declares a zero size")
        return width, height
    raise UnreadableFile("no chunks")  # pragma: no cover - _png_chunks always yields or raises


def strip_png_metadata(data: bytes) -> bytes:
    """The PNG without its text, EXIF and time chunks; every chunk's CRC is checked."""
    chunks = _png_chunks(data)
    kept = [data[start:end] for kind, start, end in chunks if kind not in PNG_METADATA_CHUNKS]
    return PNG_SIGNATURE + b"".join(kept)


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start, end) of each chunk up to IEND, its CRC checked before it is yielded.

    Raises:
        UnreadableFile: not a PNG, a chunk is cut short or fails its CRC, or no IEND.
    """
    if not data.startswith(PNG_SIGNATURE):
        raise UnreadableFile("not a PNG")
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        if offset + 12 > len(data):
            raise UnreadableFile("truncated chunk")
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        end = offset + 12 + length
        if end > len(data):
            raise UnreadableFile("truncated chunk")
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(data[offset + 4 : end - 4]) != crc:
            raise UnreadableFile("bad chunk checksum")
        yield kind, offset, end
        offset = end
        if kind == b"IEND":
            return
    raise UnreadableFile("no IEND chunk")
