"""Calibration photos built from photographs of real people (``shared/photos/people``).

The source photos (MIT, from ageitgey/face_recognition; see that folder's README) are
not ID photos. Each calibration person is cut out with the person mask, placed on a
plain wall at ID framing, and then changed one way per defect: a busy wall, a shadow
cast behind the head, camera shake, half the face in shadow, cut by the side edge,
sunglasses, hair over an eye, a face mask, a cap, glare on glasses, eyes painted shut.
Nothing is committed as a binary: the photos are built here, in memory.

Split (by person, so no face is in both): calibration people tune the thresholds; the
held-out people only judge them. The astronaut fixtures (``portraits.py``) are a third,
synthetic set.

``benchmarks/photo_accuracy.py`` prints the accuracy per code on both sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from photo_checks.head import head_from_mesh
from photo_checks.mediapipe_face import MediaPipeFaceDetector
from tests.photo_checks.portraits import busy_background, jpeg, plain_background

PEOPLE = Path(__file__).resolve().parents[3] / "shared/photos/people"
CALIBRATION = ("alex_lacamoire1.jpg", "biden2.jpg", "obama.jpg", "rose_leslie2.jpg")
# Every other person the folder has (all MIT): Kit Harington (john1, also johnsnow_test1,
# john2, kit_with_rose) and Lin-Manuel Miranda; the other files are calibration people
# again (alex-lacamoire, biden, obama*, rose_leslie1, two_people = Obama and Biden).
HELD_OUT = ("john1.jpeg", "lin-manuel-miranda.png")
# Real photos of turned heads (not cut out: the pose is the point).
TURNED = ("john2.jpeg", "obama2.jpg", "kit_with_rose.jpg")
W, H = 720, 960


@dataclass(frozen=True)
class Source:
    """A cut-out person (RGBA) and its mesh, in the cut-out's pixels."""

    person: Image.Image
    points: np.ndarray
    crown_y: float
    chin_y: float
    center_x: float


@cache
def source(name: str) -> Source:
    image = Image.open(PEOPLE / name).convert("RGB")
    image.thumbnail((1024, 1024))
    rgb = np.asarray(image)
    face = MediaPipeFaceDetector().detect(rgb)[0]
    assert face.landmarks is not None and face.person_mask is not None
    head = head_from_mesh(face.landmarks, face.person_mask)
    alpha = Image.fromarray((np.clip(face.person_mask, 0, 1) * 255).astype(np.uint8))
    alpha = alpha.point(lambda v: 255 if v > 140 else (0 if v < 90 else v))
    alpha = alpha.filter(ImageFilter.GaussianBlur(1))
    person = image.convert("RGBA")
    person.putalpha(alpha)
    return Source(person, face.landmarks.copy(), head.crown_y, head.chin_y, head.center_x)


@dataclass(frozen=True)
class Placed:
    """A composed photo and the person's mesh in its pixels."""

    image: Image.Image
    points: np.ndarray

    def at(self, index: int) -> tuple[float, float]:
        return float(self.points[index, 0]), float(self.points[index, 1])


def place(
    name: str,
    *,
    head_ratio: float = 0.5,
    crown: float = 0.14,
    center: float = 0.5,
    wall: Image.Image | None = None,
) -> Placed:
    """Put the person on ``wall`` with the head ``head_ratio`` of the height.

    The body is extended down to the bottom edge by repeating its last rows, as a photo
    taken from further away would show it.
    """
    src = source(name)
    canvas = (wall or plain_background((W, H))).convert("RGB").copy()
    scale = head_ratio * H / (src.chin_y - src.crown_y)
    size = (round(src.person.width * scale), round(src.person.height * scale))
    person = src.person.resize(size, Image.Resampling.LANCZOS)
    x = round(center * W - src.center_x * scale)
    y = round(crown * H - src.crown_y * scale)
    if y + person.height < H:  # extend the body to the bottom edge
        extra = H - (y + person.height)
        tail = person.crop((0, person.height - 4, person.width, person.height))
        longer = Image.new("RGBA", (person.width, person.height + extra))
        longer.paste(person, (0, 0))
        longer.paste(tail.resize((person.width, extra + 4)), (0, person.height - 4))
        person = longer
    canvas.paste(person, (x, y), person)
    points = src.points.copy()
    points[:, :3] *= scale
    points[:, 0] += x
    points[:, 1] += y
    return Placed(canvas, points)


def _t(p: Placed) -> float:
    """Eye line to chin, in pixels: the unit for sizes painted on the face."""
    eye_y = (p.points[468, 1] + p.points[473, 1]) / 2
    return float(p.points[152, 1] - eye_y)


