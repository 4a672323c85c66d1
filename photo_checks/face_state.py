"""What the face mesh shows about the face itself: pose, eyes, mouth, what covers them.

J-LIS refuses a face turned sideways or tilted, sunglasses or a hat that hide the
person, glasses frames or hair over the eyes, and light reflected on glasses
(photo-research.md A.1); MOFA adds eyes closed and an open mouth. OFIQ
(ISO/IEC 29794-5) measures the same with landmarks: eyes open as lid gap over the
eyes-to-chin length, mouth closed as inner-lip gap over the same length, head pose.

All measures come from MediaPipe's 478-point mesh (indices below) and the working
image's pixels; lengths are divided by T = eye line to chin so they do not depend on
the face's size. Runs only when the detector gave landmarks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from photo_checks.imaging import FloatArray, RGBArray, lab, luma
from photo_checks.report import Finding
from photo_checks.rules import PhotoRules

FloatBox = tuple[float, float, float, float]
# Mesh indices (MediaPipe face mesh, image-left first).
FACE_EDGE = (234, 454)
FOREHEAD_TOP, CHIN, GLABELLA, NOSE_BRIDGE, NOSE_BOTTOM = 10, 152, 9, 168, 2
LIDS = ((159, 145), (386, 374))
EYE_CORNERS = ((33, 133), (362, 263))
EYE_CONTOURS = (
    (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7),
    (362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382),
)
INNER_LIPS = (13, 14)
OUTER_LIPS = (
    61,
    146,
    91,
    181,
    84,
    17,
    314,
    405,
    321,
    375,
    291,
    409,
    270,
    269,
    267,
    0,
    37,
    39,
    40,
    185,
)
MOUTH_CORNERS = (61, 291)
CHEEKS = (205, 425)
IRISES = (468, 473)
# MediaPipe's face oval, clockwise from the top of the forehead.
FACE_OVAL = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
    152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip


def outline(points: FloatArray | None) -> tuple[tuple[float, float], ...]:
    """The face's outline for drawing, or () without a mesh."""
    if points is None:
        return ()
    return tuple((float(points[i, 0]), float(points[i, 1])) for i in FACE_OVAL)


@dataclass(frozen=True, slots=True)
class FaceState:
    """Measures of pose, eyes, mouth and coverings; regions in working pixels."""

    yaw_deg: float
    pitch_deg: float
    eye_openness: float
    mouth_openness: float
    eye_darkness: float
    eye_lens_darkness: float
    eye_visibility: float
    eye_symmetry: float
    glare_share: float
    lower_face_difference: float
    forehead_difference: float
    forehead_texture: float
    face_region: FloatBox
    eyes_region: FloatBox
    mouth_region: FloatBox
    lower_face_region: FloatBox
    forehead_region: FloatBox


def _box_of(points: FloatArray, pad_x: float = 0.0, pad_y: float = 0.0) -> FloatBox:
    x0, y0 = float(points[:, 0].min()) - pad_x, float(points[:, 1].min()) - pad_y
    x1, y1 = float(points[:, 0].max()) + pad_x, float(points[:, 1].max()) + pad_y
    return x0, y0, x1 - x0, y1 - y0


