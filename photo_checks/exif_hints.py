"""Hints from EXIF: front camera, mirrored, old, edited.

EXIF is often missing (iOS Safari strips much of it; in-page captures have none), so
these only ever warn: the decisive checks are the geometric ones. Values are read
defensively because EXIF blocks in the wild are often malformed.
"""

from __future__ import annotations

import math
from datetime import datetime

from PIL import Image

from photo_checks.decode import MIRRORED_ORIENTATIONS
from photo_checks.report import Finding
from photo_checks.rules import PhotoRules

EXIF_IFD = 0x8769
SOFTWARE = 0x0131
DATETIME_ORIGINAL = 0x9003
LENS_MODEL = 0xA434
FOCAL_35MM = 0xA405
PIXEL_X = 0xA002
PIXEL_Y = 0xA003
# 35 mm film diagonal, mm: converts a 35 mm-equivalent focal length to pixels.
_FILM_DIAGONAL_MM = 43.27

FullBox = tuple[float, float, float, float]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1", "replace")
    return value if isinstance(value, str) else ""


def _taken_at(exif: Image.Exif) -> datetime | None:
    raw = _text(exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL)).strip("\x00 ")
    try:
        return datetime.strptime(raw[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def camera_distance_m(
    exif: Image.Exif, width: int, height: int, eye_distance_px: float, rules: PhotoRules
) -> float | None:
    """Distance from camera to face, from the 35 mm focal length and the eye distance.

    Only trusted when the image has its camera size (a crop changes the pixel scale).
    """
    sub = exif.get_ifd(EXIF_IFD)
    focal = sub.get(FOCAL_35MM)
    if not isinstance(focal, int) or focal <= 0 or eye_distance_px <= 0:
        return None
    camera_size = (sub.get(PIXEL_X), sub.get(PIXEL_Y))
    if None not in camera_size and sorted(camera_size) != sorted((width, height)):  # type: ignore[type-var]
        return None
    focal_px = focal * math.hypot(width, height) / _FILM_DIAGONAL_MM
    return focal_px * rules.mean_pupil_distance_mm / eye_distance_px / 1000.0


def check(
    exif: Image.Exif | None,
    orientation: int,
    *,
    now: datetime,
    size: tuple[int, int],
    eye_distance_px: float | None,
    rules: PhotoRules,
) -> list[Finding]:
    """Warnings from EXIF; every problem here is advice, never a refusal."""
    if exif is None:
        return []
    whole: FullBox = (0.0, 0.0, float(size[0]), float(size[1]))
    findings = []
    try:
        lens = _text(exif.get_ifd(EXIF_IFD).get(LENS_MODEL)).lower()
        distance = (
            camera_distance_m(exif, size[0], size[1], eye_distance_px, rules)
            if eye_distance_px
            else None
        )
        if "front" in lens or (distance is not None and distance < rules.selfie_distance_m):
            findings.append(Finding.of("selfie", "warn", whole))
        if orientation in MIRRORED_ORIENTATIONS:
            findings.append(Finding.of("mirrored", "warn", whole))
        taken = _taken_at(exif)
        reference = now.replace(tzinfo=None)
        if taken is not None and (reference - taken).days > rules.max_age_days:
            findings.append(Finding.of("old_photo", "warn", whole))
        software = _text(exif.get(SOFTWARE)).lower()
        if software and any(name in software for name in rules.editor_names):
            findings.append(Finding.of("edited", "warn", whole))
    except Exception:
        return findings
    return findings
