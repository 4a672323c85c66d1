"""A small picture of the photo with the findings drawn on it.

What a user would rather look at than read: the face's outline from the landmarks (or
its box), the crown and chin lines, the 35:45 frame J-LIS could cut, and each problem
(red = retake, amber = advice) with a numbered marker: where a check knows the shape of
what is at fault (the background around the person, from the person mask), that shape
is tinted and outlined; otherwise the problem's box is. The number is the problem's place in the
report, so it matches the numbered list the page shows under the photo in the page's
language; no words are drawn (the overlay is made once, whatever the language). It is a
new, downscaled JPEG for display only; the user's photo is untouched.
It carries no metadata: nothing of the upload (comment, EXIF, profile) is copied into it.
"""

from __future__ import annotations

from io import BytesIO

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from photo_checks.decode import Decoded, decode_working
from photo_checks.imaging import shrink
from photo_checks.report import Area, PhotoReport
from photo_checks.rules import DEFAULT_RULES

COLOURS = {
    "fail": (220, 38, 38),
    "warn": (245, 158, 11),
    "face": (34, 197, 94),
    "line": (59, 130, 246),
    "crop": (255, 255, 255),
}
OVERLAY_LONG_SIDE = 1024
TINT = 0.45  # share of the problem's colour in a tinted area
BoolArray = npt.NDArray[np.bool_]


def _box(box: tuple[int, int, int, int], s: float) -> tuple[float, float, float, float]:
    x, y, w, h = box
    return x * s, y * s, (x + w) * s, (y + h) * s


def render_overlay(source: bytes | Decoded, report: PhotoReport, *, quality: int = 85) -> bytes:
    """Return a JPEG (long side ≤ 1024 px) of the photo with ``report`` drawn on it.

    ``source`` is the working copy ``check_and_decode`` returned (nothing is decoded
    again), or the photo's bytes.

    Raises:
        CorruptImage: the bytes cannot be decoded (the report says so too).
    """
    if isinstance(source, Decoded):
        decoded = source
    else:
        rules = DEFAULT_RULES
        if rules.working_long_side != OVERLAY_LONG_SIDE:
            rules = type(rules)(working_long_side=OVERLAY_LONG_SIDE)
        decoded = decode_working(source, rules)
    image = shrink(decoded.image, OVERLAY_LONG_SIDE).copy()
    image.info.clear()  # Pillow would write the upload's JPEG comment into the overlay
    s = image.width / decoded.width
    width = max(2, round(max(image.size) / 300))
    image = _tint_areas(image, report, s, width)
    draw = ImageDraw.Draw(image)
    if report.crop is not None:
        x0, y0, x1, y1 = _box(report.crop, s)
        draw.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), outline=(0, 0, 0), width=width + 2)
        draw.rectangle((x0, y0, x1, y1), outline=COLOURS["crop"], width=width)
    if report.face is not None:
        face = report.face
        fx0, _, fx1, _ = _box(face.box, s)
        margin = (fx1 - fx0) * 0.4
        if face.outline:
            points = [(x * s, y * s) for x, y in face.outline]
            draw.line([*points, points[0]], fill=COLOURS["face"], width=width, joint="curve")
        else:
            draw.rectangle(_box(face.box, s), outline=COLOURS["face"], width=width)
        for y in (face.crown_y * s, face.chin_y * s):
            draw.line((fx0 - margin, y, fx1 + margin, y), fill=COLOURS["line"], width=width)
        for ex, ey in face.eyes:
            r = width * 2
            draw.ellipse((ex * s - r, ey * s - r, ex * s + r, ey * s + r), outline=COLOURS["face"])
    radius = max(12, round(max(image.size) / 40))
    font = ImageFont.load_default(size=round(radius * 1.3))
    placed: list[tuple[float, float]] = []
    for number, problem in enumerate(report.problems, start=1):
        if problem.region is None:
            continue
        x0, y0, x1, y1 = _box(problem.region, s)
        inset = width  # whole-image regions stay visible inside the border
        x0, y0 = max(x0, inset), max(y0, inset)
        x1, y1 = min(x1, image.width - 1 - inset), min(y1, image.height - 1 - inset)
        if x1 <= x0 or y1 <= y0:
            continue
        colour = COLOURS[problem.severity]
        if problem.area is None:
            draw.rectangle((x0, y0, x1, y1), outline=colour, width=width)
        _marker(draw, (x0, y0), number, colour, radius, font, image.size, placed)
    out = BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _tint_areas(image: Image.Image, report: PhotoReport, s: float, width: int) -> Image.Image:
    """Each problem's area tinted with its colour and outlined (one pass over the pixels)."""
    areas = [(p.area, COLOURS[p.severity]) for p in report.problems if p.area is not None]
    if not areas:
        return image
    rgb = np.asarray(image.convert("RGB")).astype(np.float32)
    for area, colour in areas:
        inside = _area_pixels(area, s, rgb.shape[:2])  # type: ignore[arg-type]
        border = inside & ~_eroded(inside, width)
        rgb[inside] = rgb[inside] * (1 - TINT) + np.array(colour, np.float32) * TINT
        rgb[border] = colour
    return Image.fromarray(rgb.astype(np.uint8))