def _polygon(p: Placed, indices: tuple[int, ...]) -> list[tuple[float, float]]:
    return [p.at(i) for i in indices]


def _motion_blur(image: Image.Image, length: int) -> Image.Image:
    """Camera shake: the mean of ``length`` copies shifted horizontally by one pixel each."""
    arr = np.asarray(image).astype(np.float64)
    out = np.zeros_like(arr)
    for shift in range(length):
        out += np.roll(arr, shift - length // 2, axis=1)
    return Image.fromarray((out / length).astype(np.uint8))


def _darken(image: Image.Image, mask: Image.Image, gain: float) -> Image.Image:
    arr = np.asarray(image).astype(np.float64)
    m = np.asarray(mask).astype(np.float64)[..., None] / 255
    return Image.fromarray((arr * (1 - m * (1 - gain))).astype(np.uint8))


def good(name: str) -> Image.Image:
    return place(name).image


def id_framed(name: str) -> Image.Image:
    """Framed as J-LIS shows it: head 72 % of the height, 0.1 head heights above."""
    return place(name, head_ratio=0.72, crown=0.072).image


def busy_wall(name: str) -> Image.Image:
    return place(name, wall=busy_background((W, H))).image


def cast_shadow(name: str) -> Image.Image:
    """A flash shadow: the person's silhouette, shifted right and down, darkens the wall."""
    base = place(name)
    wall = plain_background((W, H))
    silhouette = place(name, wall=Image.new("RGB", (W, H), "black"))
    # The silhouette's own alpha: where the person covers the black canvas.
    person_only = place(name, wall=Image.new("RGB", (W, H), "white"))
    # The person is where the two canvases (black, white) agree.
    mask = np.all(np.asarray(silhouette.image) == np.asarray(person_only.image), axis=-1)
    shadow = Image.fromarray(mask.astype(np.uint8) * 255)
    shift = round(0.16 * _t(base))
    shadow = shadow.transform(shadow.size, Image.Transform.AFFINE, (1, 0, -shift, 0, 1, -shift))
    shadow = shadow.filter(ImageFilter.GaussianBlur(shift / 2))
    return place(name, wall=_darken(wall, shadow, 0.6)).image


def shaken(name: str) -> Image.Image:
    p = place(name)
    return _motion_blur(p.image, max(9, round(0.12 * _t(p))))


def half_shadow(name: str) -> Image.Image:
    """The face's left half in shadow (light from the right)."""
    p = place(name)
    centre_x = (p.points[468, 0] + p.points[473, 0]) / 2
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).rectangle((0, 0, centre_x, H), fill=255)
    return _darken(p.image, mask.filter(ImageFilter.GaussianBlur(6)), 0.45)


def cut_left(name: str) -> Image.Image:
    """The face cut by the left edge: a step to the side in a selfie."""
    return place(name, head_ratio=0.45, center=0.06).image


def sunglasses(name: str) -> Image.Image:
    p = place(name)
    draw = ImageDraw.Draw(p.image)
    for corners in ((33, 133), (362, 263)):
        (ax, ay), (bx, by) = p.at(corners[0]), p.at(corners[1])
        cx, cy, w = (ax + bx) / 2, (ay + by) / 2, abs(bx - ax)
        draw.ellipse((cx - 0.85 * w, cy - 0.55 * w, cx + 0.85 * w, cy + 0.5 * w), fill=(28, 26, 24))
    (lx, ly), (rx, ry) = p.at(133), p.at(362)
    draw.line((lx, ly - 2, rx, ry - 2), fill=(20, 20, 20), width=max(2, round(_t(p) / 40)))
    return p.image


def hair_over_eye(name: str) -> Image.Image:
    """A lock of dark hair falling over the image-left eye."""
    p = place(name)
    draw = ImageDraw.Draw(p.image)
    (ax, ay), (bx, _) = p.at(33), p.at(133)
    w = abs(bx - ax)
    rng = np.random.default_rng(3)
    for i in range(28):
        x0 = ax - 0.6 * w + i * 0.08 * w
        shade = int(rng.integers(35, 70))
        draw.line(
            (x0, ay - 1.4 * w, x0 + 0.5 * w, ay + 0.9 * w),
            fill=(shade, int(shade * 0.75), int(shade * 0.55)),
            width=max(2, round(w / 10)),
        )
    return p.image


def face_mask(name: str) -> Image.Image:
    """A light blue surgical mask from the nose bridge to under the chin."""
    p = place(name)
    outline = (234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152)
    outline += (377, 400, 378, 379, 365, 397, 288, 361, 323, 454, 195)
    ImageDraw.Draw(p.image).polygon(_polygon(p, outline), fill=(170, 205, 230))
    return p.image


