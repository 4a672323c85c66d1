"""Test portraits built from scikit-image's public-domain astronaut photo (NASA).

The head and shoulders are cut from the wall behind them with a drawn mask and placed on a
plain light wall: `id_photo` is framed as the rules ask, `too_close` is a selfie-style
framing with the chin cut off at the bottom edge.
"""

from __future__ import annotations

import io
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from skimage import data

# In the 512 px source: the top of the head, the chin and the middle of the face.
CROWN, CHIN, MIDDLE = 16, 178, 224


@cache
def _person() -> Image.Image:
    """The astronaut with an alpha mask around head, neck and shoulders (RGBA, 512 × 512)."""
    mask = Image.new("L", (512, 512), 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse((154, 14, 300, 172), fill=255)
    draw.rectangle((192, 150, 258, 215), fill=255)
    draw.polygon([(40, 512), (60, 280), (150, 220), (300, 220), (370, 290), (380, 512)], 255)
    mask = mask.filter(ImageFilter.GaussianBlur(1.2))
    person = Image.fromarray(data.astronaut()).convert("RGBA")
    person.putalpha(mask)
    return person


def _wall(width: int, height: int) -> Image.Image:
    shade = np.linspace(232, 220, height, dtype=np.float32)[:, None, None]
    return Image.fromarray(np.broadcast_to(shade, (height, width, 3)).astype(np.uint8))


def portrait(width: int, height: int, *, head: float, crown: float) -> Image.Image:
    """The person on a plain wall: head height and crown position as fractions of `height`."""
    scale = head * height / (CHIN - CROWN)
    person = _person().rotate(3.5, resample=Image.Resampling.BICUBIC, center=(MIDDLE, 100))
    person = person.resize((round(512 * scale), round(512 * scale)), Image.Resampling.LANCZOS)
    canvas = _wall(width, height)
    x = round(width / 2 - MIDDLE * scale)
    y = round(crown * height - CROWN * scale)
    canvas.paste(person, (x, y), person)
    return canvas.filter(ImageFilter.UnsharpMask(2, 60, 2))


def jpeg(image: Image.Image, quality: int = 92) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def id_photo(width: int = 720, height: int = 960) -> bytes:
    """Framed like an ID photo: head half the height, room above and below."""
    return jpeg(portrait(width, height, head=0.5, crown=0.14))


def too_close(width: int = 720, height: int = 960) -> bytes:
    """A selfie at arm's length: the head fills the frame and the chin is cut off."""
    return jpeg(portrait(width, height, head=1.05, crown=0.03))
