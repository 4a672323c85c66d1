"""Builds test photos from scikit-image's public-domain astronaut portrait (NASA).

The head and shoulders are cut out with a hand-drawn mask, then placed, scaled, cropped,
rotated, blurred or darkened to make one photo per behaviour under test. Geometry of the
source (512 x 512): crown y = 16, eye line y = 102, chin y = 178, face centre x = 224.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from skimage import data

# Source geometry, measured by eye on the 512 px original.
CROWN_Y, EYE_Y, CHIN_Y, CENTER_X = 16, 102, 178, 224
HEAD_H = CHIN_Y - CROWN_Y
_CUT_BOX = (20, 0, 372, 340)


@cache
def astronaut() -> Image.Image:
    return Image.fromarray(data.astronaut())


@cache
def cutout() -> Image.Image:
    """RGBA head and shoulders, cropped to _CUT_BOX; the body is cut flat at the bottom."""
    mask = Image.new("L", (512, 512), 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((156, 18, 298, 168), fill=255)
    draw.polygon([(185, 130), (265, 130), (262, 175), (245, 190), (205, 190), (188, 175)], 255)
    draw.polygon([(190, 170), (256, 170), (262, 200), (186, 200)], fill=255)
    shoulders = [(150, 165), (200, 150), (255, 160), (292, 190), (302, 240), (340, 270)]
    shoulders += [(356, 300), (360, 340), (30, 340), (34, 300), (55, 265), (110, 235), (118, 200)]
    draw.polygon(shoulders, fill=255)
    mask = mask.filter(ImageFilter.MinFilter(3)).filter(ImageFilter.GaussianBlur(1.5))
    person = astronaut().convert("RGBA")
    person.putalpha(mask)
    return person.crop(_CUT_BOX)


@dataclass(frozen=True)
class Placement:
    """Where the head lands on the canvas: the crown's (x, y) and the head height in px."""

    center_x: float
    crown_y: float
    head_h: float


def plain_background(size: tuple[int, int], top: int = 228, bottom: int = 214) -> Image.Image:
    """A light grey wall with a gentle vertical gradient, like a real plain wall."""
    w, h = size
    column = np.linspace(top, bottom, h)[:, None, None]
    tint = np.array([1.0, 1.0, 0.98])[None, None, :]
    return Image.fromarray(np.broadcast_to(column * tint, (h, w, 3)).astype(np.uint8))


def busy_background(size: tuple[int, int], seed: int = 7) -> Image.Image:
    """Shelves, frames and furniture: strong edges and colour spread behind the person."""
    rng = np.random.default_rng(seed)
    image = plain_background(size)
    draw = ImageDraw.Draw(image)
    w, h = size
    for _ in range(40):
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        x1, y1 = x0 + int(rng.integers(w // 12, w // 3)), y0 + int(rng.integers(h // 20, h // 5))
        colour = tuple(int(c) for c in rng.integers(20, 235, 3))
        draw.rectangle((x0, y0, x1, y1), fill=colour, outline=(15, 15, 15), width=3)
    for y in range(h // 8, h, h // 5):
        draw.rectangle((0, y, w, y + h // 60), fill=(90, 60, 35))
    return image


# The astronaut's eye line drops 3.9 degrees to the right; fixtures level it first.
SOURCE_ROLL = 3.9


def compose(
    canvas: Image.Image, placement: Placement, *, roll: float = 0.0, sharpen: bool = True
) -> Image.Image:
    """Paste the cut-out so its head has ``placement``; the body runs off the bottom.

    ``roll`` tilts the head (degrees, positive = clockwise as seen) about the eye line.
    """
    scale = placement.head_h / HEAD_H
    person = cutout().rotate(
        SOURCE_ROLL - roll,
        resample=Image.Resampling.BICUBIC,
        center=(CENTER_X - _CUT_BOX[0], EYE_Y - _CUT_BOX[1]),
    )
    size = (round(person.width * scale), round(person.height * scale))
    person = person.resize(size, Image.Resampling.LANCZOS)
    if sharpen:  # phones sharpen; an upscaled portrait would otherwise look soft
        rgb = person.convert("RGB").filter(ImageFilter.UnsharpMask(2, 80, 2))
        rgb.putalpha(person.getchannel("A"))
        person = rgb
    x = round(placement.center_x - (CENTER_X - _CUT_BOX[0]) * scale)
    y = round(placement.crown_y - CROWN_Y * scale)
    out = canvas.convert("RGB").copy()
    out.paste(person, (x, y), person)
    return out


def good_photo(size: tuple[int, int] = (720, 960)) -> Image.Image:
    """Head 50% of the height, room above and below, centred, plain light wall."""
    w, h = size
    return compose(plain_background(size), Placement(w / 2, 0.125 * h, 0.5 * h))


def jpeg(
    image: Image.Image, *, quality: int = 92, exif: Image.Exif | None = None, **kw: object
) -> bytes:
    out = BytesIO()
    if exif is not None:
        kw["exif"] = exif
    image.save(out, "JPEG", quality=quality, **kw)
    return out.getvalue()
