"""Real people: good placements pass, each defect is reported with its code and severity.

Photos are built in memory from ``../shared/photos/people`` (see ``people.py``); only
the calibration people are asserted here. The held-out people are judged by
``benchmarks/photo_accuracy.py`` and reported, not tuned against.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from PIL import Image

from photo_checks import PhotoReport, check_photo
from tests.photo_checks import people
from tests.photo_checks.conftest import NOW

pytestmark = pytest.mark.skipif(
    not people.PEOPLE.is_dir(), reason="../shared/photos/people is not next to this repository"
)


@cache
def _report(name: str, defect: str) -> PhotoReport:
    builders: dict[str, Callable[[str], Image.Image]] = {
        "good": people.good,
        "id_framed": people.id_framed,
        "mouth_wide_open": people.mouth_wide_open,
        **{k: v[0] for k, v in people.DEFECTS.items()},
    }
    return check_photo(people.jpeg(builders[defect](name)), now=NOW)


@pytest.mark.parametrize("name", people.CALIBRATION)
def test_good_photo_of_each_calibration_person_passes(name: str) -> None:
    report = _report(name, "good")
    assert report.verdict == "pass", report.codes
    assert report.measures.person_mask is True


@pytest.mark.parametrize("name", people.CALIBRATION)
def test_photo_framed_as_jlis_shows_passes_without_too_close(name: str) -> None:
    """Head 72 % of the height with 0.1 head heights above it: J-LIS's own framing."""
    report = _report(name, "id_framed")
    assert report.measures.head_ratio is not None and report.measures.head_ratio > 0.68
    assert report.verdict == "pass", report.codes


@pytest.mark.parametrize("defect", sorted(people.DEFECTS))
@pytest.mark.parametrize("name", people.CALIBRATION)
def test_defect_on_a_real_person_reports_its_code(name: str, defect: str) -> None:
    _, code, severity = people.DEFECTS[defect]
    found = {p.code: p.severity for p in _report(name, defect).problems}
    assert found.get(code) == severity, found


# No photo in the folder has the mouth open; painting one convinces the mesh on Obama's
# face only (two real photos of him; see the docs).
@pytest.mark.parametrize("name", ["obama.jpg", "obama-1080p.jpg"])
def test_mouth_wide_open_is_advice(name: str) -> None:
    found = {p.code: p.severity for p in _report(name, "mouth_wide_open").problems}
    assert found.get("mouth_open") == "warn", found
    assert "mouth_open" not in _report(name, "good").codes  # the opening is what it sees


@pytest.mark.parametrize("name", people.TURNED)
def test_real_turned_head_is_refused_as_turned(name: str) -> None:
    image = Image.open(people.PEOPLE / name).convert("RGB")
    report = check_photo(people.jpeg(image), now=NOW)
    found = {p.code: p.severity for p in report.problems}
    assert found.get("head_turned") == "fail", found
    assert report.measures.yaw_deg is not None and abs(report.measures.yaw_deg) > 10


@pytest.mark.parametrize("name", people.CALIBRATION)
def test_face_cut_by_the_side_edge_is_named_not_no_face(name: str) -> None:
    report = _report(name, "cut_left")
    assert "no_face" not in report.codes
    (cut,) = [p for p in report.problems if p.code == "face_cut_off"]
    assert "left edge" in cut.message.en and "左" in cut.message.ja


@pytest.mark.parametrize("name", people.CALIBRATION)
def test_cast_shadow_region_is_beside_the_head(name: str) -> None:
    report = _report(name, "cast_shadow")
    (shadow,) = [p for p in report.problems if p.code == "background_shadow"]
    assert report.face is not None and shadow.region is not None
    # The shadow falls right of the face (it was cast to the lower right).
    assert shadow.region[0] + shadow.region[2] / 2 > report.face.box[0] + report.face.box[2] / 2
    assert report.measures.background_halo_shadow is not None
    assert report.measures.background_halo_shadow > 6


def test_head_covering_message_gives_the_religious_exception() -> None:
    (problem,) = [p for p in _report("obama.jpg", "cap").problems if p.code == "head_covered"]
    assert "religious" in problem.message.en and "宗教上" in problem.message.ja


@pytest.mark.parametrize(
    "name", ["biden2.jpg", "johnsnow_test1.jpg", "john2.jpeg", "obama.jpg", "kit_with_rose.jpg"]
)
def test_real_rooms_paintings_and_outdoors_behind_the_person_are_refused(name: str) -> None:
    """As photographed: a painting, snow, flags, a backdrop with logos behind the person."""
    image = Image.open(people.PEOPLE / name).convert("RGB")
    found = {p.code: p.severity for p in check_photo(people.jpeg(image), now=NOW).problems}
    assert found.get("background_not_plain") == "fail", found


def test_a_real_plain_studio_backdrop_is_plain() -> None:
    image = Image.open(people.PEOPLE / "alex_lacamoire1.jpg").convert("RGB")
    report = check_photo(people.jpeg(image), now=NOW)
    assert "background_not_plain" not in report.codes
    assert "background_shadow" not in report.codes
