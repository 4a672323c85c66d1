"""Uploaded files judged by their bytes under their kind's rule (`app/domain/files.py`): one
size limit per kind, the type from the magic number, images from their headers (L5), and
the one CRC-checked PNG metadata stripper."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from app.domain import files
from app.domain.files import DOCUMENT, PHOTO, FileProblem
from tests.helpers import crafted_images as crafted

IHDR_4X4 = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)


def _png(text_chunk: bool = False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    data = out.getvalue()
    if not text_chunk:
        return data
    body = b"Comment\x00taken at home, 35.6N 139.7E"
    chunk = struct.pack(">I", len(body)) + b"tEXt" + body
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + body))
    return data[:33] + chunk + data[33:]


def _chunks(*chunks: tuple[bytes, bytes]) -> bytes:
    body = b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in chunks
    )
    return files.PNG_SIGNATURE + body


def _jpeg(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (None, FileProblem.MISSING),
        (b"", FileProblem.EMPTY),
        (b"%PDF-1.7\n...", None),
        (_jpeg(), None),
        (_png(), None),
        (_chunks((b"IHDR", IHDR_4X4), (b"IDAT", b"pixels"), (b"IEND", b"")), None),
        (b"\xff\xd8\xff\xe0rest", FileProblem.UNREADABLE),  # its headers are broken
        (files.PNG_SIGNATURE + b"rest", FileProblem.UNREADABLE),
        (crafted.png_bomb(), FileProblem.TOO_MANY_PIXELS),  # L5: 30000 x 30000
        (crafted.with_frame_size(_jpeg(), 30_000, 30_000), FileProblem.TOO_MANY_PIXELS),
        (crafted.scan_bomb(width=400, height=300, repeats=50), FileProblem.UNREADABLE),
        (b"GIF89a....", FileProblem.WRONG_TYPE),
        (b"PK\x03\x04 a docx named scan.pdf", FileProblem.WRONG_TYPE),
        (b"<html>%PDF-", FileProblem.WRONG_TYPE),  # the type comes from the first bytes
        (b"%PDF-" + b"0" * DOCUMENT.max_bytes, FileProblem.TOO_LARGE),
    ],
)
def test_documents_are_judged_by_their_bytes(data: bytes | None, problem: object) -> None:
    assert files.problem(data, DOCUMENT) == problem


@pytest.mark.parametrize(
    ("head", "size", "problem"),
    [
        (b"\xff\xd8\xff\xe0", 50_000, None),
        (b"\xff\xd8\xff\xe0", 0, FileProblem.EMPTY),
        (b"\xff\xd8\xff\xe0", 7_000_000, None),
        (b"\xff\xd8\xff\xe0", 7_000_001, FileProblem.TOO_LARGE),  # J-LIS: at most 7 MB
        (b"\x89PNG\r\n\x1a\n", 50_000, FileProblem.WRONG_TYPE),
        (b"\x00\x00\x00\x18ftypheic", 50_000, FileProblem.WRONG_TYPE),
        (b"%PDF-1.7", 50_000, FileProblem.WRONG_TYPE),
    ],
)
def test_a_photo_is_refused_from_its_length_and_first_bytes(
    head: bytes, size: int, problem: FileProblem | None
) -> None:
    assert files.head_problem(head, size, PHOTO) == problem


def test_one_document_limit_for_both_journeys_fits_the_request_cap() -> None:
    """The stricter of the two old limits (NHI 10 MB, cancellation 5 MB) for every document:
    the cancellation's two documents must fit one request (16 MB)."""
    from app.config import DEFAULTS

    assert DOCUMENT.max_bytes == 5_000_000
    assert files.problem(b"%PDF-" + b"0" * 5_000_001, DOCUMENT) is FileProblem.TOO_LARGE
    assert 2 * DOCUMENT.max_bytes < DEFAULTS["MAX_CONTENT_LENGTH"]


def test_png_metadata_is_dropped_and_the_image_kept() -> None:
    tagged = _png(True)
    stripped = files.strip_png_metadata(tagged)
    assert b"tEXt" not in stripped and b"139.7E" not in stripped
    assert stripped == _png(False)
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.size == (4, 4)


def test_png_size_is_read_from_the_ihdr_without_decoding() -> None:
    assert files.png_size(_png()) == (4, 4)
    assert files.png_size(crafted.png_bomb(30_000, 20_000)) == (30_000, 20_000)
    with pytest.raises(files.UnreadableFile):
        files.png_size(files.PNG_SIGNATURE + crafted.png_chunk(b"IDAT", b"x"))


def test_broken_png_is_refused() -> None:
    data = bytearray(_png())
    data[40] ^= 0xFF
    with pytest.raises(files.UnreadableFile):
        files.strip_png_metadata(bytes(data))
