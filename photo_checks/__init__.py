"""ID-photo checks for the My Number Card online application.

Public API: ``check_photo`` judges a photo and returns a ``PhotoReport`` whose
``to_json()`` is the shape fixed in ``docs/domain/photo.md``; ``check_and_decode`` also
returns the decoded working copy, which ``render_overlay`` draws the findings on (so an
upload is decoded once); ``strip_metadata`` removes EXIF/GPS losslessly.
"""

from __future__ import annotations

from photo_checks.checker import check_and_decode, check_photo
from photo_checks.errors import CorruptImage, PhotoError, WrongImageFormat
from photo_checks.face import DetectedFace, FaceDetector, HaarFaceDetector
from photo_checks.jpeg import FrameHeader, read_frame_header
from photo_checks.messages import Message
from photo_checks.metadata import strip_metadata
from photo_checks.overlay import render_overlay
from photo_checks.report import FaceInfo, Finding, Measures, PhotoReport
from photo_checks.rules import DEFAULT_RULES, PhotoRules

__all__ = [
    "DEFAULT_RULES",
    "CorruptImage",
    "DetectedFace",
    "FaceDetector",
    "FaceInfo",
    "FrameHeader",
    "Finding",
    "HaarFaceDetector",
    "Measures",
    "Message",
    "PhotoError",
    "PhotoReport",
    "PhotoRules",
    "WrongImageFormat",
    "check_and_decode",
    "check_photo",
    "read_frame_header",
    "render_overlay",
    "strip_metadata",
]
