"""File rules and safe decoding: every bad file gets a finding, never an exception."""

from __future__ import annotations

import os
import warnings
from io import BytesIO

import pytest
from PIL import Image, ImageFile

from photo_checks import PhotoRules, check_photo
from tests.photo_checks import cases
from tests.photo_checks.portraits import good_photo, jpeg


def _codes(data: bytes, rules: PhotoRules | None = None) -> dict[str, str]:
    return {p.code: p.severity for p in check_photo(data, rules=rules).problems}


def test_png_is_refused_as_unsupported_format_and_named() -> None:
    report = check_photo(cases.png_of_good_photo())
    assert report.codes == ("unsupported_format",)
    assert "PNG" in report.problems[0].message.en
    assert "PNG" in report.problems[0].message.ja
    assert report.face is None and report.crop is None


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("heic", b"\x00\x00\x00\x18ftypheic" + bytes(40_000)),
        ("gif", b"GIF89a" + bytes(40_000)),
        ("webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(40_000)),
    ],
)
def test_other_formats_are_named_in_the_message(name: str, data: bytes) -> None:
    report = check_photo(data)
    assert report.codes == ("unsupported_format",)
    assert name.upper() in report.problems[0].message.en.upper()


def test_random_bytes_are_not_a_jpeg() -> None:
    data = os.urandom(30_000).replace(b"\xff", b"\x00")
    assert _codes(data) == {"unsupported_format": "fail"}


def test_empty_file_is_judged_not_crashed() -> None:
    assert _codes(b"") == {"file_too_small": "fail", "unsupported_format": "fail"}


def test_cmyk_jpeg_fails_not_rgb() -> None:
    out = BytesIO()
    good_photo().convert("CMYK").save(out, "JPEG", quality=92)
    assert _codes(out.getvalue()) == {"not_rgb": "fail"}


def test_greyscale_jpeg_only_warns_not_rgb() -> None:
    assert _codes(jpeg(good_photo().convert("L"))) == {"not_rgb": "warn"}


def test_tiny_image_fails_too_few_pixels() -> None:
    codes = _codes(jpeg(good_photo().resize((360, 480)), quality=98))
    assert codes.get("too_few_pixels") == "fail"


def test_huge_dimension_fails_too_many_pixels() -> None:
    wide = Image.new("RGB", (6100, 600), (220, 220, 220))
    wide.paste(good_photo().resize((450, 600)), (2800, 0))
    assert _codes(jpeg(wide)).get("too_many_pixels") == "fail"


def test_file_under_20_kb_fails_even_when_the_photo_is_good() -> None:
    data = jpeg(good_photo(), quality=8)
    assert len(data) < 20_480
    assert _codes(data).get("file_too_small") == "fail"


def test_file_over_7_mb_fails_file_too_large() -> None:
    data = cases.good_jpeg() + bytes(7_000_000)  # padding after EOI: still a valid JPEG
    assert _codes(data) == {"file_too_large": "fail"}


def test_truncated_jpeg_is_corrupt() -> None:
    data = cases.good_jpeg()
    assert _codes(data[: len(data) * 2 // 3])["corrupt_image"] == "fail"


def test_jpeg_with_only_a_signature_is_corrupt() -> None:
    assert _codes(b"\xff\xd8\xff\xe0" + bytes(30_000))["corrupt_image"] == "fail"


def test_decompression_bomb_is_refused_before_decoding() -> None:
    bomb = cases.patched_frame_size(cases.good_jpeg(), 60_000, 60_000)
    report = check_photo(bomb)
    assert {"corrupt_image", "too_many_pixels"} <= set(report.codes)
    assert report.verdict == "fail"


def test_pillow_bomb_warning_becomes_corrupt_image_without_leaking() -> None:
    # Over Pillow's own limit (89.5 MP) but under caps raised by the caller: Pillow's
    # DecompressionBombWarning must be turned into a refusal, for this call only.
    bomb = cases.patched_frame_size(cases.good_jpeg(), 12_000, 9_000)
    filters_before = list(warnings.filters)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codes = _codes(bomb, PhotoRules(max_pixels=500_000_000, max_side_px=20_000))
    assert codes["corrupt_image"] == "fail"
    assert not [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)]
    assert warnings.filters == filters_before


def test_declared_size_over_the_cap_is_corrupt_even_if_sides_are_legal() -> None:
    data = cases.patched_frame_size(cases.good_jpeg(), 5000, 5000)
    assert _codes(data, PhotoRules(max_pixels=20_000_000))["corrupt_image"] == "fail"


def test_large_photo_is_never_fully_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    data = jpeg(good_photo((2400, 3200)))
    decoded_sizes: list[tuple[int, int]] = []
    original_load = ImageFile.ImageFile.load

    def spy(self: ImageFile.ImageFile):  # type: ignore[no-untyped-def]
        decoded_sizes.append(self.size)
        return original_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    report = check_photo(data)
    assert report.measures.width == 2400
    assert report.face is not None
    assert decoded_sizes and max(max(s) for s in decoded_sizes) <= 3200 // 2
