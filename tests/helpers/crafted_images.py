"""Crafted image files from the security report (docs/reviews/security.md, H1, L4, L5).

Each is built the way the report built it, but small where only the headers matter: a frame
size patched into a small file's start-of-frame segment declares what a decoder would have to
allocate without the test having to encode that many pixels.
"""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache

from PIL import Image

from photo_checks.jpeg import SOS, iter_segments


@cache
def progressive_jpeg(width: int, height: int, *, subsampling: int = 2) -> bytes:
    """A plain grey progressive JPEG as Pillow (libjpeg's standard script: 10 scans) writes it."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (230, 230, 230)).save(
        out, "JPEG", progressive=True, quality=50, subsampling=subsampling
    )
    return out.getvalue()


def with_last_scan_repeated(data: bytes, times: int) -> bytes:
    """The report's scan bomb: the last scan (its SOS segment and entropy-coded data)
    appended `times` more times before EOI. Each copy costs a decoder a pass over every block."""
    segments = list(iter_segments(data))
    last = max(i for i, segment in enumerate(segments) if segment.marker == SOS)
    scan = data[segments[last].start : segments[last + 1].end]
    eoi = segments[-1].start
    return data[:eoi] + scan * times + data[eoi:]


def with_frame_size(data: bytes, width: int, height: int) -> bytes:
    """The same file declaring another frame size in its start-of-frame segment."""
    for segment in iter_segments(data, stop_at_scan=True):
        if segment.marker is not None and segment.marker in (0xC0, 0xC1, 0xC2):
            patched = bytearray(data)
            patched[segment.start + 5 : segment.start + 9] = struct.pack(">HH", height, width)
            return bytes(patched)
    raise ValueError("no start-of-frame segment")


def scan_bomb(*, width: int = 8480, height: int = 8480, repeats: int = 1000) -> bytes:
    """H1 as reported: 8480 x 8480 progressive, the last scan repeated 1,000 times.

    Built from a small file with the frame size patched in: the headers, which is all the
    checker may read of it, are those of the report's 527 KB file.
    """
    small = progressive_jpeg(480, 480)
    return with_frame_size(with_last_scan_repeated(small, repeats), width, height)


def with_comment(data: bytes, comment: bytes) -> bytes:
    """The JPEG with a COM segment carrying `comment` right after SOI (L4)."""
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return data[:2] + segment + data[2:]


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """L5: a PNG whose IHDR declares `width` x `height` RGB pixels, with valid chunk CRCs.

    Its image data is the start of a zlib stream of zero rows: enough for a file that every
    chunk reader accepts, without compressing the 2.7 GB a full one would inflate to.
    """
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compressobj(9).compress(bytes(1 + 3 * width) * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", rows)
        + png_chunk(b"IEND", b"")
    )
