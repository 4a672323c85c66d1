"""A small walker over JPEG marker segments, on raw bytes.

Used twice: to read the frame header (size, colour components, sampling) and count the
scans before Pillow sees a byte, so a decompression bomb or a scan bomb is refused without
decoding; and to strip metadata segments losslessly. Entropy-coded data and fill bytes are
skipped with compiled regular expressions, so a 7 MB file is walked in milliseconds
whatever its bytes, and a file with more than ``MAX_SEGMENTS`` marker segments (real
photos have a few dozen) is refused before the walk can get long.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from photo_checks.errors import CorruptImage, WrongImageFormat

SOI = 0xD8
EOI = 0xD9
SOS = 0xDA
COM = 0xFE
APP0 = 0xE0
APP15 = 0xEF
# Markers without a length field.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
# Start-of-frame markers (C4 DHT, C8 JPG and CC DAC share the range but are not frames).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Entropy-coded data ends at the first 0xFF followed by anything but stuffing or RSTn.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7]")
_FILL = re.compile(rb"\xff+")
_PROGRESSIVE_SOF = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
#: More marker segments than any photo has (a progressive photo with EXIF, XMP and a
#: large ICC profile has well under a hundred); more are refused as corrupt.
MAX_SEGMENTS = 1024
#: One 8 x 8 block of DCT coefficients as libjpeg keeps it (64 x 16-bit).
_BLOCK_BYTES = 128

JPEG_SIGNATURE = b"\xff\xd8\xff"


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of the file: a marker segment, or entropy-coded data (marker ``None``)."""

    marker: int | None
    start: int
    end: int

    def payload(self, data: bytes) -> bytes:
        """The segment's bytes after the marker and length field."""
        return data[self.start + 4 : self.end]


@dataclass(frozen=True, slots=True)
class FrameHeader:
    """What the start-of-frame segment declares, and how many scans the file has."""

    width: int
    height: int
    components: int
    progressive: bool
    #: (horizontal, vertical) sampling factor of each component, 1-4.
    sampling: tuple[tuple[int, int], ...] = ((1, 1),)
    #: Start-of-scan segments between SOI and EOI.
    scans: int = 1

    @property
    def coefficient_buffer_bytes(self) -> int:
        """Memory libjpeg allocates up front to hold every DCT coefficient of the image.

        A file with more than one scan (every progressive file) cannot be decoded row by
        row: libjpeg keeps the whole image's coefficients (128 bytes per 8 x 8 block of
        each component, at full resolution even in draft mode) until the last scan. A
        single sequential scan is decoded in strips and needs none of this (0).
        """
        if not self.progressive and self.scans <= 1:
            return 0
        h_max = max(h for h, _ in self.sampling)
        v_max = max(v for _, v in self.sampling)
        total = 0
        for h, v in self.sampling:  # as jdinput.c and jdcoefct.c size them
            blocks_wide = -(-self.width * h // (h_max * 8))
            blocks_high = -(-self.height * v // (v_max * 8))
            total += -(-blocks_wide // h) * h * -(-blocks_high // v) * v * _BLOCK_BYTES
        return total


def _marker_at(data: bytes, pos: int) -> tuple[int, int]:
    """Return (marker, position after it), skipping 0xFF fill bytes."""
    fill = _FILL.match(data, pos)
    if fill is None:
        raise CorruptImage(f"expected a marker at byte {pos}")
    pos = fill.end()
    if pos >= len(data):
        raise CorruptImage("file ends inside a marker")
    return data[pos], pos + 1


def _scan_end(data: bytes, pos: int) -> int:
    """Return where the entropy-coded data starting at ``pos`` ends."""
    end = _SCAN_END.search(data, pos)
    if end is None:
        raise CorruptImage("file ends inside the image data (truncated)")
    return end.start()


def iter_segments(data: bytes, *, stop_at_scan: bool = False) -> Iterator[Segment]:
    """Yield the segments of a JPEG from SOI to EOI; bytes after EOI are not yielded.

    Raises:
        WrongImageFormat: the bytes do not start with a JPEG signature.
        CorruptImage: a segment is malformed, there are more than ``MAX_SEGMENTS`` marker
            segments, or the file ends before EOI.
    """
    if not data.startswith(b"\xff\xd8"):
        raise WrongImageFormat("not a JPEG")
    yield Segment(SOI, 0, 2)
    pos = 2
    for _ in range(MAX_SEGMENTS):
        if pos >= len(data):
            raise CorruptImage("file ends before the end-of-image marker (truncated)")
        start = pos
        marker, pos = _marker_at(data, pos)
        if marker == EOI:
            yield Segment(EOI, start, pos)
            return
        if marker in _STANDALONE:
            yield Segment(marker, start, pos)
            continue
        if pos + 2 > len(data):
            raise CorruptImage("file ends inside a segment length (truncated)")
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > len(data):
            raise CorruptImage(f"segment 0xFF{marker:02X} has a bad length")
        pos += length
        # Normalise so payload() works even when fill bytes preceded the marker.
        yield Segment(marker, pos - length - 2, pos)
        if marker == SOS:
            if stop_at_scan:
                return
            end = _scan_end(data, pos)
            yield Segment(None, pos, end)
            pos = end
    raise CorruptImage(f"more than {MAX_SEGMENTS} marker segments")


def _parse_frame(marker: int, body: bytes) -> FrameHeader:
    """The start-of-frame payload: precision, height, width, then 3 bytes per component."""
    if len(body) < 6:
        raise CorruptImage("start-of-frame segment too short")
    height = int.from_bytes(body[1:3], "big")
    width = int.from_bytes(body[3:5], "big")
    if width == 0 or height == 0:
        raise CorruptImage("frame declares a zero size")
    components = body[5]
    if components == 0 or len(body) < 6 + 3 * components:
        raise CorruptImage("start-of-frame segment too short for its components")
    sampling = tuple((body[7 + 3 * i] >> 4, body[7 + 3 * i] & 0x0F) for i in range(components))
    if any(not (1 <= h <= 4 and 1 <= v <= 4) for h, v in sampling):
        raise CorruptImage("sampling factor out of range")
    return FrameHeader(width, height, components, marker in _PROGRESSIVE_SOF, sampling)


def read_frame_header(data: bytes, *, count_scans: bool = True) -> FrameHeader:
    """Read the declared frame and count the scans, without decoding any image data.

    ``count_scans=False`` stops at the first scan (``scans`` is then 1), for callers that
    only need the size.

    Raises:
        WrongImageFormat: not a JPEG.
        CorruptImage: no usable start-of-frame segment before the first scan, a second
            one (libjpeg refuses those too), or a broken structure anywhere in the file
            (when counting scans).
    """
    frame: FrameHeader | None = None
    scans = 0
    for seg in iter_segments(data, stop_at_scan=not count_scans):
        if seg.marker in _SOF:
            if frame is not None:
                raise CorruptImage("more than one start-of-frame segment")
            frame = _parse_frame(seg.marker, seg.payload(data))
        elif seg.marker == SOS:
            if frame is None:
                break
            scans += 1
    if frame is None:
        raise CorruptImage("no start-of-frame segment before the image data")
    return replace(frame, scans=scans)
