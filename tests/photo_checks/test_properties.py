"""No input crashes or hangs the checker: arbitrary bytes and mutated JPEGs."""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from photo_checks import PhotoReport, check_photo, strip_metadata
from photo_checks.errors import PhotoError
from tests.photo_checks.portraits import good_photo, jpeg

# Generous: a normal photo takes well under a second; a hang would take forever.
BOUNDED = settings(
    deadline=timedelta(seconds=5),
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)


@cache
def _small_jpeg() -> bytes:
    """A small valid photo to mutate (small, so each example decodes quickly)."""
    return jpeg(good_photo((480, 640)), quality=85)


def _assert_is_report(report: PhotoReport) -> None:
    assert report.verdict in {"pass", "warn", "fail"}
    report.to_json()


@BOUNDED
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_give_a_report(data: bytes) -> None:
    _assert_is_report(check_photo(data))


@BOUNDED
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_after_a_jpeg_signature_give_a_report(tail: bytes) -> None:
    _assert_is_report(check_photo(b"\xff\xd8\xff" + tail))


@st.composite
def mutated_jpegs(draw: st.DrawFn) -> bytes:
    data = bytearray(_small_jpeg())
    # Bias mutations towards the headers, where the decoder makes its decisions.
    header_end = min(len(data), 700)
    for _ in range(draw(st.integers(1, 8))):
        limit = header_end if draw(st.booleans()) else len(data)
        pos = draw(st.integers(0, limit - 1))
        data[pos] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@BOUNDED
@given(mutated_jpegs())
def test_mutated_jpeg_gives_a_report(data: bytes) -> None:
    _assert_is_report(check_photo(data))


@BOUNDED
@given(mutated_jpegs())
def test_strip_metadata_either_strips_or_refuses(data: bytes) -> None:
    try:
        stripped = strip_metadata(data)
    except PhotoError:
        return
    assert stripped.startswith(b"\xff\xd8") and stripped.endswith(b"\xff\xd9")
