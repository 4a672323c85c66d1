"""Face detection behind a small interface (``FaceDetector``).

The default detector is ``photo_checks.mediapipe_face.MediaPipeFaceDetector`` (face
box, 478 landmarks with iris, person mask). ``HaarFaceDetector`` here uses the Haar
cascades inside the OpenCV wheel (``cv2.data.haarcascades``): a box and two eye points
only, kept as the fallback a caller can inject. Nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

import cv2
import numpy as np
import numpy.typing as npt
from cv2.typing import MatLike

RGBArray = npt.NDArray[np.uint8]
FloatArray = npt.NDArray[np.floating[Any]]
FloatBox = tuple[float, float, float, float]
FloatPoint = tuple[float, float]


@dataclass(frozen=True, slots=True)
class DetectedFace:
    """A face box [x, y, w, h] and 0 or 2 eye centres (image left first), in input pixels.

    Coordinates may fall outside the image when the face crosses an edge. A detector
    with a face mesh adds ``landmarks`` (N x 3: x, y in input pixels, z depth in the
    same units, MediaPipe's 478-point topology) and ``person_mask`` (H x W, 0-1, the
    probability that a pixel belongs to a person, same size as the input).
    """

    box: FloatBox
    eyes: tuple[FloatPoint, ...] = ()
    landmarks: FloatArray | None = field(default=None, compare=False, repr=False)
    person_mask: FloatArray | None = field(default=None, compare=False, repr=False)

    @property
    def area(self) -> float:
        return self.box[2] * self.box[3]


_EYE_ROI_WIDTH = 160
_FINE_SCALE_FACTOR = 1.08


class FaceDetector(Protocol):
    """Finds frontal faces in an upright RGB image."""

    def detect(self, rgb: RGBArray) -> list[DetectedFace]:
        """Return the faces, largest first."""
        ...


class HaarFaceDetector:
    """OpenCV Haar cascades: frontal face, then eyes inside each face.

    Faces are searched on a copy scaled to ``detect_long_side`` (ID-photo faces are large,
    and the cascade cost grows with pixels); eyes on the full working copy. If nothing is
    found the image is padded by a quarter on each side and searched again, because a
    face touching the edge is often missed without room around it.
    """

    def __init__(
        self,
        *,
        detect_long_side: int = 400,
        min_face_fraction: float = 0.06,
        scale_factor: float = 1.2,
    ) -> None:
        self._detect_long_side = detect_long_side
        self._scale_factor = scale_factor
        self._min_face_fraction = min_face_fraction
        self._local = threading.local()

    def _cascades(self) -> tuple[cv2.CascadeClassifier, cv2.CascadeClassifier]:
        """Load lazily, once per thread: classifiers are not safe to share across threads."""
        cached: tuple[cv2.CascadeClassifier, cv2.CascadeClassifier] | None = getattr(
            self._local, "cascades", None
        )
        if cached is None:
            base: str = cv2.data.haarcascades  # type: ignore[attr-defined]  # not in the stubs
            face = cv2.CascadeClassifier(base + "haarcascade_frontalface_default.xml")
            eye = cv2.CascadeClassifier(base + "haarcascade_eye.xml")
            if face.empty() or eye.empty():
                raise RuntimeError("OpenCV Haar cascades missing from the installed wheel")
            cached = (face, eye)
            self._local.cascades = cached
        return cached

    def detect(self, rgb: RGBArray) -> list[DetectedFace]:
        face_cascade, eye_cascade = self._cascades()
        gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
        boxes = self._find_faces(face_cascade, gray, self._scale_factor)
        if not boxes:  # a finer scale step finds harder faces (side light, tilt) at 2-3x cost
            boxes = self._find_faces(face_cascade, gray, _FINE_SCALE_FACTOR)
        if not boxes:
            pad_y, pad_x = gray.shape[0] // 4, gray.shape[1] // 4
            padded = cv2.copyMakeBorder(gray, pad_y, pad_y, pad_x, pad_x, cv2.BORDER_REPLICATE)
            boxes = [
                (x - pad_x, y - pad_y, w, h)
                for x, y, w, h in self._find_faces(face_cascade, padded, _FINE_SCALE_FACTOR)
            ]
        faces = [DetectedFace(box, self._find_eyes(eye_cascade, gray, box)) for box in boxes]
        return sorted(faces, key=lambda f: f.area, reverse=True)

    def _find_faces(
        self, cascade: cv2.CascadeClassifier, gray: MatLike, scale_factor: float
    ) -> list[FloatBox]:
        scale = min(1.0, self._detect_long_side / max(gray.shape))
        small = gray
        if scale < 1.0:
            size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
            small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
        min_side = max(24, round(min(small.shape) * self._min_face_fraction))
        found = cascade.detectMultiScale(
            small, scaleFactor=scale_factor, minNeighbors=5, minSize=(min_side, min_side)
        )
        return [
            (float(x) / scale, float(y) / scale, float(w) / scale, float(h) / scale)
            for x, y, w, h in found
        ]

    def _find_eyes(
        self, cascade: cv2.CascadeClassifier, gray: MatLike, box: FloatBox
    ) -> tuple[FloatPoint, ...]:
        """Both eye centres, or none: one eye alone gives no eye line."""
        x, y, w, h = box
        x0, y0 = max(0, round(x)), max(0, round(y))
        # Eyes sit at about 0.385 of the box height; search the band 0.15-0.6 only.
        y0 = max(0, round(y + 0.15 * h))
        x1, y1 = min(gray.shape[1], round(x + w)), min(gray.shape[0], round(y + 0.6 * h))
        if x1 - x0 < 24 or y1 - y0 < 16:
            return ()
        roi = gray[y0:y1, x0:x1]
        # Eyes are found on the face scaled to ~160 px wide: enough detail, a fraction of the cost.
        k = min(1.0, _EYE_ROI_WIDTH / roi.shape[1])
        if k < 1.0:
            size = (max(1, round(roi.shape[1] * k)), max(1, round(roi.shape[0] * k)))
            roi = cv2.resize(roi, size, interpolation=cv2.INTER_AREA)
        roi = cv2.equalizeHist(np.ascontiguousarray(roi))
        eye_w = w * k
        found = cascade.detectMultiScale(
            roi,
            scaleFactor=1.1,
            minNeighbors=3,
            # An eye (with its socket, as the cascade sees it) is 0.15-0.4 face widths.
            minSize=(max(8, round(eye_w * 0.15)),) * 2,
            maxSize=(round(eye_w * 0.4),) * 2,
        )
        centres = [(x0 + (ex + ew / 2) / k, y0 + (ey + eh / 2) / k) for ex, ey, ew, eh in found]
        cx = x + w / 2
        expect_y = y + 0.4 * h
        left = [c for c in centres if c[0] < cx and y + 0.15 * h < c[1] < y + 0.6 * h]
        right = [c for c in centres if c[0] >= cx and y + 0.15 * h < c[1] < y + 0.6 * h]
        if not left or not right:
            return ()

        best_left = _nearest(left, (x + 0.3 * w, expect_y))
        best_right = _nearest(right, (x + 0.7 * w, expect_y))
        return (best_left, best_right)


def _nearest(points: list[FloatPoint], target: FloatPoint) -> FloatPoint:
    return min(points, key=lambda c: abs(c[0] - target[0]) + abs(c[1] - target[1]))
