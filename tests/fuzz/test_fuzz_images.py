"""Fuzz targets for the image header parsers: the JPEG segment walker and frame reader
(photo_checks/jpeg.py), the decode-budget judgement on what they return (filerules), and the
PNG chunk reader (app/domain/files.py) with the attachment checks built on them.

Each asserts that only the documented error type comes out: `PhotoError` (`WrongImageFormat`,
`CorruptImage`) from the JPEG parser, `UnreadableFile` from the PNG reader, and nothing at all
from the functions that turn those into answers. Inputs are arbitrary bytes and real files
with bytes changed, cut short or repeated (where the structure is). Budget: tests/fuzz/budget.py.
"""

from __future__ import annotations

import io
from functools import cache

from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from app.domain import files
from photo_checks import DEFAULT_RULES
from photo_checks.errors import PhotoError
from photo_checks.filerules import check_header
from photo_checks.jpeg import iter_segments, read_frame_header
from tests.fuzz.budget import fuzz_settings
from tests.helpers import crafted_images as crafted


@cache
def _seeds() -> tuple[bytes, ...]:
    """Small valid files: baseline and progressive JPEG (with a comment), PNG."""
    baseline = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(baseline, "JPEG", quality=80)
    png = io.BytesIO()
    Image.new("RGB", (16, 12), (10, 200, 90)).save(png, "PNG")
    progressive = crafted.progressive_jpeg(64, 48)
    return (
        crafted.with_comment(baseline.getvalue(), b"a comment"),
        progressive,
        crafted.with_last_scan_repeated(progressive, 3),
        png.getvalue(),
    )


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed with a few bytes changed (biased to the headers), then maybe cut or spliced."""
    data = bytearray(draw(st.sampled_from(_seeds())))
    for _ in range(draw(st.integers(1, 6))):
        limit = min(len(data), 300) if draw(st.booleans()) else len(data)
        data[draw(st.integers(0, limit - 1))] = draw(st.integers(0, 255))
    choice = draw(st.integers(0, 3))
    if choice == 1:
        data = data[: draw(st.integers(0, len(data)))]
    elif choice == 2:  # repeat a slice: many segments or chunks, or none where one should be
        start = draw(st.integers(0, len(data) - 1))
        end = draw(st.integers(start, min(len(data), start + 64)))
        data[start:start] = data[start:end] * draw(st.integers(1, 40))
    return bytes(data)


inputs = st.one_of(
    st.binary(max_size=2048),
    st.binary(max_size=512).map(lambda tail: b"\xff\xd8\xff" + tail),
    st.binary(max_size=512).map(lambda tail: files.PNG_SIGNATURE + tail),
    mutated(),
)


@fuzz_settings
@given(inputs)
def test_jpeg_segment_walker_raises_only_photo_errors(data: bytes) -> None:
    try:
        segments = list(iter_segments(data))
    except PhotoError:
        return
    assert segments[0].start == 0 and segments[-1].end <= len(data)
    assert all(a.end <= b.start for a, b in zip(segments, segments[1:], strict=False))


@fuzz_settings
@given(inputs)
def test_jpeg_frame_reader_raises_only_photo_errors(data: bytes) -> None:
    try:
        frame = read_frame_header(data)
    except PhotoError:
        return
    assert frame.width > 0 and frame.height > 0 and frame.scans >= 0
    assert all(1 <= h <= 4 and 1 <= v <= 4 for h, v in frame.sampling)
    assert frame.coefficient_buffer_bytes >= 0
    findings, decodable = check_header(frame, DEFAULT_RULES)  # never raises
    assert decodable or findings


@fuzz_settings
@given(inputs)
def test_png_chunk_reader_raises_only_unreadable_file(data: bytes) -> None:
    try:
        width, height = files.png_size(data)
    except files.UnreadableFile:
        pass
    else:
        assert width > 0 and height > 0
    try:
        stripped = files.strip_png_metadata(data)
    except files.UnreadableFile:
        return
    assert stripped.startswith(files.PNG_SIGNATURE)


@fuzz_settings
@given(inputs)
def test_attachment_checks_answer_every_input(data: bytes) -> None:
    for rule in (files.DOCUMENT, files.PHOTO):
        problem = files.problem(data, rule)
        assert problem is None or isinstance(problem, files.FileProblem)
