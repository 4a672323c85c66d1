"""The overlay: a small JPEG with the face, the legal frame and each problem drawn."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from photo_checks import CorruptImage, Measures, PhotoReport, check_photo, render_overlay
from photo_checks.overlay import COLOURS
from tests.photo_checks import cases
from tests.photo_checks.portraits import good_photo, jpeg


def _near(rgb: np.ndarray, colour: tuple[int, int, int], tol: int = 40) -> np.ndarray:
    return np.all(np.abs(rgb.astype(int) - np.array(colour)) <= tol, axis=-1)


def _drawn(data: bytes, report: PhotoReport) -> np.ndarray:
    """The overlay with every pixel that drawing did not change blanked to black."""
    blank = PhotoReport(None, (), Measures())
    base = np.asarray(Image.open(BytesIO(render_overlay(data, blank)))).astype(int)
    rgb = np.asarray(Image.open(BytesIO(render_overlay(data, report))))
    changed = np.abs(rgb.astype(int) - base).sum(axis=-1) > 90
    return np.where(changed[..., None], rgb, 0).astype(np.uint8)


def test_overlay_is_a_jpeg_no_larger_than_1024_px() -> None:
    data = jpeg(good_photo((1500, 2000)))
    overlay = Image.open(BytesIO(render_overlay(data, check_photo(data))))
    assert overlay.format == "JPEG"
    assert max(overlay.size) <= 1024
    assert overlay.width / overlay.height == 0.75


def test_overlay_of_good_photo_shows_face_box_and_frame_but_no_problem(
    good_jpeg: bytes, good_report: PhotoReport
) -> None:
    rgb = _drawn(good_jpeg, good_report)
    assert _near(rgb, COLOURS["face"]).sum() > 200
    assert _near(rgb, COLOURS["crop"]).sum() > 200
    assert _near(rgb, COLOURS["fail"]).sum() == 0
    assert _near(rgb, COLOURS["warn"]).sum() == 0
    assert good_report.face is not None
    x, y, w, h = good_report.face.box
    assert _near(rgb[y - 2 : y + 3, x + w // 4 : x + 3 * w // 4], COLOURS["face"]).any()


def test_overlay_outlines_a_failing_region_in_red_where_it_is() -> None:
    """A problem with no shape (a tilted head) is outlined as its box."""
    data = cases.jpeg(cases.DEFECTS["tilted_12_degrees"][0]())
    report = check_photo(data)
    (problem,) = [p for p in report.problems if p.severity == "fail"]
    assert problem.region is not None
    rgb = _drawn(data, report)
    x, y, w, h = problem.region
    y_mid = y + h // 2
    left_edge = rgb[y_mid - 5 : y_mid + 5, max(0, x - 1) : x + 6]
    assert _near(left_edge, COLOURS["fail"]).any()


def test_each_problem_gets_a_numbered_marker_not_a_code_name() -> None:
    """A filled disc at each region's corner carries the number of the listed problem."""
    data = cases.jpeg(cases.DEFECTS["busy_background"][0]())
    report = check_photo(data)
    (problem,) = [p for p in report.problems if p.severity == "fail"]
    assert problem.region is not None
    rgb = np.asarray(Image.open(BytesIO(render_overlay(data, report))))
    scale = rgb.shape[1] / (report.measures.width or 1)
    x, y = problem.region[0] * scale, problem.region[1] * scale
    radius = max(12, round(max(rgb.shape[:2]) / 40))
    cx = int(min(max(x, radius + 1), rgb.shape[1] - radius - 2))
    cy = int(min(max(y, radius + 1), rgb.shape[0] - radius - 2))
    disc = rgb[cy - radius // 2 : cy + radius // 2, cx - radius // 2 : cx + radius // 2]
    filled = _near(disc, COLOURS["fail"]) | _near(disc, (255, 255, 255), 60)
    assert filled.mean() > 0.9  # a solid marker (red with a white digit)
    assert _near(disc, (255, 255, 255), 60).any()  # the digit


def test_overlay_of_undecodable_bytes_is_refused() -> None:
    data = cases.png_of_good_photo()
    with pytest.raises(CorruptImage):
        render_overlay(data, check_photo(data))


def test_a_busy_background_is_drawn_as_the_mask_shape_around_the_person() -> None:
    """The background at fault is tinted where it is (both sides of the head, around the
    hair), the person is untouched: a shape from the person mask, not a rectangle."""
    data = cases.jpeg(cases.DEFECTS["busy_background"][0]())
    report = check_photo(data)
    assert report.measures.person_mask and report.face is not None
    rgb = _drawn(data, report)
    tinted = _near(rgb, COLOURS["fail"], 90) & (rgb[..., 0] > rgb[..., 1] + 40)
    scale = rgb.shape[1] / (report.measures.width or 1)
    x, y, w, h = (round(v * scale) for v in report.face.box)
    rows = slice(y, y + h)
    assert tinted[rows, : x - w // 4].sum() > 500  # left of the head
    assert tinted[rows, x + w + w // 4 :].sum() > 500  # right of the head
    face = tinted[y + h // 5 : y + 4 * h // 5, x + w // 5 : x + 4 * w // 5]
    assert face.sum() == 0  # the person is not marked
    ys, xs = np.nonzero(tinted)
    box = tinted[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    assert box.mean() < 0.7  # not a filled rectangle: the shape has the person cut out
