"""The face model: offline, built once per process, and the FaceDetector seam still open."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from photo_checks import HaarFaceDetector, PhotoReport, check_photo
from photo_checks.mediapipe_face import MediaPipeFaceDetector, _Models
from tests.photo_checks.conftest import NOW

ROOT = Path(__file__).resolve().parents[2]


def test_models_load_and_run_with_the_network_cut_off() -> None:
    """A fresh process whose sockets all fail still finds the face: nothing is fetched."""
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network used")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from tests.photo_checks.cases import good_photo
        import numpy as np
        from photo_checks.mediapipe_face import MediaPipeFaceDetector
        faces = MediaPipeFaceDetector().detect(np.asarray(good_photo()))
        assert faces and faces[0].landmarks is not None and faces[0].person_mask is not None
        print("ok", len(faces[0].landmarks))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok 478"


def test_models_are_built_once_per_process(good_jpeg: bytes) -> None:
    check_photo(good_jpeg, now=NOW)
    first = _Models.shared()[0]
    check_photo(good_jpeg, now=NOW, detector=MediaPipeFaceDetector())
    assert _Models.shared()[0] is first


def test_the_haar_fallback_still_judges_through_the_seam(good_jpeg: bytes) -> None:
    report: PhotoReport = check_photo(good_jpeg, now=NOW, detector=HaarFaceDetector())
    assert report.verdict == "pass", report.codes
    assert report.measures.person_mask is False  # judged without landmarks or mask
    assert report.measures.yaw_deg is None
