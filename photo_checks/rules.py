"""Thresholds for every check, in one frozen dataclass.

Values come from ``docs/domain/photo.md`` (the contract) and its evidence in
``photo-research.md``. This module is pure: it imports nothing outside the standard
library, so the rules can be read and tested without OpenCV or Pillow.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhotoRules:
    """All thresholds; fractions are of the image or of the head height (crown to chin)."""

    # File rules (J-LIS online upload).
    min_bytes: int = 20_480
    max_bytes: int = 7_000_000
    min_side_px: int = 480
    max_side_px: int = 6000
    # Decoding safety, judged on the headers before any decode (docs/photo_checks.md).
    # A frame over max_side_px is refused as too_many_pixels without decoding it (the
    # rule refuses it anyway). Images declaring more pixels than this are refused as
    # corrupt_image; with the side rule it only matters to callers who raise max_side_px.
    max_pixels: int = 72_000_000
    # Bytes beyond which nothing is decoded (only the file rules are reported).
    max_decode_bytes: int = 64_000_000
    # Scans (SOS segments): cameras write 1, libjpeg's progressive script 10 (6 for
    # greyscale), mozjpeg 9-11. Every extra scan is another pass over every block (about
    # 50 ms at 36 MP), so a file that repeats one 1,000 times is refused unread.
    max_scans: int = 12
    # Memory budget: libjpeg's whole-image coefficient buffer for multi-scan files
    # (progressive: 2 bytes per sample at full size, even in draft mode). 128 MiB lets a
    # legal 6000 x 6000 4:2:0 progressive file through (108 MB) and refuses a 4:4:4 one.
    max_coefficient_bytes: int = 128 * 1024 * 1024
    # Time budget: a check still running after this many seconds once decoded stops
    # there and says so (the header limits above bound the decode itself).
    max_check_seconds: float = 5.0
    # Working copy: long side of the reduced image every check runs on.
    working_long_side: int = 1024
    # Smallest long side accepted from JPEG draft decoding before the final resize.
    draft_min_long_side: int = 768

    # Face count: a second face this large (area vs the main face) fails, smaller warns.
    second_face_fail_area: float = 0.10

    # Framing, as head height (crown to chin) over image height.
    too_close_fail: float = 0.80
    too_close_warn: float = 0.70
    too_far_fail: float = 0.20
    too_far_warn: float = 0.30
    min_eye_distance_px: float = 90.0
    # Room above the crown and below the chin, in head heights.
    top_margin_fail: float = 0.06
    top_margin_warn: float = 0.12
    bottom_margin_fail: float = 0.15
    bottom_margin_warn: float = 0.21
    # Room from the face centre to each side, in head heights (35 mm of a 36 mm head).
    side_room_fail: float = 0.49
    # Centring, only judged when the upload already looks like a final crop.
    off_center_fail: float = 0.10
    off_center_warn: float = 0.057
    crop_like_aspect: tuple[float, float] = (1.25, 1.33)
    crop_like_head_ratio: tuple[float, float] = (0.70, 0.80)
    # Roll of the eye line, degrees.
    tilt_fail_deg: float = 8.0
    tilt_warn_deg: float = 3.0
    # A head edge this close to an image edge (fraction of that dimension) touches it.
    edge_touch: float = 0.005

    # Legal 45 x 35 mm frame: head 32-36 mm, 2-6 mm above the crown, 5-9 mm below the
    # chin, face centre within 2 mm of the middle.
    crop_aspect_h_over_w: float = 45.0 / 35.0
    crop_head_ratio: tuple[float, float] = (32.0 / 45.0, 36.0 / 45.0)
    crop_top_margin: tuple[float, float] = (0.06, 0.18)
    crop_bottom_margin: tuple[float, float] = (0.15, 0.26)
    crop_center_tolerance: float = 2.0 / 35.0

    # Background (measured at background_long_side px).
    background_long_side: int = 640
    edge_magnitude: float = 100.0
    edge_share_fail: float = 0.05
    edge_share_warn: float = 0.02
    l_std_fail: float = 20.0
    l_std_warn: float = 10.0
    gradient_fail: float = 15.0
    gradient_warn: float = 8.0
    shadow_fail: float = 15.0
    shadow_warn: float = 8.0
    background_dark_warn: float = 60.0

    # Quality of the face region.
    sharpness_side_px: int = 256
    blurry_fail: float = 15.0
    blurry_warn: float = 40.0
    dark_fail: float = 0.20
    dark_warn: float = 0.30
    bright_fail: float = 0.90
    bright_warn: float = 0.80
    clipped_level: int = 247
    clipped_share_warn: float = 0.08
    balance_fail: float = 0.50
    balance_warn: float = 0.70

    # EXIF hints.
    max_age_days: int = 183
    # Camera distance (m) under which the photo was taken at arm's length.
    selfie_distance_m: float = 0.5
    mean_pupil_distance_mm: float = 63.0
    # Lower-case fragments of EXIF Software values written by image editors.
    editor_names: tuple[str, ...] = (
        "photoshop",
        "lightroom",
        "gimp",
        "snapseed",
        "picsart",
        "facetune",
        "meitu",
        "beautycam",
        "beauty plus",
        "beautyplus",
        "snow",
        "b612",
        "faceapp",
        "airbrush",
        "youcam",
        "vsco",
        "canva",
        "pixlr",
        "affinity",
        "photoscape",
        "paint.net",
        "capture one",
        "luminar",
        "photodirector",
        "picmonkey",
        "fotor",
        "lightx",
        "remini",
    )


DEFAULT_RULES = PhotoRules()
