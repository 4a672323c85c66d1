"""strip_metadata removes EXIF/GPS/XMP/comments losslessly: image data bytes identical."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from PIL import Image, ImageCms

from photo_checks import CorruptImage, WrongImageFormat, check_photo, strip_metadata
from photo_checks.jpeg import SOS, iter_segments
from tests.photo_checks import cases
from tests.photo_checks.portraits import good_photo, jpeg

GPS_IFD = 0x8825


def _tagged_jpeg(**save_options: object) -> bytes:
    exif = Image.Exif()
    exif[0x0131] = "Snapseed 2.0"
    exif.get_ifd(0x8769)[0x9003] = "2024:01:01 10:00:00"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (35.0, 41.0, 22.0), "E", (139.0, 41.0, 30.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return jpeg(
        good_photo(),
        exif=exif,
        icc_profile=icc,
        comment=b"taken at home, 1-2-3 Chiyoda",
        xmp=b"<x:xmpmeta><rdf:Description photoshop:City='Tokyo'/></x:xmpmeta>",
        **save_options,
    )


@pytest.fixture(scope="module")
def gps_tagged() -> bytes:
    return _tagged_jpeg()


def _from_first_scan(data: bytes) -> bytes:
    first_sos = next(s.start for s in iter_segments(data) if s.marker == SOS)
    end = data.index(b"\xff\xd9", len(data) - 2)
    return data[first_sos : end + 2]


def _markers(data: bytes) -> list[int]:
    return [s.marker for s in iter_segments(data) if s.marker is not None]


def test_gps_and_all_exif_are_gone(gps_tagged: bytes) -> None:
    assert Image.open(BytesIO(gps_tagged)).getexif().get_ifd(GPS_IFD)
    stripped = strip_metadata(gps_tagged)
    exif = Image.open(BytesIO(stripped)).getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert len(exif) == 0
    assert b"Exif\x00\x00" not in stripped


def test_xmp_and_comment_are_gone(gps_tagged: bytes) -> None:
    stripped = strip_metadata(gps_tagged)
    assert b"Chiyoda" not in stripped
    assert b"xmpmeta" not in stripped
    assert 0xFE not in _markers(stripped)
    assert 0xE1 not in _markers(stripped)


def test_image_data_bytes_are_identical_from_sos_to_eoi(gps_tagged: bytes) -> None:
    stripped = strip_metadata(gps_tagged)
    assert _from_first_scan(stripped) == _from_first_scan(gps_tagged)
    assert len(stripped) < len(gps_tagged)


def test_decoded_pixels_are_identical(gps_tagged: bytes) -> None:
    before = np.asarray(Image.open(BytesIO(gps_tagged)).convert("RGB"))
    after = np.asarray(Image.open(BytesIO(strip_metadata(gps_tagged))).convert("RGB"))
    assert np.array_equal(before, after)


def test_tables_and_frame_headers_are_kept_verbatim(gps_tagged: bytes) -> None:
    def decoding_segments(data: bytes) -> list[bytes]:
        return [
            data[s.start : s.end]
            for s in iter_segments(data)
            if s.marker is not None and 0xC0 <= s.marker <= 0xDF
        ]

    assert decoding_segments(strip_metadata(gps_tagged)) == decoding_segments(gps_tagged)


def test_jfif_and_icc_profile_are_kept(gps_tagged: bytes) -> None:
    stripped = Image.open(BytesIO(strip_metadata(gps_tagged)))
    assert stripped.info.get("jfif") is not None
    assert stripped.info.get("icc_profile") == Image.open(BytesIO(gps_tagged)).info["icc_profile"]


def test_adobe_segment_of_a_cmyk_jpeg_is_kept_so_colours_do_not_change() -> None:
    out = BytesIO()
    good_photo().convert("CMYK").save(out, "JPEG", comment=b"note")
    data = out.getvalue()
    stripped = strip_metadata(data)
    assert 0xEE in _markers(stripped)
    before = np.asarray(Image.open(BytesIO(data)).convert("RGB"))
    after = np.asarray(Image.open(BytesIO(stripped)).convert("RGB"))
    assert np.array_equal(before, after)


def test_progressive_jpeg_keeps_every_scan() -> None:
    data = _tagged_jpeg(progressive=True)
    stripped = strip_metadata(data)
    assert _markers(stripped).count(SOS) == _markers(data).count(SOS) > 1
    assert _from_first_scan(stripped) == _from_first_scan(data)


def test_data_after_end_of_image_is_dropped(gps_tagged: bytes) -> None:
    appended = gps_tagged + b"\xff\xd8 second image with its own EXIF \xff\xd9"
    assert strip_metadata(appended) == strip_metadata(gps_tagged)


def test_stripped_photo_is_judged_the_same(gps_tagged: bytes) -> None:
    report = check_photo(strip_metadata(gps_tagged))
    assert report.verdict == "pass"


def test_stripping_twice_changes_nothing(gps_tagged: bytes) -> None:
    once = strip_metadata(gps_tagged)
    assert strip_metadata(once) == once


def test_png_is_refused() -> None:
    with pytest.raises(WrongImageFormat):
        strip_metadata(cases.png_of_good_photo())


def test_truncated_jpeg_is_refused() -> None:
    data = cases.good_jpeg()
    with pytest.raises(CorruptImage):
        strip_metadata(data[: len(data) // 2])
