"""Lossless removal of metadata segments from a JPEG (privacy before storage).

The user's photo must never be re-encoded: J-LIS refuses edited photos, and a
re-encode changes every pixel. So this walks the marker segments and copies all of
them verbatim except metadata; quantisation and Huffman tables, frame and scan headers
and the entropy-coded image data are byte-for-byte the originals.

Kept: APP0 ``JFIF`` (pixel aspect / density), APP14 ``Adobe`` (says whether the
decoder must apply a colour transform; dropping it changes colours of some CMYK/RGB
files) and APP2 ``ICC_PROFILE`` (the colour space: phones write Display P3, and without
the profile the same pixels would be shown as sRGB, visibly duller — a change of
appearance we must not make; an ICC profile describes a device, not a person).

Dropped: APP1 (EXIF including GPS, and XMP), every other APPn (MPF, maker data, JFXX
thumbnails, …), COM comments, and anything after EOI (MPF-appended secondary images
carry their own EXIF).
"""

from __future__ import annotations

from photo_checks.jpeg import APP0, APP15, COM, Segment, iter_segments

_KEEP_APP: dict[int, bytes] = {
    APP0: b"JFIF\x00",
    0xE2: b"ICC_PROFILE\x00",
    0xEE: b"Adobe",
}


def _is_metadata(seg: Segment, data: bytes) -> bool:
    """True for segments that carry metadata rather than what a decoder needs."""
    if seg.marker == COM:
        return True
    if seg.marker is not None and APP0 <= seg.marker <= APP15:
        wanted = _KEEP_APP.get(seg.marker)
        return wanted is None or not seg.payload(data).startswith(wanted)
    return False


def strip_metadata(data: bytes) -> bytes:
    """Return the JPEG with its metadata segments removed and its image data untouched.

    Raises:
        WrongImageFormat: the bytes are not a JPEG.
        CorruptImage: the marker structure is broken or the file is truncated.
    """
    kept = [data[s.start : s.end] for s in iter_segments(data) if not _is_metadata(s, data)]
    return b"".join(kept)
