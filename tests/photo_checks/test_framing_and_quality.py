"""Each defect photo fails (or warns) with its code; the good photo passes cleanly."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from photo_checks import PhotoReport, check_photo
from tests.photo_checks import cases
from tests.photo_checks.conftest import NOW


def test_good_photo_on_plain_wall_passes_with_no_problem(good_report: PhotoReport) -> None:
    assert good_report.verdict == "pass"
    assert good_report.problems == ()
    assert good_report.face is not None
    assert good_report.crop is not None


def test_good_photo_measures_match_how_it_was_built(good_report: PhotoReport) -> None:
    m = good_report.measures
    # Built with the head (crown to chin) at 50% of the height, centred, level.
    assert m.head_ratio == pytest.approx(0.5, abs=0.04)
    assert m.center_offset == pytest.approx(0.0, abs=0.02)
    assert m.roll_deg is not None and abs(m.roll_deg) < 2
    assert good_report.face is not None
    assert good_report.face.chin_y == pytest.approx(120 + 480, abs=20)
    assert good_report.face.crown_y == pytest.approx(120, abs=20)


@pytest.mark.parametrize("name", sorted(cases.DEFECTS))
def test_defect_photo_reports_its_code(
    name: str, defect_report: Callable[[str], PhotoReport]
) -> None:
    _, code, severity = cases.DEFECTS[name]
    report = defect_report(name)
    found = {p.code: p.severity for p in report.problems}
    assert found.get(code) == severity, f"{name}: {found}"
    assert report.verdict == ("fail" if "fail" in found.values() else "warn")


@pytest.mark.parametrize("name", sorted(cases.CROPPABLE))
def test_croppable_photo_gets_no_framing_advice(name: str) -> None:
    report = check_photo(cases.jpeg(cases.CROPPABLE[name]()), now=NOW)
    assert report.crop is not None
    framing = {"too_close", "no_room_above_head", "no_room_below_chin", "off_center"}
    assert not framing & set(report.codes), report.codes
    assert report.verdict == "pass", report.codes


def test_close_selfie_leads_with_the_cause_and_the_fix(
    defect_report: Callable[[str], PhotoReport],
) -> None:
    report = defect_report("selfie_too_close")
    first = report.problems[0]
    assert (first.code, first.severity) == ("too_close", "fail")
    assert first.message.en.startswith("The camera was too close")
    assert "1 m" in first.message.en and "約1m" in first.message.ja
    # The missing room above and below is said once, inside the cause's message.
    assert not {"no_room_above_head", "no_room_below_chin"} & set(report.codes)


@pytest.mark.parametrize(
    ("name", "edge"),
    [
        ("cut_off_top", "top"),
        ("cut_off_bottom", "bottom"),
        ("cut_off_left", "left"),
        ("cut_off_right", "right"),
    ],
)
def test_cut_off_message_names_the_edge(
    name: str, edge: str, defect_report: Callable[[str], PhotoReport]
) -> None:
    (problem,) = [p for p in defect_report(name).problems if p.code == "face_cut_off"]
    assert f"{edge} edge" in problem.message.en
    others = {"top", "bottom", "left", "right"} - {edge}
    assert not any(
        f"{o} edge" in problem.message.en or f" {o} " in problem.message.en for o in others
    )
    assert "端で切れています" in problem.message.ja


def test_too_close_selfie_has_no_legal_crop(defect_report: Callable[[str], PhotoReport]) -> None:
    report = defect_report("selfie_too_close")
    assert report.crop is None
    assert report.measures.head_ratio is not None and report.measures.head_ratio > 0.8


@pytest.mark.parametrize("name", ["busy_background", "blurred", "side_lit", "selfie_too_close"])
def test_every_problem_region_lies_inside_the_image(
    name: str, defect_report: Callable[[str], PhotoReport]
) -> None:
    report = defect_report(name)
    m = report.measures
    assert m.width is not None and m.height is not None
    for p in report.problems:
        assert p.region is not None
        x, y, w, h = p.region
        # Regions may run past an edge only where the head does (cut-off); never wholly out.
        assert w > 0 and h > 0
        assert x < m.width and y < m.height and x + w > 0 and y + h > 0


def test_clutter_region_points_at_the_background_not_the_face(
    defect_report: Callable[[str], PhotoReport],
) -> None:
    report = defect_report("busy_background")
    (problem,) = [p for p in report.problems if p.code == "background_not_plain"]
    assert report.face is not None and problem.region is not None
    fx, fy, fw, fh = report.face.box
    x, y, w, h = problem.region
    overlap_w = max(0, min(x + w, fx + fw) - max(x, fx))
    overlap_h = max(0, min(y + h, fy + fh) - max(y, fy))
    assert overlap_w * overlap_h < 0.5 * fw * fh


def test_second_person_region_is_the_other_face(
    defect_report: Callable[[str], PhotoReport],
) -> None:
    report = defect_report("doubled")
    (problem,) = [p for p in report.problems if p.code == "multiple_faces"]
    assert report.face is not None and problem.region is not None
    main_cx = report.face.box[0] + report.face.box[2] / 2
    other_cx = problem.region[0] + problem.region[2] / 2
    assert abs(main_cx - other_cx) > 300  # the two people stand 540 px apart
