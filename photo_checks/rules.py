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
    # ...and relative to the decoded image (3 bytes a pixel): a check must peak under 2x the
    # decoded image (security review H1), and libjpeg's buffer alone is 1x for 4:2:0 (what
    # phones write), 1.33x for 4:2:2 and 2x for 4:4:4, so progressive 4:4:4 is refused.
    max_coefficient_share: float = 1.5
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
    # Tightened from the initial 0.05/0.02, 20/10, 15/8 once the zone became the person
    # mask (no hair or shoulders in it; J-LIS refuses objects, patterns, a room behind).
    # Plain walls: edge share 0-0.0005, L* std 1.0-3.9, gradient <= 3.5 (calibration walls
    # and real studio backdrops); blurred rooms, paintings, snow: std 7.0-14.3, gradient
    # 5.3-12.2; furniture and flags: edge share 0.06-0.24.
    edge_share_fail: float = 0.02
    edge_share_warn: float = 0.01
    l_std_fail: float = 12.0
    l_std_warn: float = 8.0
    gradient_fail: float = 9.0
    gradient_warn: float = 6.0
    shadow_fail: float = 15.0
    shadow_warn: float = 8.0
    # A shadow cast behind the head: one of 8 sectors of the band around the head darker
    # than the far background by this much L* (calibration people on a plain wall:
    # 1.3-2.1; with a soft shadow cast 0.16 eyes-to-chin to the lower right: 8.0-13.0).
    halo_shadow_fail: float = 6.0
    background_dark_warn: float = 60.0

    # Quality of the face region.
    sharpness_side_px: int = 256
    blurry_fail: float = 15.0
    blurry_warn: float = 40.0
    # Camera shake (J-LIS 手振れ, refused): weakest/strongest directional gradient energy
    # of the face (quality._shake); calibration: good 0.41-0.72, shaken 0.15-0.26.
    shake_fail: float = 0.33
    dark_fail: float = 0.20
    dark_warn: float = 0.30
    bright_fail: float = 0.90
    bright_warn: float = 0.80
    clipped_level: int = 247
    clipped_share_warn: float = 0.08
    # Fail raised from 0.50: J-LIS refuses a face half in shadow (顔に影); calibration
    # faces with half the face at 0.45x light measure 0.49-0.58, good ones 0.72-0.96.
    balance_fail: float = 0.60
    balance_warn: float = 0.70

    # Face state, from the face mesh (face_state.py). Pose: degrees, the larger of yaw
    # and pitch (photo-research.md G6: <= 5 pass, 5-10 advice, > 10 refused, J-LIS
    # 顔が横向き). Pitch is measured from the forehead-to-chin depth, which is about 5°
    # on upright faces (mean of the frontal calibration photos), so that is subtracted.
    pose_warn_deg: float = 5.0
    pose_fail_deg: float = 10.0
    pitch_neutral_deg: float = 5.0
    # Pitch from depth is noisier (upright calibration faces spread -2 to +3.5 after the
    # neutral 5°, the astronaut up to +6.5) and J-LIS names only 横向き: wider limits.
    pitch_warn_deg: float = 8.0
    pitch_fail_deg: float = 15.0
    # Lid gap over eyes-to-chin (OFIQ EyesOpen midpoint 0.02; research X1). Fail raised
    # to 0.025: eyes painted shut on the calibration faces measure 0.001-0.021, open
    # eyes 0.034-0.095 (real photos 0.041-0.095).
    eyes_closed_fail: float = 0.025
    eyes_closed_warn: float = 0.03
    # Inner-lip gap over eyes-to-chin (OFIQ MouthClosed midpoint 0.20; research X2).
    mouth_open_warn: float = 0.20
    # Mean luma inside the eye's outline over its cheek's, for the brighter eye
    # (research X4: < 0.35 refused).
    sunglasses_darkness: float = 0.35
    # ... and no more luma spread inside the outline than this (over cheek luma): dark
    # eyes measure 0.17-0.28, painted lenses 0.00.
    sunglasses_visibility: float = 0.10
    # Spread of luma inside an eye's outline over cheek luma: an eye shows white and iris.
    eyes_hidden_visibility: float = 0.04
    # Darker lens area over the brighter one: hair or a hand over one eye.
    eye_symmetry: float = 0.55
    # Near-white, colourless pixels in a lens area (research X3: > 2 % is glare).
    glare_level: int = 245
    glare_share_warn: float = 0.02
    # Colour difference (Lab, lightness weighted half) between the lower face (below the
    # nose) and the nose bridge: calibration faces 7-13 (beards included), masked 27-50.
    lower_face_covered: float = 20.0
    # ... between the forehead and the cheeks + nose bridge (bare or fringe 3-9 on the
    # calibration faces, 16 on real photos; capped 39-54), and the forehead's median
    # texture (hair 3-9, a cap's fabric about 0).
    head_cover_difference: float = 25.0
    head_cover_texture: float = 2.0

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
