"""Framing checks: face count, cut-off edges, size, room above and below, centring, tilt.

All geometry is in working-image pixels; head heights come from ``head.Head``. These
are the checks behind J-LIS's commonest refusal, the selfie taken too close.
"""

from __future__ import annotations

from dataclasses import dataclass

from photo_checks.face import DetectedFace
from photo_checks.head import Head
from photo_checks.report import Finding
from photo_checks.rules import PhotoRules

FloatBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Framing:
    """Measures of the head's place in the image, as ratios (see ``photo.md``)."""

    head_ratio: float
    top_margin: float
    bottom_margin: float
    center_offset: float
    cut_edges: tuple[str, ...]


def head_box(head: Head) -> FloatBox:
    """Crown-to-chin box, ear to ear."""
    return (head.center_x - head.half_width, head.crown_y, 2 * head.half_width, head.height)


def measure(head: Head, width: int, height: int, rules: PhotoRules) -> Framing:
    """Compute the ratios every framing check uses."""
    tol_x, tol_y = rules.edge_touch * width, rules.edge_touch * height
    edges = []
    if head.crown_y <= tol_y or head.box[1] <= tol_y:
        edges.append("top")
    if head.chin_y >= height - tol_y or head.box[1] + head.box[3] >= height - tol_y:
        edges.append("bottom")
    if head.center_x - head.half_width <= tol_x or head.box[0] <= tol_x:
        edges.append("left")
    if (
        head.center_x + head.half_width >= width - tol_x
        or head.box[0] + head.box[2] >= width - tol_x
    ):
        edges.append("right")
    return Framing(
        head_ratio=float(head.height / height),
        top_margin=float(head.crown_y / head.height),
        bottom_margin=float((height - head.chin_y) / head.height),
        center_offset=float(head.center_x / width - 0.5),
        cut_edges=tuple(edges),
    )


def check_face_count(faces: list[DetectedFace], rules: PhotoRules) -> list[Finding]:
    """A second face as large as a person fails; a small one (poster, photo) warns."""
    if not faces:
        return [Finding.of("no_face", "fail")]
    main = faces[0]
    findings = []
    for other in faces[1:]:
        if other.area >= rules.second_face_fail_area * main.area:
            findings.append(Finding.of("multiple_faces", "fail", other.box))
        else:
            findings.append(
                Finding.of("multiple_faces", "warn", other.box, key="multiple_faces_small")
            )
    return findings[:1] if findings else []


def check_cut_off(head: Head, framing: Framing) -> list[Finding]:
    """Name every edge the head or face touches or crosses."""
    if not framing.cut_edges:
        return []
    return [Finding.of("face_cut_off", "fail", head_box(head), edges=list(framing.cut_edges))]


def check_size(
    head: Head, framing: Framing, width: int, eye_distance_px: float, rules: PhotoRules
) -> list[Finding]:
    """Too close (no legal frame fits) or too far (face too small to be useful)."""
    box = head_box(head)
    ratio = framing.head_ratio
    side_room = min(head.center_x, width - head.center_x) / head.height
    if ratio > rules.too_close_fail or width / head.height < 2 * rules.side_room_fail:
        return [Finding.of("too_close", "fail", box)]
    findings = []
    side_cut = {"left", "right"} & set(framing.cut_edges)
    if side_room < rules.side_room_fail and not side_cut:
        findings.append(Finding.of("off_center", "fail", box))
    if ratio > rules.too_close_warn:
        findings.append(Finding.of("too_close", "warn", box))
    elif ratio < rules.too_far_fail or eye_distance_px < rules.min_eye_distance_px:
        findings.append(Finding.of("too_far", "fail", box))
    elif ratio < rules.too_far_warn:
        findings.append(Finding.of("too_far", "warn", box))
    return findings


def check_margins(head: Head, framing: Framing, height: int, rules: PhotoRules) -> list[Finding]:
    """Room above the crown and below the chin; an edge already reported as cut is skipped."""
    findings = []
    x, w = head.center_x - head.half_width, 2 * head.half_width
    if "top" not in framing.cut_edges:
        region = (x, 0.0, w, max(1.0, head.crown_y))
        if framing.top_margin < rules.top_margin_fail:
            findings.append(Finding.of("no_room_above_head", "fail", region))
        elif framing.top_margin < rules.top_margin_warn:
            findings.append(Finding.of("no_room_above_head", "warn", region))
    if "bottom" not in framing.cut_edges:
        region = (x, head.chin_y, w, max(1.0, height - head.chin_y))
        if framing.bottom_margin < rules.bottom_margin_fail:
            findings.append(Finding.of("no_room_below_chin", "fail", region))
        elif framing.bottom_margin < rules.bottom_margin_warn:
            findings.append(Finding.of("no_room_below_chin", "warn", region))
    return findings


def check_centering(
    head: Head, framing: Framing, width: int, height: int, rules: PhotoRules
) -> list[Finding]:
    """Only for uploads that already look like a final crop; J-LIS centres the others."""
    aspect_low, aspect_high = rules.crop_like_aspect
    ratio_low, ratio_high = rules.crop_like_head_ratio
    if not (
        aspect_low <= height / width <= aspect_high
        and ratio_low <= framing.head_ratio <= ratio_high
    ):
        return []
    offset = abs(framing.center_offset)
    if offset > rules.off_center_fail:
        return [Finding.of("off_center", "fail", head_box(head))]
    if offset > rules.off_center_warn:
        return [Finding.of("off_center", "warn", head_box(head))]
    return []


def check_tilt(head: Head, rules: PhotoRules) -> list[Finding]:
    """Roll of the eye line; skipped when the eyes were not found."""
    if head.roll_deg is None or len(head.eyes) != 2:
        return []
    (lx, ly), (rx, ry) = head.eyes
    pad = 0.15 * head.box[2]
    region = (lx - pad, min(ly, ry) - pad, rx - lx + 2 * pad, abs(ry - ly) + 2 * pad)
    roll = abs(head.roll_deg)
    if roll > rules.tilt_fail_deg:
        return [Finding.of("head_tilted", "fail", region)]
    if roll > rules.tilt_warn_deg:
        return [Finding.of("head_tilted", "warn", region)]
    return []
