"""The default face detector: MediaPipe face detection, face mesh with iris, person mask.

``mediapipe==0.10.21`` is the last wheel that ships the models of its offline
``mp.solutions`` API inside the package (face_detection_full_range_sparse.tflite,
face_landmark_with_attention.tflite, selfie_segmentation.tflite): nothing is fetched
at run time. The three graphs are built once per process, on first use, and shared by
every thread behind one lock (a graph is not safe to run from two threads at once).

Steps, all on small copies (the models' own input sizes are 128-256 px):
1. face detection (full-range model) on a copy at ``DETECT_LONG_SIDE``; if nothing is
   found, again with the image padded by a quarter each side (a face cut by an edge);
2. face mesh on a square crop of the working copy around the largest face (padded with
   the edge pixels where it runs out of the image, so landmarks can lie outside: that
   is how a cut-off face is seen);
3. person segmentation on the same small copy, resized back to the input size.
"""

from __future__ import annotations

import threading
from typing import Any

import cv2
import numpy as np

from photo_checks.face import DetectedFace, FloatArray, FloatBox, RGBArray

# Face detection and segmentation see at most 192 / 256 px (their models' inputs), so a
# 384-px copy loses nothing and costs half of a 640-px one; the mesh gets its own crop
# from the full working copy.
DETECT_LONG_SIDE = 384
MESH_CROP_PX = 384
# The crop for the mesh is this many face-box sides wide, around the box centre.
MESH_CROP_SIDES = 2.0
MIN_DETECTION_SCORE = 0.5
# Iris centres in MediaPipe's refined 478-point mesh: the person's right eye (image
# left) and left eye (image right).
IRIS_IMAGE_LEFT, IRIS_IMAGE_RIGHT = 468, 473


class _Models:
    """The three MediaPipe graphs, built lazily once per process."""

    _lock = threading.Lock()
    _instance: _Models | None = None

    def __init__(self) -> None:
        import mediapipe as mp  # heavy import (about 2 s): only when a photo is checked

        solutions: Any = mp.solutions
        self.detection = solutions.face_detection.FaceDetection(
            model_selection=1, min_detection_confidence=MIN_DETECTION_SCORE
        )
        self.mesh = solutions.face_mesh.FaceMesh(
            static_image_mode=True,
            max_num_faces=1,
            refine_landmarks=True,
            min_detection_confidence=MIN_DETECTION_SCORE,
        )
        self.segmentation = solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)

    @classmethod
    def shared(cls) -> tuple[_Models, threading.Lock]:
        with cls._lock:
            if cls._instance is None:
                cls._instance = _Models()
        return cls._instance, cls._lock


def _resize(rgb: RGBArray, long_side: int) -> tuple[RGBArray, float]:
    """A copy whose long side is at most ``long_side``, and its scale (copy / input)."""
    scale = min(1.0, long_side / max(rgb.shape[:2]))
    if scale >= 1.0:
        return np.ascontiguousarray(rgb), 1.0
    size = (max(1, round(rgb.shape[1] * scale)), max(1, round(rgb.shape[0] * scale)))
    small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8), scale


class MediaPipeFaceDetector:
    """Faces (largest first); the largest carries landmarks and the person mask."""

    def detect(self, rgb: RGBArray) -> list[DetectedFace]:
        models, lock = _Models.shared()
        small, scale = _resize(rgb, DETECT_LONG_SIDE)
        with lock:
            boxes = _detect_boxes(models, small)
            if not boxes:
                return []
            boxes.sort(key=lambda b: b[2] * b[3], reverse=True)
            x, y, w, h = boxes[0]
            landmarks = _mesh(models, rgb, (x / scale, y / scale, w / scale, h / scale))
            mask = models.segmentation.process(small).segmentation_mask
        resized = cv2.resize(
            np.asarray(mask, dtype=np.float32),
            (rgb.shape[1], rgb.shape[0]),
            interpolation=cv2.INTER_LINEAR,
        )
        person_mask: FloatArray = np.asarray(resized, dtype=np.float32)
        faces = []
        for i, (x, y, w, h) in enumerate(boxes):
            box = (x / scale, y / scale, w / scale, h / scale)
            if i == 0 and landmarks is not None:
                points = landmarks
                eyes = (
                    (float(points[IRIS_IMAGE_LEFT, 0]), float(points[IRIS_IMAGE_LEFT, 1])),
                    (float(points[IRIS_IMAGE_RIGHT, 0]), float(points[IRIS_IMAGE_RIGHT, 1])),
                )
                faces.append(DetectedFace(box, eyes, points, person_mask))
            else:
                faces.append(DetectedFace(box, (), None, person_mask if i == 0 else None))
        return faces


def _detect_boxes(models: _Models, small: RGBArray) -> list[FloatBox]:
    """Face boxes in ``small`` pixels; retried on a padded copy for faces at an edge."""
    boxes = _run_detection(models, small, 0, 0)
    if boxes:
        return boxes
    pad_y, pad_x = small.shape[0] // 4, small.shape[1] // 4
    padded = cv2.copyMakeBorder(small, pad_y, pad_y, pad_x, pad_x, cv2.BORDER_REPLICATE)
    return _run_detection(models, np.ascontiguousarray(padded), pad_x, pad_y)


def _run_detection(models: _Models, image: RGBArray, pad_x: int, pad_y: int) -> list[FloatBox]:
    result = models.detection.process(image)
    height, width = image.shape[:2]
    boxes: list[FloatBox] = []
    for detection in result.detections or []:
        rel = detection.location_data.relative_bounding_box
        boxes.append(
            (
                rel.xmin * width - pad_x,
                rel.ymin * height - pad_y,
                rel.width * width,
                rel.height * height,
            )
        )
    return boxes


def _mesh(models: _Models, small: RGBArray, box: FloatBox) -> FloatArray | None:
    """478 landmarks (x, y, z in ``small``'s pixels) of the face in ``box``, or None.

    The mesh runs on a square crop around the face so that small faces get the
    model's full resolution; where the crop leaves the image it is filled with the edge
    pixels, and the landmarks found there lie outside the image.
    """
    x, y, w, h = box
    side = MESH_CROP_SIDES * max(w, h)
    x0, y0 = round(x + w / 2 - side / 2), round(y + h / 2 - side / 2)
    size = max(1, round(side))
    height, width = small.shape[:2]
    top, left = max(0, -y0), max(0, -x0)
    bottom, right = max(0, y0 + size - height), max(0, x0 + size - width)
    inside = small[max(0, y0) : min(height, y0 + size), max(0, x0) : min(width, x0 + size)]
    if inside.size == 0:
        return None
    crop = cv2.copyMakeBorder(inside, top, bottom, left, right, cv2.BORDER_REPLICATE)
    k = MESH_CROP_PX / size
    crop = cv2.resize(crop, (MESH_CROP_PX, MESH_CROP_PX), interpolation=cv2.INTER_AREA)
    result = models.mesh.process(np.ascontiguousarray(crop))
    if not result.multi_face_landmarks:
        return None
    points = np.array(
        [(p.x, p.y, p.z) for p in result.multi_face_landmarks[0].landmark], dtype=np.float64
    )
    points *= MESH_CROP_PX / k  # normalised crop units -> small pixels (z shares x's scale)
    points[:, 0] += x0
    points[:, 1] += y0
    return points
