"""Errors raised by the parts of photo_checks that refuse input.

``check_photo`` itself never raises for bad input: it turns these into findings
(``unsupported_format`` / ``corrupt_image``). They surface from helpers such as
``strip_metadata`` and ``render_overlay``, which cannot do their job on such bytes.
"""

from __future__ import annotations


class PhotoError(ValueError):
    """Base class: the bytes are not a photo this package can work with."""


class WrongImageFormat(PhotoError):
    """The bytes are not a JPEG (they may be a PNG, HEIC, … or nothing at all)."""

    def __init__(self, message: str, *, detected: str | None = None) -> None:
        super().__init__(message)
        self.detected = detected


class CorruptImage(PhotoError):
    """The bytes claim to be a JPEG but cannot be decoded safely.

    Covers truncated files, broken marker segments and images whose declared size is
    over the pixel cap (decompression bombs).
    """