def cap(name: str) -> Image.Image:
    """A navy cap pulled down over the forehead."""
    p = place(name)
    (lx, _), (rx, _) = p.at(234), p.at(454)
    _, top = p.at(10)
    _, brow = p.at(9)
    width = rx - lx
    low = top + 0.75 * (brow - top)
    draw = ImageDraw.Draw(p.image)
    dome = (lx - 0.1 * width, low - 0.55 * width, rx + 0.1 * width, low + 0.05 * width)
    draw.chord(dome, 180, 360, fill=(30, 40, 80))
    draw.rectangle((lx - 0.1 * width, low - 0.2 * width, rx + 0.1 * width, low), fill=(30, 40, 80))
    return p.image


def glare(name: str) -> Image.Image:
    """Thin glasses frames and a white reflection on each lens beside the eye."""
    p = place(name)
    draw = ImageDraw.Draw(p.image)
    for corners in ((33, 133), (362, 263)):
        (ax, ay), (bx, by) = p.at(corners[0]), p.at(corners[1])
        cx, cy, w = (ax + bx) / 2, (ay + by) / 2, abs(bx - ax)
        box = (cx - 0.85 * w, cy - 0.55 * w, cx + 0.85 * w, cy + 0.5 * w)
        draw.ellipse(box, outline=(40, 40, 40), width=max(2, round(w / 14)))
        draw.ellipse(
            (cx - 0.75 * w, cy - 0.5 * w, cx - 0.2 * w, cy - 0.15 * w), fill=(255, 255, 255)
        )
    return p.image


def eyes_shut(name: str) -> Image.Image:
    """Both eyes painted shut: skin over the eye, a dark lash line at the lower lid."""
    p = place(name)
    arr = np.asarray(p.image)
    draw = ImageDraw.Draw(p.image)
    for contour in (
        (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7),
        (362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382),
    ):
        pts = _polygon(p, contour)
        ys = [y for _, y in pts]
        xs = [x for x, _ in pts]
        below = int(max(ys) + 0.15 * (max(xs) - min(xs)))
        skin = arr[min(H - 1, below), int(sum(xs) / len(xs))]
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        grown = [(cx + 1.25 * (x - cx), cy + 1.6 * (y - cy)) for x, y in pts]
        draw.polygon(grown, fill=tuple(int(c) for c in skin))
        lash = _polygon(p, contour[8:] + contour[:1])
        draw.line(lash, fill=(50, 35, 30), width=max(2, round(_t(p) / 60)))
    return p.image


# name -> (builder, code, severity)
DEFECTS: dict[str, tuple[Callable[[str], Image.Image], str, str]] = {
    "busy_wall": (busy_wall, "background_not_plain", "fail"),
    "cast_shadow": (cast_shadow, "background_shadow", "fail"),
    "shaken": (shaken, "blurry", "fail"),
    "half_shadow": (half_shadow, "uneven_lighting", "fail"),
    "cut_left": (cut_left, "face_cut_off", "fail"),
    "sunglasses": (sunglasses, "sunglasses", "fail"),
    "hair_over_eye": (hair_over_eye, "eyes_covered", "fail"),
    "face_mask": (face_mask, "mouth_covered", "fail"),
    "cap": (cap, "head_covered", "fail"),
    "glare": (glare, "glasses_glare", "warn"),
    "eyes_shut": (eyes_shut, "eyes_closed", "fail"),
}


def photo(name: str, defect: str | None = None) -> bytes:
    """The JPEG bytes of ``name`` placed well (``defect`` None) or with one defect."""
    builder = good if defect is None else DEFECTS[defect][0]
    return jpeg(builder(name))


def mouth_wide_open(name: str) -> Image.Image:
    """The mouth painted wide open: a dark opening between the lips, the chin moved down."""
    p = place(name)
    t = _t(p)
    (lx, _), (rx, _) = p.at(61), p.at(291)
    _, upper = p.at(13)
    drop = round(0.3 * t)
    # Everything below the upper lip moves down, as a jaw opening does.
    lower_face = p.image.crop((0, round(upper), W, H))
    p.image.paste(lower_face, (0, round(upper) + drop))
    cx, w = (lx + rx) / 2, rx - lx
    draw = ImageDraw.Draw(p.image)
    draw.ellipse(
        (cx - 0.42 * w, upper - 0.02 * t, cx + 0.42 * w, upper + drop + 0.04 * t),
        fill=(60, 20, 25),
    )
    draw.rectangle(
        (cx - 0.3 * w, upper - 0.02 * t, cx + 0.3 * w, upper + 0.05 * t), fill=(235, 230, 220)
    )
    return p.image