def _area_pixels(area: Area, s: float, shape: tuple[int, int]) -> BoolArray:
    """The area's mask, stretched over its box, on the overlay's pixel grid."""
    height, width = shape
    x, y, w, h = (v * s for v in area.box)
    x0, y0, x1, y1 = round(x), round(y), round(x + w), round(y + h)
    out = np.zeros(shape, dtype=bool)
    if x1 - x0 < 1 or y1 - y0 < 1 or not area.mask.any():
        return out
    cells = Image.fromarray(area.mask.astype(np.uint8) * 255)
    stretched = np.asarray(cells.resize((x1 - x0, y1 - y0), Image.Resampling.NEAREST)) > 127
    cx0, cy0, cx1, cy1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    if cx1 > cx0 and cy1 > cy0:
        out[cy0:cy1, cx0:cx1] = stretched[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    return out


def _eroded(mask: BoolArray, steps: int) -> BoolArray:
    """``mask`` shrunk by ``steps`` pixels (4-neighbour erosion; the image edge counts as
    outside, so an area cut by the edge is outlined there too)."""
    out = mask.copy()
    for _ in range(steps):
        shrunk = out.copy()
        shrunk[1:, :] &= out[:-1, :]
        shrunk[:-1, :] &= out[1:, :]
        shrunk[:, 1:] &= out[:, :-1]
        shrunk[:, :-1] &= out[:, 1:]
        shrunk[0, :] = shrunk[-1, :] = False
        shrunk[:, 0] = shrunk[:, -1] = False
        out = shrunk
    return out


def _marker(
    draw: ImageDraw.ImageDraw,
    corner: tuple[float, float],
    number: int,
    colour: tuple[int, int, int],
    radius: int,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    size: tuple[int, int],
    placed: list[tuple[float, float]],
) -> None:
    """A filled disc with the problem's number at the region's top-left corner.

    Regions often share a corner (the head box): a marker that would cover an earlier
    one moves right, then down, so every number stays readable.
    """
    cx = min(max(corner[0], radius + 1), size[0] - radius - 2)
    cy = min(max(corner[1], radius + 1), size[1] - radius - 2)
    while any(abs(cx - px) < 2 * radius and abs(cy - py) < 2 * radius for px, py in placed):
        if cx + 2.2 * radius < size[0] - radius - 2:
            cx += 2.2 * radius
        else:
            cx, cy = radius + 1, cy + 2.2 * radius
    placed.append((cx, cy))
    box = (cx - radius, cy - radius, cx + radius, cy + radius)
    draw.ellipse(box, fill=colour, outline=(255, 255, 255), width=2)
    draw.text((cx, cy), str(number), fill=(255, 255, 255), font=font, anchor="mm")
