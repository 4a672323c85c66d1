"""EXIF hints warn (never fail), and orientation is applied before any geometry."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PIL import Image

from photo_checks import PhotoReport, check_photo
from tests.photo_checks.conftest import NOW
from tests.photo_checks.portraits import good_photo, jpeg

EXIF_IFD = 0x8769


def _with_exif(
    *, software: str | None = None, lens: str | None = None, taken: datetime | None = None
) -> bytes:
    exif = Image.Exif()
    if software is not None:
        exif[0x0131] = software
    sub = exif.get_ifd(EXIF_IFD)
    if lens is not None:
        sub[0xA434] = lens
    if taken is not None:
        sub[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    return jpeg(good_photo(), exif=exif)


def _codes(report: PhotoReport) -> dict[str, str]:
    return {p.code: p.severity for p in report.problems}


def test_iphone_front_camera_lens_warns_selfie() -> None:
    data = _with_exif(lens="iPhone 13 front camera 2.71mm f/2.2")
    assert _codes(check_photo(data, now=NOW)) == {"selfie": "warn"}


def test_rear_camera_lens_is_not_a_selfie() -> None:
    data = _with_exif(lens="iPhone 13 back dual wide camera 5.1mm f/1.6")
    assert check_photo(data, now=NOW).verdict == "pass"


def test_photo_taken_7_months_ago_warns_old_photo() -> None:
    data = _with_exif(taken=NOW - timedelta(days=213))
    assert _codes(check_photo(data, now=NOW)) == {"old_photo": "warn"}


def test_photo_taken_5_months_ago_is_recent_enough() -> None:
    data = _with_exif(taken=NOW - timedelta(days=150))
    assert check_photo(data, now=NOW).verdict == "pass"


@pytest.mark.parametrize("software", ["Adobe Photoshop 25.0 (Windows)", "Snapseed 2.0", "Meitu"])
def test_editor_in_software_tag_warns_edited(software: str) -> None:
    assert _codes(check_photo(_with_exif(software=software), now=NOW)) == {"edited": "warn"}


@pytest.mark.parametrize("software", ["17.1.2", "HDR+ 1.0.540104767zd", "G998BXXU5CVDD"])
def test_phone_firmware_in_software_tag_is_not_editing(software: str) -> None:
    assert check_photo(_with_exif(software=software), now=NOW).verdict == "pass"


def test_mirrored_orientation_warns_and_is_undone_before_checking() -> None:
    exif = Image.Exif()
    exif[0x0112] = 2  # mirrored horizontally
    stored = good_photo().transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    report = check_photo(jpeg(stored, exif=exif), now=NOW)
    assert _codes(report) == {"mirrored": "warn"}


def test_rotated_photo_is_judged_upright_in_upright_coordinates(good_report: PhotoReport) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned 90 degrees; viewers rotate it clockwise
    stored = good_photo().transpose(Image.Transpose.ROTATE_90)
    report = check_photo(jpeg(stored, exif=exif), now=NOW)
    assert report.verdict == "pass"
    assert (report.measures.width, report.measures.height) == (720, 960)
    assert report.face is not None and good_report.face is not None
    for got, want in zip(report.face.box, good_report.face.box, strict=True):
        assert got == pytest.approx(want, abs=12)


def test_arms_length_distance_from_focal_length_warns_selfie() -> None:
    exif = Image.Exif()
    sub = exif.get_ifd(EXIF_IFD)
    # 26 mm equivalent on a 720 x 960 frame, eyes ~132 px apart: about 0.21 m away.
    sub[0xA405] = 26
    sub[0xA002], sub[0xA003] = 720, 960
    report = check_photo(jpeg(good_photo(), exif=exif), now=NOW)
    assert _codes(report) == {"selfie": "warn"}


def test_malformed_exif_block_is_ignored() -> None:
    data = bytearray(_with_exif(software="Snapseed", taken=NOW - timedelta(days=400)))
    start = data.index(b"Exif\x00\x00") + 6
    data[start + 8 : start + 40] = b"\xff" * 32  # wreck the IFD entries
    report = check_photo(bytes(data), now=NOW)
    assert "corrupt_image" not in report.codes
    assert report.face is not None
