"""The J-LIS file rules, judged on raw bytes and the declared frame before decoding.

``check_header`` also decides whether the photo may be decoded at all: everything the
rules refuse anyway (a side over 6000 px) and everything that would cost more than the
decode budget (pixels, scans, coefficient memory) is refused from the headers alone.
"""

from __future__ import annotations

from photo_checks.jpeg import JPEG_SIGNATURE, FrameHeader
from photo_checks.report import Finding
from photo_checks.rules import PhotoRules

FloatBox = tuple[float, float, float, float]

# Signatures of formats people upload instead of JPEG; only used to name them.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG"),
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"BM", "BMP"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"%PDF", "PDF"),
    (8, b"WEBP", "WebP"),
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
)


def sniff_format(data: bytes) -> str | None:
    """``"JPEG"``, the name of another known image format, or None."""
    if data.startswith(JPEG_SIGNATURE):
        return "JPEG"
    for offset, signature, name in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return name
    return None


def unsupported_format(detected: str | None) -> Finding:
    """Not a JPEG: name what it is when we can tell, and say how to get a JPEG."""
    return Finding.of("unsupported_format", "fail", detected=detected)


def check_size(data: bytes, rules: PhotoRules) -> list[Finding]:
    """20 KB to 7 MB, on the bytes as uploaded."""
    if len(data) < rules.min_bytes:
        return [Finding.of("file_too_small", "fail")]
    if len(data) > rules.max_bytes:
        return [Finding.of("file_too_large", "fail")]
    return []


def check_dimensions(width: int, height: int, rules: PhotoRules) -> list[Finding]:
    """480 to 6000 px on each side."""
    whole: FloatBox = (0.0, 0.0, float(width), float(height))
    if min(width, height) < rules.min_side_px:
        return [Finding.of("too_few_pixels", "fail", whole)]
    if max(width, height) > rules.max_side_px:
        return [Finding.of("too_many_pixels", "fail", whole)]
    return []


def check_mode(mode: str, width: int, height: int) -> list[Finding]:
    """RGB is required; greyscale is allowed as a black-and-white photo but warned."""
    whole: FloatBox = (0.0, 0.0, float(width), float(height))
    if mode == "RGB":
        return []
    if mode == "L":
        return [Finding.of("not_rgb", "warn", whole, key="not_rgb_grey")]
    return [Finding.of("not_rgb", "fail", whole)]


def over_budget() -> Finding:
    """The photo would cost more time or memory to check than a request may spend."""
    return Finding.of("corrupt_image", "fail", key="corrupt_image_budget")


def check_header(header: FrameHeader, rules: PhotoRules) -> tuple[list[Finding], bool]:
    """The file rules on the declared frame, and whether the photo may be decoded.

    Nothing is decoded when a side is over ``max_side_px`` (too_many_pixels: the photo is
    refused whatever it shows), when the frame is over the pixel cap, or when the scans
    or the coefficient memory are over budget (corrupt_image).
    """
    findings = check_dimensions(header.width, header.height, rules)
    decodable = max(header.width, header.height) <= rules.max_side_px
    if header.width * header.height > rules.max_pixels:
        findings.append(Finding.of("corrupt_image", "fail"))
        decodable = False
    elif (
        header.scans > rules.max_scans
        or header.coefficient_buffer_bytes > rules.max_coefficient_bytes
        or header.coefficient_buffer_bytes
        > rules.max_coefficient_share * header.width * header.height * 3
    ):
        findings.append(over_budget())
        decodable = False
    return findings, decodable
