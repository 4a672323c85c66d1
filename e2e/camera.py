"""A fake camera for Chromium: a Y4M video file of a test portrait, and a browser that uses it.

Chromium's `--use-file-for-fake-video-capture` plays the file in a loop as the camera, and
`--use-fake-ui-for-media-stream` answers the permission prompt, so `getUserMedia` works
headless with a known picture in front of the "lens".
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, Playwright

CAMERA_ARGS = ("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream")


def write_y4m(jpeg: bytes, path: Path, frames: int = 2) -> Path:
    """The picture as a 4:2:0 Y4M video (Chromium's fake capture reads Y4M or MJPEG)."""
    image = Image.open(io.BytesIO(jpeg)).convert("YCbCr")
    width, height = image.width // 2 * 2, image.height // 2 * 2
    y, cb, cr = (np.asarray(c) for c in image.crop((0, 0, width, height)).split())
    half = (width // 2, height // 2)
    chroma = [
        np.asarray(Image.fromarray(c).resize(half, Image.Resampling.BILINEAR)) for c in (cb, cr)
    ]
    frame = b"FRAME\n" + y.tobytes() + chroma[0].tobytes() + chroma[1].tobytes()
    header = f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * frames)
    return path


def camera_args(video: Path) -> list[str]:
    return [*CAMERA_ARGS, f"--use-file-for-fake-video-capture={video}"]


@pytest.fixture(scope="module")
def chromium_browser(
    playwright_driver: Playwright,
    chromium_launch_options: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Browser]:
    """Chromium whose camera films a well-framed portrait on a plain wall.

    Import it into a journey module (`from e2e.camera import chromium_browser`) to replace
    the shared browser there: the fake camera is chosen when Chromium starts.
    """
    from tests.helpers import portraits

    video = write_y4m(portraits.id_photo(), tmp_path_factory.mktemp("camera") / "portrait.y4m")
    options = dict(chromium_launch_options)
    options["args"] = [*options["args"], *camera_args(video)]
    browser = playwright_driver.chromium.launch(**options)
    yield browser
    browser.close()
