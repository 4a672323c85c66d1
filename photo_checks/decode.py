"""Safe decoding of an uploaded photo into a small, upright working copy.

Order matters: the caller has already checked the raw bytes (size, signature) and the
headers (``filerules.check_header``: sides, pixel cap, number of scans, coefficient
memory), so what reaches Pillow is bounded in time and memory. Here Pillow is allowed to
open JPEG only, any DecompressionBombWarning becomes an error for this call only,
truncated data is refused (Pillow's default, which we never change), and JPEG draft mode
lets libjpeg decode at 1/2, 1/4 or 1/8 scale so a 12 MP photo is never decoded at full
size.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image

from photo_checks.errors import CorruptImage
from photo_checks.filerules import check_header
from photo_checks.jpeg import FrameHeader, read_frame_header
from photo_checks.rules import PhotoRules

# EXIF orientation -> the transpose that makes the image upright (EXIF 2.32, tag 0x0112).
_TRANSPOSE: dict[int, Image.Transpose] = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
MIRRORED_ORIENTATIONS = frozenset({2, 4, 5, 7})
ORIENTATION_TAG = 0x0112


@dataclass(frozen=True, slots=True)
class Decoded:
    """The upright working copy plus what is needed to map back to the original."""

    image: Image.Image
    width: int
    height: int
    mode: str
    orientation: int
    exif: Image.Exif | None

    @property
    def scale(self) -> tuple[float, float]:
        """Original pixels per working pixel, horizontally and vertically."""
        return self.width / self.image.width, self.height / self.image.height


def _read_exif(im: Image.Image) -> Image.Exif | None:
    """EXIF is a hint only: any malformed block is ignored rather than failing the photo."""
    try:
        exif = im.getexif()
        exif.get_ifd(0x8769)  # parse the Exif sub-IFD now, so later reads cannot fail
    except Exception:
        return None
    return exif


def _orientation(exif: Image.Exif | None) -> int:
    value = exif.get(ORIENTATION_TAG) if exif is not None else None
    return value if isinstance(value, int) and value in range(1, 9) else 1


def _draft_size(width: int, height: int, rules: PhotoRules) -> tuple[int, int] | None:
    """Requested draft size: the smallest 1/2^n scale that keeps the long side >= the minimum."""
    long_side = max(width, height)
    if long_side <= rules.draft_min_long_side:
        return None
    factor = long_side / rules.draft_min_long_side
    return max(1, int(width / factor)), max(1, int(height / factor))


@dataclass(frozen=True, slots=True)
class _Loaded:
    image: Image.Image
    mode: str
    size: tuple[int, int]
    exif: Image.Exif | None


def _open_and_load(data: bytes, rules: PhotoRules) -> _Loaded:
    """Open as JPEG only and decode at the draft scale, bomb warnings raised as errors.

    Pillow's UserWarnings about malformed metadata ("Corrupt EXIF data") are expected
    for untrusted uploads and dropped here; the filters are restored on exit.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        im = Image.open(BytesIO(data), formats=["JPEG"])
        loaded = _Loaded(im, im.mode, im.size, _read_exif(im))
        draft = _draft_size(im.width, im.height, rules)
        if draft is not None:
            im.draft(None, draft)
        im.load()
    return loaded


def decode_working(data: bytes, rules: PhotoRules) -> Decoded:
    """Decode ``data`` to an upright RGB copy whose long side is at most the working size.

    Raises:
        CorruptImage: not a JPEG, Pillow cannot decode it, it is truncated, or its headers
            are over the limits ``filerules.check_header`` applies (checked here too, so no
            caller can decode what the checker would refuse).
    """
    try:
        header = read_frame_header(data)
    except CorruptImage:
        raise
    except Exception as exc:
        raise CorruptImage(f"cannot decode: {type(exc).__name__}") from exc
    return decode_with_header(data, header, rules)


def decode_with_header(data: bytes, header: FrameHeader, rules: PhotoRules) -> Decoded:
    """``decode_working`` for a caller that has just read ``header`` from these ``data``.

    Reading the header walks every scan of the file (a regex pass over all of it); the
    checker reads it first to judge the file, and this spares the second pass. The
    limits are still applied here, to the header given.
    """
    try:
        _, decodable = check_header(header, rules)
        if not decodable:
            raise CorruptImage("over the decode limits (sides, pixels, scans or memory)")
        loaded = _open_and_load(data, rules)
        im, exif = loaded.image, loaded.exif
        orientation = _orientation(exif)
        width, height = loaded.size
        if orientation in {5, 6, 7, 8}:
            width, height = height, width
        if im.mode != "RGB":
            im = im.convert("RGB")
        if orientation in _TRANSPOSE:
            im = im.transpose(_TRANSPOSE[orientation])
        long_side = max(im.size)
        if long_side > rules.working_long_side:
            ratio = rules.working_long_side / long_side
            size = (max(1, round(im.width * ratio)), max(1, round(im.height * ratio)))
            im = im.resize(size, Image.Resampling.BOX)
    except CorruptImage:
        raise
    except Exception as exc:
        raise CorruptImage(f"cannot decode: {type(exc).__name__}") from exc
    return Decoded(im, width, height, loaded.mode, orientation, exif)