def _pixels(rgb: RGBArray, box: FloatBox) -> RGBArray:
    """The pixels of ``box`` (clipped to the image); may be empty."""
    height, width = rgb.shape[:2]
    x, y, w, h = box
    x0, y0 = max(0, int(x)), max(0, int(y))
    x1, y1 = min(width, int(math.ceil(x + w))), min(height, int(math.ceil(y + h)))
    return rgb[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else rgb[0:0, 0:0]


def _polygon_pixels(rgb: RGBArray, polygon: FloatArray) -> RGBArray:
    """Pixels inside ``polygon`` (N x 2, working pixels), as an M x 3 array."""
    box = _box_of(polygon, 1, 1)
    patch = _pixels(rgb, box)
    if patch.size == 0:
        return patch.reshape(0, 3)
    x0, y0 = max(0, int(box[0])), max(0, int(box[1]))
    mask = Image.new("1", (patch.shape[1], patch.shape[0]), 0)
    ImageDraw.Draw(mask).polygon([(float(x) - x0, float(y) - y0) for x, y in polygon], fill=1)
    inside: RGBArray = patch[np.asarray(mask, dtype=bool)]
    return inside


def _lens_without_eye(rgb: RGBArray, lens: FloatBox, contour: FloatArray) -> RGBArray:
    """Pixels of a box outside a polygon (an eye's or the lips' outline), as M x 3."""
    patch = _pixels(rgb, lens)
    if patch.size == 0:
        return patch.reshape(0, 3)
    x0, y0 = max(0, int(lens[0])), max(0, int(lens[1]))
    eye = Image.new("1", (patch.shape[1], patch.shape[0]), 0)
    ImageDraw.Draw(eye).polygon([(float(x) - x0, float(y) - y0) for x, y in contour], fill=1)
    outside: RGBArray = patch[~np.asarray(eye, dtype=bool)]
    return outside


def _patch(rgb: RGBArray, centre: FloatArray, radius: float) -> RGBArray:
    x, y = float(centre[0]), float(centre[1])
    return _pixels(rgb, (x - radius, y - radius, 2 * radius, 2 * radius)).reshape(-1, 3)


def _mean_lab(pixels: RGBArray) -> FloatArray | None:
    if pixels.shape[0] < 4:
        return None
    mean: FloatArray = lab(pixels.reshape(-1, 3)).mean(axis=0)
    return mean


def _difference(a: FloatArray | None, b: FloatArray | None) -> float:
    """Colour difference with lightness weighted half (CMC's l:c = 2:1 idea).

    Shade changes lightness more than hue (a beard, a shadow under the chin), while a
    mask or a hat changes hue and chroma: so lightness counts half.
    """
    if a is None or b is None:
        return 0.0
    d = a - b
    return float(math.sqrt((0.5 * d[0]) ** 2 + d[1] ** 2 + d[2] ** 2))


def _pose(p: FloatArray) -> tuple[float, float]:
    """Yaw from the depth difference of the face edges, pitch from forehead vs chin depth."""
    left, right = p[FACE_EDGE[0]], p[FACE_EDGE[1]]
    yaw = math.degrees(math.atan2(right[2] - left[2], right[0] - left[0]))
    top, chin = p[FOREHEAD_TOP], p[CHIN]
    pitch = math.degrees(math.atan2(chin[2] - top[2], chin[1] - top[1]))
    return yaw, pitch


def measure(rgb: RGBArray, p: FloatArray, rules: PhotoRules) -> FaceState | None:
    """Measure the face from its mesh ``p`` (478 x 3, working pixels) and the image."""
    eye_y = (p[IRISES[0], 1] + p[IRISES[1], 1]) / 2
    t = float(p[CHIN, 1] - eye_y)
    if t <= 4:
        return None
    yaw, pitch = _pose(p)
    lids = [float(p[lower, 1] - p[upper, 1]) / t for upper, lower in LIDS]
    mouth = float(p[INNER_LIPS[1], 1] - p[INNER_LIPS[0], 1]) / t
    cheek_patches = [_patch(rgb, p[c], 0.08 * t) for c in CHEEKS]
    if min(c.shape[0] for c in cheek_patches) < 8:
        return None
    cheeks = np.concatenate(cheek_patches)
    darkness, lens_darkness, visibility, glare = [], [], [], []
    eye_boxes = []
    # Each eye is compared with the cheek on its own side, so light from one side
    # (uneven_lighting's business) does not look like something over one eye.
    for corners, contour, cheek in zip(EYE_CORNERS, EYE_CONTOURS, cheek_patches, strict=True):
        cheek_luma = luma(cheek)
        reference = max(1.0, float(cheek_luma.mean()))
        width = abs(float(p[corners[1], 0] - p[corners[0], 0]))
        centre = p[list(corners)].mean(axis=0)
        # A lens reaches about 0.9 eye widths either side of the eye's centre, but never
        # past the face's edge (the background beside a turned face is not glass).
        lx0 = max(float(centre[0]) - 0.9 * width, float(p[FACE_EDGE[0], 0]))
        lx1 = min(float(centre[0]) + 0.9 * width, float(p[FACE_EDGE[1], 0]))
        lens = (lx0, float(centre[1]) - 0.6 * width, max(1.0, lx1 - lx0), 1.2 * width)
        eye_boxes.append(lens)
        lens_px = _pixels(rgb, lens).reshape(-1, 3)
        inside = _polygon_pixels(rgb, p[list(contour), :2])
        around = _lens_without_eye(rgb, lens, p[list(contour), :2])
        if lens_px.shape[0] < 8 or inside.shape[0] < 8:
            return None
        lens_darkness.append(float(luma(lens_px).mean()) / reference)
        darkness.append(float(luma(inside).mean()) / reference)
        visibility.append(float(luma(inside).std()) / reference)
        # Glare: near-white, colourless, and brighter than any of the cheek's skin.
        level = max(float(rules.glare_level), float(np.percentile(cheek_luma, 99)) + 8)
        # The white of the eye is not glare: only the lens area around the eye counts.
        bright = around.max(axis=1).astype(np.float64)
        spread = bright - around.min(axis=1)
        glare.append(
            float(((bright >= level) & (spread <= 0.06 * bright)).mean()) if around.size else 0.0
        )
    bridge = _patch(rgb, p[NOSE_BRIDGE], 0.06 * t)
    # A mask covers the cheeks, a hat the forehead: each is compared with skin it
    # cannot cover (the nose bridge between the eyes; the cheeks for the forehead).
    bridge_skin = _mean_lab(bridge)
    skin = _mean_lab(np.concatenate([cheeks, bridge]).astype(np.uint8))
    lower_box = _lower_face_box(p, t)
    forehead_box = _forehead_box(p)
    # Skin around the mouth, not the lips or an open mouth's inside (a mask hides both).
    lower = _mean_lab(_lens_without_eye(rgb, lower_box, p[list(OUTER_LIPS), :2]))
    forehead_px = _pixels(rgb, forehead_box)
    forehead = _mean_lab(forehead_px.reshape(-1, 3))
    lower_diff = _difference(lower, bridge_skin)
    fore_diff = _difference(forehead, skin)
    texture = _texture(forehead_px[: max(1, forehead_px.shape[0] // 2)])
    ex0 = min(b[0] for b in eye_boxes)
    ey0 = min(b[1] for b in eye_boxes)
    ex1 = max(b[0] + b[2] for b in eye_boxes)
    ey1 = max(b[1] + b[3] for b in eye_boxes)
    mouth_pts = p[[MOUTH_CORNERS[0], MOUTH_CORNERS[1], INNER_LIPS[0], INNER_LIPS[1], 0, 17]]
    return FaceState(
        yaw_deg=yaw,
        pitch_deg=pitch - rules.pitch_neutral_deg,
        eye_openness=min(lids),
        mouth_openness=mouth,
        eye_darkness=max(darkness),
        eye_lens_darkness=max(lens_darkness),
        eye_visibility=min(visibility),
        eye_symmetry=min(lens_darkness) / max(max(lens_darkness), 1e-6),
        glare_share=max(glare),
        lower_face_difference=lower_diff,
        forehead_difference=fore_diff,
        forehead_texture=texture,
        face_region=_box_of(p),
        eyes_region=(ex0, ey0, ex1 - ex0, ey1 - ey0),
        mouth_region=_box_of(mouth_pts[:, :2], 0.1 * t, 0.1 * t),
        lower_face_region=lower_box,
        forehead_region=forehead_box,
    )


def _lower_face_box(p: FloatArray, t: float) -> FloatBox:
    """Below the nose to just above the chin, between the mouth corners and a bit more."""
    x0 = float(p[MOUTH_CORNERS[0], 0]) - 0.1 * t
    x1 = float(p[MOUTH_CORNERS[1], 0]) + 0.1 * t
    y0 = float(p[NOSE_BOTTOM, 1]) + 0.05 * t
    y1 = float(p[CHIN, 1]) - 0.08 * t
    return x0, y0, x1 - x0, max(1.0, y1 - y0)


def _forehead_box(p: FloatArray) -> FloatBox:
    """The forehead between the top of the mesh and the brows, middle half of the face."""
    top, glabella = p[FOREHEAD_TOP], p[GLABELLA]
    width = float(p[FACE_EDGE[1], 0] - p[FACE_EDGE[0], 0])
    y0, y1 = float(top[1]), float(glabella[1]) - 0.15 * float(glabella[1] - top[1])
    cx = float(top[0] + glabella[0]) / 2
    return cx - 0.22 * width, y0, 0.44 * width, max(1.0, y1 - y0)


def _texture(pixels: RGBArray) -> float:
    """Median absolute Laplacian of luma on a copy 64 px wide: hair is busy, fabric is not.

    The median, so that the edge of a cap or a fringe (a few rows) does not count.
    """
    if pixels.shape[0] < 6 or pixels.shape[1] < 6:
        return 0.0
    image = Image.fromarray(np.ascontiguousarray(pixels))
    scale = 64 / image.width
    small = image.resize((64, max(6, round(image.height * scale))), Image.Resampling.BOX)
    g = luma(np.asarray(small))
    lap = g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] - 4 * g[1:-1, 1:-1]
    return float(np.median(np.abs(lap)))


def check(s: FaceState | None, rules: PhotoRules) -> list[Finding]:
    """Findings for pose, eyes, mouth and what covers the face."""
    if s is None:
        return []
    findings = []
    yaw, pitch = abs(s.yaw_deg), abs(s.pitch_deg)
    if yaw > rules.pose_fail_deg or pitch > rules.pitch_fail_deg:
        findings.append(Finding.of("head_turned", "fail", s.face_region))
    elif yaw > rules.pose_warn_deg or pitch > rules.pitch_warn_deg:
        findings.append(Finding.of("head_turned", "warn", s.face_region))
    # Dark and without the white/iris contrast of an eye: a lens, not a dark eye.
    sunglasses = (
        s.eye_darkness < rules.sunglasses_darkness
        and s.eye_visibility < rules.sunglasses_visibility
    )
    if sunglasses:
        findings.append(Finding.of("sunglasses", "fail", s.eyes_region))
    elif s.eye_visibility < rules.eyes_hidden_visibility or s.eye_symmetry < rules.eye_symmetry:
        findings.append(Finding.of("eyes_covered", "fail", s.eyes_region))
    elif s.eye_openness < rules.eyes_closed_fail:
        findings.append(Finding.of("eyes_closed", "fail", s.eyes_region))
    elif s.eye_openness < rules.eyes_closed_warn:
        findings.append(Finding.of("eyes_closed", "warn", s.eyes_region))
    if not sunglasses and s.glare_share > rules.glare_share_warn:
        findings.append(Finding.of("glasses_glare", "warn", s.eyes_region))
    if s.lower_face_difference > rules.lower_face_covered:
        findings.append(Finding.of("mouth_covered", "fail", s.lower_face_region))
    elif s.mouth_openness > rules.mouth_open_warn:
        findings.append(Finding.of("mouth_open", "warn", s.mouth_region))
    if (
        s.forehead_difference > rules.head_cover_difference
        and s.forehead_texture < rules.head_cover_texture
    ):
        findings.append(Finding.of("head_covered", "fail", s.forehead_region))
    return findings
