"""The background as J-LIS sees it: everything in the kept frame that is not the person.

With a person mask (the segmentation of ``MediaPipeFaceDetector``) the background zone is
every pixel with person probability below ``BACKGROUND_BELOW``, kept away from the
person's outline by ``ERODE_HEAD_HEIGHTS`` (hair edges and the mask's soft border are not
clutter), inside the part of the image a 35:45 crop around this head can keep: from half
a head height above the crown to a third below the chin, and 0.75 head heights either
side of the face centre (the crop's half width is 0.52-0.55 head heights). The band just
outside the outline (``HALO_HEAD_HEIGHTS``) is where a cast shadow behind the head lies.

Pure numpy, so the zone can be tested without a model.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from photo_checks.head import Head
from photo_checks.imaging import FloatArray

BoolArray = npt.NDArray[np.bool_]
BACKGROUND_BELOW = 0.2
ERODE_HEAD_HEIGHTS = 0.04
HALO_HEAD_HEIGHTS = 0.15
ABOVE_CROWN, BELOW_CHIN, BESIDE_CENTRE = 0.5, 0.35, 0.75
SECTORS = 8


def _dilate(mask: BoolArray, radius: int) -> BoolArray:
    """Square max filter of ``radius``: separable box counts from cumulative sums, O(n).

    (A sliding-window maximum costs radius times more; at 640 px and a 40 px halo that
    was 150 ms per photo.)
    """
    if radius <= 0:
        return mask
    out = mask
    for axis in (0, 1):
        counts = np.cumsum(out, axis=axis, dtype=np.int32)
        pad = [(0, 0), (0, 0)]
        pad[axis] = (1, 0)
        counts = np.pad(counts, pad)
        n = out.shape[axis]
        hi = np.minimum(np.arange(n) + radius + 1, n)
        lo = np.maximum(np.arange(n) - radius, 0)
        window = np.take(counts, hi, axis=axis) - np.take(counts, lo, axis=axis)
        out = window > 0
    return out


def _dilate_coarse(mask: BoolArray, radius: int, block: int = 4) -> BoolArray:
    """``_dilate`` on ``block`` x ``block`` cells: a little wider (< one cell), 16x cheaper.

    The band widths are tens of pixels at 640 px; a few pixels more do not matter.
    """
    height, width = mask.shape
    ny, nx = -(-height // block), -(-width // block)
    padded = np.zeros((ny * block, nx * block), dtype=bool)
    padded[:height, :width] = mask
    cells = padded.reshape(ny, block, nx, block).any(axis=(1, 3))
    grown = _dilate(cells, -(-radius // block))
    full: BoolArray = np.repeat(np.repeat(grown, block, axis=0), block, axis=1)
    return full[:height, :width]


def frame_window(shape: tuple[int, int], head: Head, f: float) -> BoolArray:
    """The rows and columns a legal crop around this head can keep, at scale ``f``."""
    height, width = shape
    head_h = head.height * f
    cx, crown, chin = head.center_x * f, head.crown_y * f, head.chin_y * f
    yy, xx = np.ogrid[0:height, 0:width]
    window: BoolArray = (
        (yy >= crown - ABOVE_CROWN * head_h)
        & (yy <= chin + BELOW_CHIN * head_h)
        & (xx >= cx - BESIDE_CENTRE * head_h)
        & (xx <= cx + BESIDE_CENTRE * head_h)
    )
    return window


def zones(person: FloatArray, head: Head, f: float) -> tuple[BoolArray, BoolArray]:
    """(background zone, halo band) at the scale of ``person`` (already resized by ``f``)."""
    head_h = head.height * f
    is_person = person >= BACKGROUND_BELOW
    near = _dilate_coarse(is_person, max(1, round(ERODE_HEAD_HEIGHTS * head_h)))
    halo_outer = _dilate_coarse(is_person, max(2, round(HALO_HEAD_HEIGHTS * head_h)))
    window = frame_window(person.shape[:2], head, f)  # type: ignore[arg-type]
    background: BoolArray = window & ~near
    halo: BoolArray = window & halo_outer & ~near
    # The halo that matters is beside and above the head, not along the shoulders.
    rows = np.arange(person.shape[0])[:, None]
    halo &= rows <= head.chin_y * f
    return background, halo


def halo_shadow(
    light: FloatArray,
    zone: BoolArray,
    halo: BoolArray,
    center_x: float,
    edges: BoolArray,
    plain_share: float,
) -> tuple[float, BoolArray]:
    """How much darker (L*) the band on one side of the head is than the far background.

    A cast shadow falls on one side (away from the flash or lamp), so the band is cut
    into ``SECTORS`` sectors around the head and each is compared on its own; the
    darkest is returned with its pixels. Only on a background with few sharp edges
    (share under ``plain_share``): on a busy one the band differs by chance, and the
    clutter is the problem to report. (A soft shadow makes no sharp edge, but it does
    spread L*, so L* spread cannot be the test.)
    """
    far = zone & ~halo
    if far.sum() < 32 or float(edges[zone].mean()) > plain_share:
        return 0.0, halo & False
    far_light = float(light[far].mean())
    rows, columns = np.nonzero(halo)
    if rows.size < 32:
        return 0.0, halo & False
    center_y = float(rows.mean())
    angle = np.arctan2(rows - center_y, columns - center_x)
    sector = ((angle + np.pi) / (2 * np.pi) * SECTORS).astype(int) % SECTORS
    best, where = 0.0, halo & False
    for k in range(SECTORS):
        chosen = sector == k
        if chosen.sum() < 32:
            continue
        darker = far_light - float(light[rows[chosen], columns[chosen]].mean())
        if darker > best:
            best = darker
            where = np.zeros_like(halo)
            where[rows[chosen], columns[chosen]] = True
    return best, where
