"""Head geometry from a detected face: eye line, chin, crown, centre, roll.

The Haar face box covers roughly brows to mouth, so the chin and crown are estimated.
Constants below were measured on the scikit-image astronaut portrait scaled to head
heights of 150-1500 px (eye line at 0.385 of the box height, chin 0.745 box heights or
1.69 eye distances below the eyes, eye distance 0.44 box widths); the crown then
follows the MOFA rule crown-to-eyes ≈ eyes-to-chin. The crown is
taken from the head silhouette against a plain background when one is found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from photo_checks.face import DetectedFace, FloatArray, FloatBox, FloatPoint
from photo_checks.imaging import RGBArray

EYE_LINE_IN_BOX = 0.385
CHIN_BELOW_EYES = 0.745  # face-box heights
CHIN_PER_EYE_DISTANCE = 1.69
EYE_DISTANCE_IN_BOX = 0.44
# Half the head's width (ear to ear) in face-box widths, for "touches a side edge".
HEAD_HALF_WIDTH = 0.60
# A silhouette crown is believed only between these many eye-to-chin lengths above the eyes.
CROWN_WINDOW = (0.85, 1.6)


@dataclass(frozen=True, slots=True)
class Head:
    """Head landmarks in working-image pixels."""

    box: FloatBox
    eyes: tuple[FloatPoint, ...]
    eye_y: float
    center_x: float
    chin_y: float
    crown_y: float
    eye_distance: float
    roll_deg: float | None
    crown_from_silhouette: bool

    @property
    def height(self) -> float:
        """Head height, crown to chin."""
        return self.chin_y - self.crown_y

    @property
    def half_width(self) -> float:
        return HEAD_HALF_WIDTH * self.box[2]


def _plausible_eyes(face: DetectedFace) -> bool:
    if len(face.eyes) != 2:
        return False
    (lx, ly), (rx, ry) = face.eyes
    distance = math.hypot(rx - lx, ry - ly)
    angle = abs(math.degrees(math.atan2(ry - ly, rx - lx)))
    return 0.3 * face.box[2] <= distance <= 0.65 * face.box[2] and angle < 30


def head_from_face(face: DetectedFace, rgb: RGBArray) -> Head:
    """Estimate the head's landmarks from a detected face in the working image."""
    if face.landmarks is not None:
        return head_from_mesh(face.landmarks, face.person_mask)
    x, y, w, h = face.box
    if _plausible_eyes(face):
        (lx, ly), (rx, ry) = face.eyes
        eyes = face.eyes
        eye_y, center_x = (ly + ry) / 2, (lx + rx) / 2
        eye_distance = math.hypot(rx - lx, ry - ly)
        roll: float | None = math.degrees(math.atan2(ry - ly, rx - lx))
    else:
        eyes = ()
        eye_y, center_x = y + EYE_LINE_IN_BOX * h, x + w / 2
        eye_distance = EYE_DISTANCE_IN_BOX * w
        roll = None
    to_chin = CHIN_BELOW_EYES * h
    if eyes:  # averaging two independent estimates narrows the scatter
        to_chin = (to_chin + CHIN_PER_EYE_DISTANCE * eye_distance) / 2
    chin_y = eye_y + to_chin
    crown_y = eye_y - to_chin
    silhouette = _silhouette_crown(rgb, center_x, w, eye_y)
    from_silhouette = False
    if silhouette is not None:
        low, high = eye_y - CROWN_WINDOW[1] * to_chin, eye_y - CROWN_WINDOW[0] * to_chin
        if silhouette == 0 and crown_y > 0:
            crown_y, from_silhouette = 0.0, True  # hair reaches the top edge
        elif low <= silhouette <= high:
            crown_y, from_silhouette = float(silhouette), True
    return Head(
        face.box, eyes, eye_y, center_x, chin_y, crown_y, eye_distance, roll, from_silhouette
    )


