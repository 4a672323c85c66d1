"""H1: what the headers already refuse is never decoded, the decode is bounded in scans and
memory, a check has a time budget, and an upload is decoded once (check, then overlay)."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from photo_checks import PhotoRules, check_and_decode, check_photo, render_overlay
from photo_checks.errors import CorruptImage
from photo_checks.face import DetectedFace
from photo_checks.filerules import check_header
from photo_checks.jpeg import MAX_SEGMENTS, FrameHeader, read_frame_header
from tests.helpers import crafted_images as crafted
from tests.photo_checks import cases

BUDGET_MESSAGE = "too long or too much memory"


def _budget_refusal(data: bytes) -> None:
    report = check_photo(data)
    (problem,) = [p for p in report.problems if p.code == "corrupt_image"]
    assert problem.severity == "fail" and BUDGET_MESSAGE in problem.message.en
    assert "メモリ" in problem.message.ja


def test_the_reported_scan_bomb_is_refused_without_decoding(
    pillow_decodes: list[tuple[int, int]],
) -> None:
    report = check_photo(crafted.scan_bomb())  # 8480 x 8480, last scan repeated 1,000 times
    assert "corrupt_image" in report.codes and report.verdict == "fail"
    assert pillow_decodes == []


def test_repeated_scans_are_refused_from_the_headers(pillow_decodes: list[tuple[int, int]]) -> None:
    data = crafted.with_last_scan_repeated(crafted.progressive_jpeg(600, 800), 20)
    assert read_frame_header(data).scans == 30
    _budget_refusal(data)
    assert pillow_decodes == []


def test_scans_up_to_the_cap_are_decoded(pillow_decodes: list[tuple[int, int]]) -> None:
    at_cap = crafted.with_last_scan_repeated(crafted.progressive_jpeg(600, 800), 2)
    assert read_frame_header(at_cap).scans == PhotoRules().max_scans
    assert "corrupt_image" not in check_photo(at_cap).codes
    assert pillow_decodes
    over = crafted.with_last_scan_repeated(crafted.progressive_jpeg(600, 800), 3)
    assert "corrupt_image" in check_photo(over).codes


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (
            crafted.with_frame_size(crafted.progressive_jpeg(480, 480), 8480, 8480),
            "72 MP progressive",
        ),
        (cases.patched_frame_size(cases.good_jpeg(), 6100, 4000), "baseline, 6100 px wide"),
    ],
    ids=["72mp-progressive", "6100px-baseline"],
)
def test_a_frame_over_6000_px_a_side_is_refused_before_decoding(
    pillow_decodes: list[tuple[int, int]], data: bytes, size: str
) -> None:
    report = check_photo(data)
    assert "too_many_pixels" in report.codes, size
    assert report.face is None
    assert pillow_decodes == []


def test_progressive_memory_over_budget_is_refused_before_decoding(
    pillow_decodes: list[tuple[int, int]],
) -> None:
    # 6000 x 6000 is a legal size, but progressive 4:4:4 needs 216 MB of coefficients.
    data = crafted.with_frame_size(crafted.progressive_jpeg(480, 480, subsampling=0), 6000, 6000)
    assert read_frame_header(data).coefficient_buffer_bytes == 216_000_000
    _budget_refusal(data)
    assert pillow_decodes == []


def test_progressive_4_4_4_is_refused_as_it_would_need_twice_the_image_in_memory(
    pillow_decodes: list[tuple[int, int]],
) -> None:
    # Small and legal, but libjpeg would hold 2 bytes of coefficients per sample: a check
    # would peak over 2x the decoded image (measured 2.08x at 12 MP before this rule).
    data = crafted.progressive_jpeg(600, 800, subsampling=0)
    header = read_frame_header(data)
    assert header.coefficient_buffer_bytes == 600 * 800 * 3 * 2
    _budget_refusal(data)
    assert pillow_decodes == []
    subsampled = crafted.progressive_jpeg(600, 800, subsampling=1)  # 4:2:2, 1.33x
    assert "corrupt_image" not in check_photo(subsampled).codes


def test_the_largest_legal_progressive_photo_is_within_the_budget() -> None:
    frame = FrameHeader(6000, 6000, 3, True, ((2, 2), (1, 1), (1, 1)), scans=10)
    assert frame.coefficient_buffer_bytes == 108_000_000
    assert check_header(frame, PhotoRules()) == ([], True)


def test_coefficient_memory_is_counted_as_libjpeg_allocates_it() -> None:
    phone = FrameHeader(4032, 3024, 3, True, ((2, 2), (1, 1), (1, 1)), scans=10)
    assert phone.coefficient_buffer_bytes == (504 * 378 + 2 * 252 * 189) * 128
    baseline = FrameHeader(4032, 3024, 3, False, ((2, 2), (1, 1), (1, 1)), scans=1)
    assert baseline.coefficient_buffer_bytes == 0  # decoded in strips, nothing buffered


def test_a_check_over_its_time_budget_stops_after_decoding() -> None:
    class Unreachable:
        def detect(self, rgb: np.ndarray) -> list[DetectedFace]:
            raise AssertionError("the analysis ran past the time budget")

    report = check_photo(
        cases.good_jpeg(), rules=PhotoRules(max_check_seconds=0.0), detector=Unreachable()
    )
    (problem,) = report.problems
    assert problem.code == "corrupt_image" and BUDGET_MESSAGE in problem.message.en


def test_a_second_frame_header_is_refused() -> None:
    data = crafted.progressive_jpeg(480, 480)
    sof = data.index(b"\xff\xc2")
    length = int.from_bytes(data[sof + 2 : sof + 4], "big")
    doubled = data[: sof + 2 + length] + data[sof : sof + 2 + length] + data[sof + 2 + length :]
    with pytest.raises(CorruptImage):
        read_frame_header(doubled)


def test_more_marker_segments_than_any_photo_has_are_refused() -> None:
    data = cases.good_jpeg()
    comments = b"\xff\xfe\x00\x03x" * MAX_SEGMENTS
    with pytest.raises(CorruptImage):
        read_frame_header(data[:2] + comments + data[2:])
    assert "corrupt_image" in check_photo(data[:2] + comments + data[2:]).codes


def test_the_overlay_is_drawn_on_the_copy_the_checks_decoded(
    pillow_decodes: list[tuple[int, int]],
) -> None:
    data = cases.good_jpeg()
    report, decoded = check_and_decode(data)
    assert decoded is not None
    overlay = render_overlay(decoded, report)
    assert len(pillow_decodes) == 1  # one decode for the checks and the overlay together
    assert overlay == render_overlay(data, report)


def test_the_overlay_carries_no_comment_or_other_metadata() -> None:
    data = crafted.with_comment(cases.good_jpeg(), b"uploaded by Hanako, 35.6N 139.7E")
    report, decoded = check_and_decode(data)
    assert decoded is not None
    overlay = render_overlay(decoded, report)
    assert b"Hanako" not in overlay
    with Image.open(BytesIO(overlay)) as image:
        assert "comment" not in image.info and "exif" not in image.info


def test_a_check_walks_the_image_data_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting the scans reads the whole file; the decode reuses that reading (speed)."""
    import photo_checks.jpeg as jpeg

    walked: list[int] = []
    original = jpeg._scan_end

    def spy(data: bytes, pos: int) -> int:
        walked.append(pos)
        return original(data, pos)

    monkeypatch.setattr(jpeg, "_scan_end", spy)
    data = crafted.progressive_jpeg(600, 800)
    scans = read_frame_header(data).scans
    walked.clear()
    assert check_photo(data).measures.width == 600
    assert len(walked) == scans
