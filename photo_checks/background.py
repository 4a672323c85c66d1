"""Background checks: plainness (the furniture defect), shadow and darkness.

With a person mask the zone is everything in the kept frame that is not the person
(``person_zone``), and a shadow cast behind the head is measured in the band around it.
Both are measured on a copy at ``background_long_side`` px (the scale of the evidence
in photo-research.md). Without a mask (a detector with no segmentation) the zone is
the part beside and above the head that a 35:45 frame keeps:
from a little above the crown down to mouth level, within one head height either side
of the face centre, minus an ellipse around the head (hair included). Below the mouth
the frame is mostly shoulders, so it is not used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from photo_checks.head import Head
from photo_checks.imaging import FloatArray, lightness, luma, sobel_magnitude
from photo_checks.person_zone import halo_shadow, zones
from photo_checks.report import Area, Finding
from photo_checks.rules import PhotoRules

BoolArray = npt.NDArray[np.bool_]
FloatBox = tuple[float, float, float, float]
# Head ellipse, generous so hair edges are not counted as background texture.
_ELLIPSE_RX = 0.95  # face-box widths
_ELLIPSE_RY = 0.66  # head heights
_MIN_ZONE_SHARE = 0.02
_CELL = 32


@dataclass(frozen=True, slots=True)
class BackgroundMeasures:
    """Plainness and light of the background zone (L* is CIE lightness, 0-100)."""

    edge_share: float
    l_std: float
    gradient: float
    l_mean: float
    shadow: float
    halo_shadow: float
    edge_region: FloatBox
    zone_region: FloatBox
    dark_side_region: FloatBox
    # The shapes to draw: the busy cells of the zone (else the whole zone), the dark part.
    edge_area: Area | None = None
    dark_area: Area | None = None
    zone_area: Area | None = None


def _zone(shape: tuple[int, int], head: Head, f: float) -> BoolArray:
    """Background zone mask at scale ``f`` (see the module docstring)."""
    height, width = shape
    yy, xx = np.ogrid[0:height, 0:width]
    cx, crown, chin = head.center_x * f, head.crown_y * f, head.chin_y * f
    head_h = chin - crown
    mouth = (head.eye_y + 0.55 * (head.chin_y - head.eye_y)) * f
    columns = (xx >= cx - head_h) & (xx <= cx + head_h)
    rows = (yy >= crown - 0.4 * head_h) & (yy <= mouth)
    rx, ry = _ELLIPSE_RX * head.box[2] * f, _ELLIPSE_RY * head_h
    cy = (crown + chin) / 2
    in_head = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1.0
    zone: BoolArray = rows & columns & ~in_head
    return zone


def _bbox(mask: BoolArray, f: float, offset: tuple[int, int]) -> FloatBox:
    """Bounding box of ``mask`` in working pixels; ``offset`` locates the mask at scale f."""
    ys, xs = np.nonzero(mask)
    x0, y0 = xs.min() + offset[0], ys.min() + offset[1]
    x1, y1 = xs.max() + 1 + offset[0], ys.max() + 1 + offset[1]
    return x0 / f, y0 / f, (x1 - x0) / f, (y1 - y0) / f


def _edge_cells(edges: BoolArray, zone: BoolArray, share: float) -> BoolArray:
    """Mask of grid cells whose edge share is over ``share``, to point at the clutter."""
    height, width = zone.shape
    ny, nx = -(-height // _CELL), -(-width // _CELL)
    padded_zone = np.zeros((ny * _CELL, nx * _CELL), dtype=bool)
    padded_edges = np.zeros_like(padded_zone)
    padded_zone[:height, :width] = zone
    padded_edges[:height, :width] = edges & zone
    count = padded_zone.reshape(ny, _CELL, nx, _CELL).sum(axis=(1, 3))
    hits = padded_edges.reshape(ny, _CELL, nx, _CELL).sum(axis=(1, 3))
    busy = (count >= _CELL) & (hits > share * np.maximum(count, 1))
    cells: BoolArray = np.repeat(np.repeat(busy, _CELL, axis=0), _CELL, axis=1)
    return cells[:height, :width] & zone


def measure(
    image: Image.Image, head: Head, rules: PhotoRules, person_mask: FloatArray | None = None
) -> BackgroundMeasures | None:
    """Measure the background zone; None when too little background is visible."""
    f = min(1.0, rules.background_long_side / max(image.size))
    small_w, small_h = max(1, round(image.width * f)), max(1, round(image.height * f))
    full_halo: BoolArray | None = None
    if person_mask is not None:
        person = np.asarray(
            # Nearest: the mask is only thresholded, and a float bilinear resize of the
            # working-size mask cost more than every background measure together.
            Image.fromarray(person_mask.astype(np.float32)).resize(
                (small_w, small_h), Image.Resampling.NEAREST
            )
        )
        full_zone, full_halo = zones(person, head, f)
    else:
        full_zone = _zone((small_h, small_w), head, f)
    if full_zone.mean() < _MIN_ZONE_SHARE:
        return None
    # Only the zone's bounding box (plus the 1 px Sobel border) is resized and measured.
    ys, xs = np.nonzero(full_zone.any(axis=1))[0], np.nonzero(full_zone.any(axis=0))[0]
    x0, y0 = max(0, int(xs[0]) - 1), max(0, int(ys[0]) - 1)
    x1, y1 = min(small_w, int(xs[-1]) + 2), min(small_h, int(ys[-1]) + 2)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    source_box = (x0 / f, y0 / f, min(image.width, x1 / f), min(image.height, y1 / f))
    rgb = np.asarray(image.resize((x1 - x0, y1 - y0), Image.Resampling.BOX, box=source_box))
    zone = full_zone[y0 + 1 : y1 - 1, x0 + 1 : x1 - 1]
    magnitude = sobel_magnitude(luma(rgb))
    edges = magnitude > rules.edge_magnitude
    light = np.zeros(zone.shape, dtype=np.float32)
    light[zone] = lightness(rgb[1:-1, 1:-1][zone])
    zone_light = light[zone]
    cells = _edge_cells(edges, zone, rules.edge_share_warn)
    shadow, dark_side = _shadow(light, zone, head.center_x * f - x0 - 1)
    behind_head = 0.0
    if full_halo is not None:
        halo = full_halo[y0 + 1 : y1 - 1, x0 + 1 : x1 - 1]
        behind_head, halo_side = halo_shadow(
            light, zone, halo, head.center_x * f - x0 - 1, edges, rules.edge_share_warn
        )
        if behind_head > rules.halo_shadow_fail:
            dark_side = halo_side
    offset = (x0 + 1, y0 + 1)
    zone_region = _bbox(zone, f, offset)
    box = (offset[0] / f, offset[1] / f, zone.shape[1] / f, zone.shape[0] / f)
    return BackgroundMeasures(
        edge_share=float(edges[zone].mean()),
        l_std=float(zone_light.std()),
        gradient=float(magnitude[zone].mean()),
        l_mean=float(zone_light.mean()),
        shadow=shadow,
        halo_shadow=behind_head,
        edge_region=_bbox(_busiest_side(cells, head, f, offset), f, offset)
        if cells.any()
        else zone_region,
        zone_region=zone_region,
        dark_side_region=_bbox(dark_side, f, offset) if dark_side.any() else zone_region,
        edge_area=Area(cells if cells.any() else zone, box),
        dark_area=Area(dark_side if dark_side.any() else zone, box),
        zone_area=Area(zone, box),
    )


def _busiest_side(cells: BoolArray, head: Head, f: float, offset: tuple[int, int]) -> BoolArray:
    """The busy cells left of, right of, or above the head, whichever has most.

    Around a person the busy cells surround the head, and their common bounding box
    would cover the face: the side with most clutter is what the user should look at.
    """
    height, width = cells.shape
    xx = np.arange(width)[None, :] + offset[0]
    yy = np.arange(height)[:, None] + offset[1]
    left_edge = (head.center_x - head.half_width) * f
    right_edge = (head.center_x + head.half_width) * f
    sides = [
        cells & (xx < left_edge),
        cells & (xx > right_edge),
        cells & (xx >= left_edge) & (xx <= right_edge) & (yy < head.eye_y * f),
    ]
    best = max(sides, key=lambda s: int(s.sum()))
    return best if best.any() else cells


def _shadow(light: FloatArray, zone: BoolArray, cx: float) -> tuple[float, BoolArray]:
    """Largest difference of mean L* between left/right or top/bottom parts of the zone."""
    weighted = np.where(zone, light, 0.0)
    col_sum, col_n = weighted.sum(axis=0), zone.sum(axis=0)
    row_sum, row_n = weighted.sum(axis=1), zone.sum(axis=1)
    rows_used = np.flatnonzero(row_n)
    y_mid = (rows_used[0] + rows_used[-1]) / 2
    split_x = int(np.clip(np.ceil(cx), 0, zone.shape[1]))
    split_y = int(np.ceil(y_mid))
    best, dark = 0.0, np.zeros_like(zone)
    for axis, sums, counts, split in ((1, col_sum, col_n, split_x), (0, row_sum, row_n, split_y)):
        n_a, n_b = counts[:split].sum(), counts[split:].sum()
        if n_a < _CELL or n_b < _CELL:
            continue
        mean_a, mean_b = sums[:split].sum() / n_a, sums[split:].sum() / n_b
        if abs(mean_a - mean_b) > best:
            best = float(abs(mean_a - mean_b))
            dark = np.zeros_like(zone)
            darker = slice(None, split) if mean_a < mean_b else slice(split, None)
            if axis == 1:
                dark[:, darker] = zone[:, darker]
            else:
                dark[darker, :] = zone[darker, :]
    return best, dark


def check(bg: BackgroundMeasures | None, rules: PhotoRules) -> list[Finding]:
    """Findings for plainness, shadow and darkness of the background."""
    if bg is None:
        return []
    findings = []
    # A shadow on a plain wall spreads L* without any edge: it is reported as the
    # shadow it is, not also as a background that is not plain.
    shadow_only = (
        (bg.halo_shadow > rules.halo_shadow_fail or bg.shadow > rules.shadow_fail)
        and bg.edge_share <= rules.edge_share_warn
        and bg.gradient <= rules.gradient_warn
    )
    if shadow_only:
        pass
    elif (
        bg.edge_share > rules.edge_share_fail
        or bg.l_std > rules.l_std_fail
        or bg.gradient > rules.gradient_fail
    ):
        findings.append(
            Finding.of("background_not_plain", "fail", bg.edge_region, area=bg.edge_area)
        )
    elif (
        bg.edge_share > rules.edge_share_warn
        or bg.l_std > rules.l_std_warn
        or bg.gradient > rules.gradient_warn
    ):
        findings.append(
            Finding.of("background_not_plain", "warn", bg.edge_region, area=bg.edge_area)
        )
    # Around a head in front of objects the band is darker by chance: a cast shadow is
    # only told apart on a background that is otherwise plain.
    not_plain = any(f.severity == "fail" for f in findings)
    halo_shadow = bg.halo_shadow > rules.halo_shadow_fail and not not_plain
    if bg.shadow > rules.shadow_fail or halo_shadow:
        findings.append(
            Finding.of("background_shadow", "fail", bg.dark_side_region, area=bg.dark_area)
        )
    elif bg.shadow > rules.shadow_warn:
        findings.append(
            Finding.of("background_shadow", "warn", bg.dark_side_region, area=bg.dark_area)
        )
    if bg.l_mean < rules.background_dark_warn:
        findings.append(
            Finding.of("background_too_dark", "warn", bg.zone_region, area=bg.zone_area)
        )
    return findings
