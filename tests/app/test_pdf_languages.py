"""The documents in each script (issue 17): the resident's language beside the Japanese,
drawn in the font made for its script, shaped (Nepali's conjuncts), nothing dropped.

A glyph no embedded font has is left out of the PDF's text (HarfBuzz gives it the .notdef
glyph, which maps to no character), so reading the text back is the check that every
character was drawn. Each test uses a catalogue built here (`pdf_catalogue`), so it does not
wait for the translators."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from app.domain.application import CardApplicationAnswers
from app.services import application_pdf, pdf
from tests.app.pdf_catalogue import use_catalogue

ANSWERS = CardApplicationAnswers(
    route="online",
    application_id="123456789012345678901234",
    contact_name="Nguyễn Thị Hoa",
    email="hoa@example.jp",
    certificates="both",
    braille="no",
)


def _copy(language: str, answers: CardApplicationAnswers = ANSWERS) -> PdfReader:
    body = application_pdf.copy_pdf(
        answers,
        reference="MG-TEST-0001",
        sent_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        language=language,
    )
    return PdfReader(io.BytesIO(body))


def _text(reader: PdfReader) -> str:
    """The text without whitespace: pypdf spaces CJK glyphs apart by their widths, and reads
    a space HarfBuzz shaped in Noto Sans Devanagari as a control character."""
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\s\x00-\x1f]+", "", text)


def _fonts(reader: PdfReader) -> dict[str, str]:
    """Embedded font name (without the subset prefix) -> its ToUnicode map."""
    fonts = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        name = str(font["/BaseFont"]).split("+")[-1]
        fonts[name] = font["/ToUnicode"].get_object().get_data().decode()
    return fonts


@pytest.mark.parametrize(
    ("language", "reference", "font"),
    [
        ("ko", "접수 번호", "NanumGothic"),
        ("zh-Hans", "受理编号", "ARPLUMingCN"),
        ("zh-Hant", "受理編號", "ARPLUMingTW"),
        ("th", "หมายเลขอ้างอิง", "NotoSansThai"),
        ("ne", "सन्दर्भ सङ्ख्या", "NotoSansDevanagari"),
        ("vi", "Số tham chiếu", "NotoSans"),
    ],
)
def test_the_copy_prints_the_language_beside_the_japanese_in_its_scripts_font(
    monkeypatch: pytest.MonkeyPatch, language: str, reference: str, font: str
) -> None:
    # Translations keep the official Japanese term beside theirs (issue 17).
    label = f"{reference} (申請書ID)"
    use_catalogue(
        monkeypatch,
        {"Reference": reference, "Yes, both certificates": reference, "Application form ID": label},
    )
    reader = _copy(language)
    text = _text(reader)
    assert "受付番号" + reference.replace(" ", "") in text  # the label: Japanese, then beside
    assert "申請書ID" + label.replace(" ", "") in text
    assert "署名用・利用者証明用の両方を希望/" + reference.replace(" ", "") in text  # a choice
    assert "NguyễnThịHoa" in text and "MG-TEST-0001" in text
    assert any(name.startswith(font) for name in _fonts(reader))


def test_nepali_conjuncts_are_shaped_into_one_glyph(monkeypatch: pytest.MonkeyPatch) -> None:
    """क्ष is one glyph (HarfBuzz), not क, a virama and ष side by side."""
    use_catalogue(monkeypatch, {"Reference": "सन्दर्भ क्षेत्र"})
    cmap = next(m for name, m in _fonts(_copy("ne")).items() if "Devanagari" in name)
    assert re.search(r"<[0-9A-F]{4}> <0915094D0937>", cmap), cmap  # one glyph -> क्ष


def test_a_name_in_another_script_falls_back_to_a_font_that_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_catalogue(monkeypatch, {"Reference": "หมายเลขอ้างอิง"})
    for name in ("김민준", "राम शर्मा", "陈伟", "Trần Văn Đức"):
        answers = CardApplicationAnswers(route="online", contact_name=name)
        assert name.replace(" ", "") in _text(_copy("th", answers))


def test_japanese_and_english_pages_keep_the_english_beside_the_japanese() -> None:
    for language in ("ja", "en"):
        text = _text(_copy(language))
        assert "受付番号Reference" in text and "/Yes,bothcertificates" in text


def test_easy_japanese_prints_each_reading_in_brackets(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF cannot carry ruby: 受付(うけつけ) keeps the reading beside the kanji."""
    use_catalogue(monkeypatch, {"Reference": "｜受付《うけつけ》の｜番号《ばんごう》"})
    assert "受付番号受付(うけつけ)の番号(ばんごう)" in _text(_copy("ja-x-easy"))


def test_a_missing_font_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = pdf.FontFile("NotoSansThai", "fonts-noto-core", (pdf.NOTO / "missing.ttf",))
    monkeypatch.setitem(pdf.LANGUAGE_FONTS, "th", gone)
    with pytest.raises(FileNotFoundError, match="install Debian's fonts-noto-core"):
        _copy("th")
