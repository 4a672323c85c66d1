"""The legal 35:45 frame J-LIS could cut from the photo, if there is one.

J-LIS trims uploads itself and refuses photos it cannot trim. A frame is legal when
the head (crown to chin) fills 32-36 mm of its 45 mm height, with 2-6 mm above the
crown, 5-9 mm below the chin and the face centre within 2 mm of the middle; we search
those ranges for a frame inside the image, preferring the middle of each range.
"""

from __future__ import annotations

from photo_checks.head import Head
from photo_checks.rules import PhotoRules

FloatBox = tuple[float, float, float, float]
_STEPS = 9


def _clamp(value: float, low: float, high: float) -> float | None:
    if low > high:
        return None
    return min(max(value, low), high)


def legal_crop(head: Head, width: int, height: int, rules: PhotoRules) -> FloatBox | None:
    """Return the legal frame closest to the ideal one, [x, y, w, h], or None."""
    head_h = head.height
    if head_h <= 0:
        return None
    low_r, high_r = rules.crop_head_ratio
    ideal_r = (low_r + high_r) / 2
    ratios = [low_r + (high_r - low_r) * i / (_STEPS - 1) for i in range(_STEPS)]
    ratios.sort(key=lambda r: abs(r - ideal_r))
    top_low, top_high = rules.crop_top_margin
    bottom_low, bottom_high = rules.crop_bottom_margin
    for ratio in ratios:
        crop_h = head_h / ratio
        crop_w = crop_h / rules.crop_aspect_h_over_w
        if crop_h > height or crop_w > width:
            continue
        # Room above the crown, in head heights, that keeps the bottom margin legal too.
        spare = 1 / ratio - 1
        top_min = max(top_low, spare - bottom_high)
        top_max = min(top_high, spare - bottom_low)
        if top_min > top_max:
            continue
        ideal_top = _clamp((top_low + top_high) / 2, top_min, top_max)
        y_low = max(0.0, head.crown_y - top_max * head_h)
        y_high = min(height - crop_h, head.crown_y - top_min * head_h)
        tolerance = rules.crop_center_tolerance * crop_w
        x_centered = head.center_x - crop_w / 2
        x_low = max(0.0, x_centered - tolerance)
        x_high = min(width - crop_w, x_centered + tolerance)
        if ideal_top is None:
            continue
        y = _clamp(head.crown_y - ideal_top * head_h, y_low, y_high)
        x = _clamp(x_centered, x_low, x_high)
        if x is not None and y is not None:
            return x, y, crop_w, crop_h
    return None


def ideal_frame(head: Head, rules: PhotoRules) -> FloatBox:
    """The frame J-LIS would aim for, whether or not it fits inside the image."""
    low_r, high_r = rules.crop_head_ratio
    crop_h = head.height / ((low_r + high_r) / 2)
    crop_w = crop_h / rules.crop_aspect_h_over_w
    top = sum(rules.crop_top_margin) / 2
    return head.center_x - crop_w / 2, head.crown_y - top * head.height, crop_w, crop_h
