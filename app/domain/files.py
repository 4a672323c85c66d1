"""Uploaded files, judged by their bytes (never their name or the browser's declared type):
the one size limit for each kind of file, the type from the magic number, an image's size
from its headers, and PNG metadata removal.

Sources:
- docs/domain/photo.md "Official file rules (J-LIS online upload)": the ID photo is a JPEG
  (RGB) of 20 KB to 7 MB (`PHOTO`).
- sources/000_0b792771a67859a2.txt:172-175 (Yokohama City, 2025-03-24): documents attached to
  the online NHI notification are best sent as PDF, or as image data (JPEG, PNG) when PDF is
  not possible, because other formats may not open at the city (`DOCUMENT`'s types).
- none for `DOCUMENT`'s 5 MB: a product limit, the stricter of the two the journeys had, so
  the cancellation's two files fit the 16 MB request cap together.
The pixel and scan caps are the photo checker's (`photo_checks.rules.DEFAULT_RULES`).

Images are judged on their headers before anything stores or decodes them, with the photo
checker's limits: the PNG IHDR or the JPEG start-of-frame size against the pixel cap, and a
JPEG's number of scans. The server never decodes a document, but the resident's and the
office's browsers and viewers would. PNG metadata chunks (text, EXIF, time) are dropped
losslessly, every chunk's CRC checked; the image chunks are kept byte for byte. JPEG metadata
is removed by `photo_checks.strip_metadata` (in `app/services/uploads.py`).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from photo_checks import DEFAULT_RULES, PhotoError, read_frame_header

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (PNG_SIGNATURE, PNG))
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
PNG_METADATA_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
#: Largest image accepted (width x height): the photo checker's decode cap, 72 MP, which a
#: 64 MP phone photo of a document still fits.
MAX_PIXELS = DEFAULT_RULES.max_pixels
#: Most JPEG scans accepted: the photo checker's cap (cameras write 1, encoders 6-11).
MAX_SCANS = DEFAULT_RULES.max_scans
MEGABYTE = 1_000_000


class FileProblem(Enum):
    """Why an upload is refused; the value is the key of its message (`components/upload.html`)."""

    MISSING = "missing"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"
    UNREADABLE = "unreadable"
    TOO_MANY_PIXELS = "too_many_pixels"
    TOO_MANY = "too_many"  # the journey's cap on files is reached


@dataclass(frozen=True)
class FileRule:
    """A kind of file: its name, its size limit (in decimal megabytes, as the messages say
    it) and the media types accepted. Messages read `megabytes`, never a literal."""

    name: str
    megabytes: int
    media_types: tuple[str, ...]

    @property
    def max_bytes(self) -> int:
        return self.megabytes * MEGABYTE

    @property
    def megapixels(self) -> int:
        """The pixel cap as the messages say it."""
        return MAX_PIXELS // MEGABYTE

    @property
    def accept(self) -> str:
        """The file input's `accept` attribute: a hint to the picker, not a check."""
        extensions = [f".{EXTENSIONS[t]}" for t in self.media_types]
        if JPEG in self.media_types:
            extensions.append(".jpeg")
        return ",".join(extensions + list(self.media_types))


#: The ID photo for the card application: J-LIS takes a JPEG of at most 7 MB (photo.md).
PHOTO = FileRule("photo", megabytes=7, media_types=(JPEG,))
#: A document for the ward office (NHI attachments, the cancellation's ID and letter of
#: authority). One limit for both journeys: the stricter of the two they had (5 MB; NHI
#: took 10), so the cancellation's two files still fit the 16 MB request cap together.
DOCUMENT = FileRule("document", megabytes=5, media_types=(PDF, JPEG, PNG))


class UnreadableFile(ValueError):
    """The bytes claim a format but their structure is broken."""


def sniff(data: bytes) -> str | None:
    """The media type from the file's magic number, or None when it is none we accept."""
    for magic, media_type in SIGNATURES:
        if data.startswith(magic):
            return media_type
    return None


def head_problem(head: bytes, size: int, rule: FileRule) -> FileProblem | None:
    """Size from the stream's length and type from its first bytes: what can be said before
    the file is read into memory (the photo upload uses this before any decoder runs)."""
    if size == 0:
        return FileProblem.EMPTY
    if size > rule.max_bytes:
        return FileProblem.TOO_LARGE
    if sniff(head) not in rule.media_types:
        return FileProblem.WRONG_TYPE
    return None


def problem(data: bytes | None, rule: FileRule) -> FileProblem | None:
    """What is wrong with an upload under `rule` (an image's headers included), or None."""
    if data is None:
        return FileProblem.MISSING
    refused = head_problem(data[:8], len(data), rule)
    if refused is not None:
        return refused
    return image_problem(data, sniff(data) or "")


def image_problem(data: bytes, media_type: str) -> FileProblem | None:
    """For images, from the headers alone: UNREADABLE (broken headers, or more JPEG scans
    than any encoder writes) or TOO_MANY_PIXELS (over `MAX_PIXELS`); None otherwise."""
    try:
        if media_type == PNG:
            width, height = png_size(data)
        elif media_type == JPEG:
            frame = read_frame_header(data)
            if frame.scans > MAX_SCANS:
                return FileProblem.UNREADABLE
            width, height = frame.width, frame.height
        else:
            return None
    except (UnreadableFile, PhotoError):
        return FileProblem.UNREADABLE
    return FileProblem.TOO_MANY_PIXELS if width * height > MAX_PIXELS else None


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
