"""Reading the application form's QR code from a photo of the form, on the server.

The browser reads it itself with `BarcodeDetector` where it exists; this is the fallback
that works everywhere, with OpenCV's QR detector (already installed for photo_checks).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from app.domain.application_id import from_qr_text

MAX_PIXELS = 40_000_000
WORK_LONG_SIDE = 1600


def read_application_id(data: bytes) -> str | None:
    """The 23-digit ID in the photo's QR code, or None when no such code can be read."""
    import io

    import cv2

    try:
        with Image.open(io.BytesIO(data), formats=("JPEG", "PNG", "WEBP")) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                return None
            image = ImageOps.exif_transpose(opened).convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    image.thumbnail((WORK_LONG_SIDE, WORK_LONG_SIDE))
    text, _points, _straight = cv2.QRCodeDetector().detectAndDecode(np.asarray(image))
    return from_qr_text(text) if text else None