def _silhouette_crown(rgb: RGBArray, center_x: float, face_w: float, eye_y: float) -> int | None:
    """First row from the top where the head stands out from a plain background.

    The background colour is taken from both top corners; if they are not plain and
    alike, there is no silhouette to trust and None is returned.
    """
    height, width = rgb.shape[:2]
    corner_h = max(2, min(int(0.12 * height), int(eye_y / 2)))
    corner_w = max(2, int(0.12 * width))
    band_x0, band_x1 = (
        max(0, int(center_x - 0.3 * face_w)),
        min(width, int(center_x + 0.3 * face_w)),
    )
    if eye_y <= 4 or band_x1 - band_x0 < 4 or band_x0 < corner_w or band_x1 > width - corner_w:
        return None
    corners = [rgb[:corner_h, :corner_w], rgb[:corner_h, width - corner_w :]]
    means = [c.reshape(-1, 3).mean(axis=0) for c in corners]
    spread = max(float(c.reshape(-1, 3).std(axis=0).mean()) for c in corners)
    if spread > 12 or float(np.linalg.norm(means[0] - means[1])) > 30:
        return None
    background = (means[0] + means[1]) / 2
    band = rgb[: int(eye_y), band_x0:band_x1].astype(np.float64)
    distance = np.linalg.norm(band - background, axis=2)
    differs = (distance > max(30.0, 3 * spread)).mean(axis=1) > 0.3
    # Three rows in a row, so a stray line on the wall is not taken for hair.
    run = differs[:-2] & differs[1:-1] & differs[2:]
    hits = np.flatnonzero(run)
    return int(hits[0]) if hits.size else None


# Face-mesh points (MediaPipe 478-point topology) used for the head.
CHIN, FOREHEAD = 152, 10
# The person mask's top is believed as the crown only within these many eye-to-chin
# lengths above the eyes (hair volume; above that it is a hat or a raised hand).
MASK_CROWN_WINDOW = (0.8, 1.9)


def head_from_mesh(points: FloatArray, mask: FloatArray | None) -> Head:
    """Head from the face mesh: iris centres, chin point 152, crown from the person mask.

    The crown is the top of the person mask above the face (hair included, as J-LIS
    measures); without a mask, or when the mask top is implausible, the MOFA rule
    crown-to-eyes = eyes-to-chin applies.
    """
    (lx, ly), (rx, ry) = points[468, :2], points[473, :2]
    eye_y, center_x = (ly + ry) / 2, (lx + rx) / 2
    eye_distance = float(math.hypot(rx - lx, ry - ly))
    roll = math.degrees(math.atan2(ry - ly, rx - lx))
    chin_y = float(points[CHIN, 1])
    to_chin = chin_y - eye_y
    crown_y = eye_y - to_chin
    from_mask = False
    x0, y0 = float(points[:, 0].min()), float(points[:, 1].min())
    x1, y1 = float(points[:, 0].max()), float(points[:, 1].max())
    if mask is not None:
        top = mask_crown(mask, center_x, x1 - x0, eye_y)
        if top is not None:
            low, high = (
                eye_y - MASK_CROWN_WINDOW[1] * to_chin,
                eye_y - MASK_CROWN_WINDOW[0] * to_chin,
            )
            if top == 0 and crown_y > 0:
                crown_y, from_mask = 0.0, True  # hair reaches the top edge
            elif low <= top <= high:
                crown_y, from_mask = float(top), True
    return Head(
        (x0, y0, x1 - x0, y1 - y0),
        ((float(lx), float(ly)), (float(rx), float(ry))),
        float(eye_y),
        float(center_x),
        chin_y,
        float(crown_y),
        eye_distance,
        roll,
        from_mask,
    )


def mask_crown(mask: FloatArray, center_x: float, face_w: float, eye_y: float) -> int | None:
    """First row from the top where the person fills a third of a band over the face."""
    height, width = mask.shape
    x0 = max(0, int(center_x - 0.3 * face_w))
    x1 = min(width, int(center_x + 0.3 * face_w))
    y1 = min(height, int(eye_y))
    if x1 - x0 < 2 or y1 < 1:
        return None
    band = mask[:y1, x0:x1] > 0.5
    rows = band.mean(axis=1) > 0.33
    hits = np.flatnonzero(rows)
    return int(hits[0]) if hits.size else None
