"""Small numpy image helpers shared by the checks (no OpenCV outside face.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

FloatArray = npt.NDArray[np.floating[Any]]
RGBArray = npt.NDArray[np.uint8]


def luma(rgb: RGBArray) -> FloatArray:
    """Rec. 601 luma, 0-255, as float (what JPEG and the ICAO tools use)."""
    f = rgb.astype(np.float32)
    result: FloatArray = 0.299 * f[..., 0] + 0.587 * f[..., 1] + 0.114 * f[..., 2]
    return result


def _srgb_to_linear_table() -> FloatArray:
    c = np.arange(256, dtype=np.float64) / 255.0
    table: FloatArray = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return table.astype(np.float32)


_LINEAR = _srgb_to_linear_table()


def lightness(rgb: RGBArray) -> FloatArray:
    """CIE L* (0-100) from sRGB, for background spread and shadows in perceptual units."""
    linear = _LINEAR[rgb]
    y = 0.2126 * linear[..., 0] + 0.7152 * linear[..., 1] + 0.0722 * linear[..., 2]
    f = np.where(y > 216 / 24389, np.cbrt(y), (24389 / 27 * y + 16) / 116)
    result: FloatArray = 116.0 * f - 16.0
    return result


def lab(rgb: RGBArray) -> FloatArray:
    """CIE L*a*b* (D65) from sRGB, for colour differences (ΔE76) of skin and coverings."""
    linear = _LINEAR[rgb].astype(np.float64)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = linear @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    result: FloatArray = np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
        axis=-1,
    )
    return result


def sobel_magnitude(gray: FloatArray) -> FloatArray:
    """Unnormalised 3x3 Sobel gradient magnitude; the output is 2 px smaller each way."""
    g = gray
    gx = (g[:-2, 2:] + 2 * g[1:-1, 2:] + g[2:, 2:]) - (g[:-2, :-2] + 2 * g[1:-1, :-2] + g[2:, :-2])
    gy = (g[2:, :-2] + 2 * g[2:, 1:-1] + g[2:, 2:]) - (g[:-2, :-2] + 2 * g[:-2, 1:-1] + g[:-2, 2:])
    result: FloatArray = np.hypot(gx, gy)
    return result


def laplacian(gray: FloatArray) -> FloatArray:
    """4-neighbour Laplacian; the output is 2 px smaller each way."""
    g = gray
    result: FloatArray = g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:] - 4 * g[1:-1, 1:-1]
    return result


def shrink(image: Image.Image, long_side: int) -> Image.Image:
    """Downscale so the long side is at most ``long_side``; never upscale."""
    current = max(image.size)
    if current <= long_side:
        return image
    ratio = long_side / current
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    return image.resize(size, Image.Resampling.BOX)


def clip_box(
    box: tuple[float, float, float, float], width: int, height: int
) -> tuple[int, int, int, int] | None:
    """Integer [x0, y0, x1, y1] of ``box`` ([x, y, w, h]) inside the image, or None if empty."""
    x, y, w, h = box
    x0, y0 = max(0, round(x)), max(0, round(y))
    x1, y1 = min(width, round(x + w)), min(height, round(y + h))
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1
