"""The one way a PDF is made: A4, Debian's fonts embedded as subsets (so the PDF prints the
same everywhere), a title, headings, bilingual rows and notes.

Each text is the Japanese official one with the resident's language beside it
(`pdf_language.beside`: English on Japanese and English pages, otherwise the page's
language), because the Japanese is what the official forms and the office use. The card
application's copy and mail form (`application_pdf.py`) and the NHI copy and notice
(`nhi_pdf.py`) are drawn with these, so they look alike.

Fonts (issue 17): the Japanese is IPAex Gothic; the text beside it is in the font made for its
script (Noto Sans for Latin and Vietnamese, Noto Sans Thai, Noto Sans Devanagari, Nanum Gothic
for Hangul, AR PL UMing in its Simplified or Traditional Chinese face); any character a font
lacks (a name typed in Hangul on a Thai document) falls back to the others. HarfBuzz shapes the text
(`uharfbuzz`), which Thai marks and Nepali's conjuncts need.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

from app.services.pdf_language import beside, document_language

TITLE_SIZE, HEADING_SIZE, LABEL_SIZE, VALUE_SIZE, NOTE_SIZE = 15, 12, 8, 11, 9
GREY = (80, 80, 80)
NOTO = Path("/usr/share/fonts/truetype/noto")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
# fontTools warns of every table it cannot subset (AR PL UMing's bitmaps) on every PDF; the
# tables are dropped and the outlines kept, so the warnings say nothing to act on.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


@dataclass(frozen=True)
class FontFile:
    """A font of a Debian package: where it may be, and which face of a collection."""

    family: str
    package: str
    candidates: tuple[Path, ...]
    face: int = 0  # the face in a .ttc collection


JAPANESE = FontFile(
    "IPAexGothic",
    "fonts-ipaexfont",
    (
        Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
        Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
    ),
)
LATIN = FontFile("NotoSans", "fonts-noto-core", (NOTO / "NotoSans-Regular.ttf",))
THAI = FontFile("NotoSansThai", "fonts-noto-core", (NOTO / "NotoSansThai-Regular.ttf",))
DEVANAGARI = FontFile(
    "NotoSansDevanagari", "fonts-noto-core", (NOTO / "NotoSansDevanagari-Regular.ttf",)
)
KOREAN = FontFile(
    "NanumGothic", "fonts-nanum", (Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),)
)
# AR PL UMing's faces in the collection: 0 CN, 2 TW; each has the glyph shapes its region
# expects. (Noto Sans CJK is CFF, which fpdf2 embeds with an encoding CMap that text
# extraction cannot read; these are TrueType, embedded like IPAex Gothic.)
SIMPLIFIED_CHINESE = FontFile("ARPLUMingCN", "fonts-arphic-uming", (UMING,), 0)
TRADITIONAL_CHINESE = FontFile("ARPLUMingTW", "fonts-arphic-uming", (UMING,), 2)
FONT = JAPANESE.family

# The font of the text beside the Japanese, per site language (the others, and the English
# beside a Japanese page's documents: LATIN).
LANGUAGE_FONTS = {
    "ja-x-easy": JAPANESE,
    "ko": KOREAN,
    "zh-Hans": SIMPLIFIED_CHINESE,
    "zh-Hant": TRADITIONAL_CHINESE,
    "th": THAI,
    "ne": DEVANAGARI,
}


def font_path(font: FontFile = JAPANESE) -> Path:
    """The font's file (installed by `scripts/system-deps.sh`), or an error naming the package."""
    for path in font.candidates:
        if path.exists():
            return path
    raise FileNotFoundError(f"{font.family} not found: install Debian's {font.package}")


@cache
def characters(font: FontFile) -> frozenset[int]:
    """The code points `font` has a glyph for (its cmap only: quick, read once)."""
    with TTFont(font_path(font), fontNumber=font.face, lazy=True) as parsed:
        return frozenset(parsed.getBestCmap())


class Document(FPDF):
    """An A4 document in `language`: Japanese, with that language beside it.

    The Japanese font and the language's are loaded at once; the fallbacks only when a text
    needs one (`normalize_text` sees every text before fpdf2 picks its fonts), because
    parsing a CJK font costs a tenth of a second per document."""

    def __init__(self, language: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.language = document_language(language)
        self.beside_font = LANGUAGE_FONTS.get(self.language, LATIN)
        chinese = self.beside_font if self.language == "zh-Hant" else SIMPLIFIED_CHINESE
        self.loaded: list[FontFile] = []
        self.fallbacks = [LATIN, THAI, DEVANAGARI, KOREAN, chinese]
        self.covered: set[int] = set()
        for font in dict.fromkeys((JAPANESE, self.beside_font)):
            self._load(font)
        self.set_text_shaping(True)

    def _load(self, font: FontFile) -> None:
        self.add_font(font.family, fname=str(font_path(font)), collection_font_number=font.face)
        self.loaded.append(font)
        self.covered |= characters(font)
        # Japanese first: translations keep the official Japanese terms ("(資格確認書)").
        self.set_fallback_fonts([f.family for f in self.loaded])

    def normalize_text(self, text: str) -> str:
        """Load the fallback fonts `text` needs before fpdf2 splits it among the fonts."""
        missing = {ord(c) for c in text} - self.covered
        for font in self.fallbacks:
            if missing and font not in self.loaded and missing & characters(font):
                self._load(font)
                missing -= self.covered
        return super().normalize_text(text)

    def beside(self, english: str) -> str:
        """`english` (a message id) in this document's language."""
        return beside(self.language, english)

    def pair(self, ja: str, english: str, *, sep: str = "  ") -> str:
        """The Japanese and the translation as one text ("受付番号  Reference"), for places
        with one font (a value, the PDF's title)."""
        return f"{ja}{sep}{self.beside(english)}"

    def bilingual(self, ja: str, english: str, *, size: float, height: float) -> None:
        """One line (wrapped when long) of the Japanese, then the translation in its font."""
        self.set_font(FONT, size=size)
        self.write(height, f"{ja}  ")
        self.set_font(self.beside_font.family, size=size)
        self.write(height, self.beside(english))
        self.ln(height)


def new_document(
    ja: str, english: str, *, language: str, created: datetime | None = None
) -> Document:
    """A new document in `language` with the title "ja / translation" on its first page.

    `created` fixes the creation date (a signed copy carries the signing time)."""
    pdf = Document(language)
    pdf.set_title(pdf.pair(ja, english, sep=" / "))
    pdf.set_creator("myna-guide")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, size=TITLE_SIZE)
    pdf.multi_cell(0, 8, f"{ja} /", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.beside_font.family, size=TITLE_SIZE)
    pdf.multi_cell(0, 8, pdf.beside(english), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    return pdf


def heading(pdf: Document, ja: str, english: str) -> None:
    """A section heading: "届出人  Applicant"."""
    pdf.ln(2)
    pdf.bilingual(ja, english, size=HEADING_SIZE, height=7)


def row(pdf: Document, ja: str, english: str, value: str) -> None:
    """A grey bilingual label ("受付番号  Reference") over its value, underlined; "—" when
    there is no value."""
    pdf.set_text_color(*GREY)
    pdf.bilingual(ja, english, size=LABEL_SIZE, height=4.5)
    pdf.set_font(FONT, size=VALUE_SIZE)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(0, 6, value or "—", border="B", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def note(pdf: Document, ja: str, english: str = "", *, width: float = 0) -> None:
    """A paragraph of small print (instructions, what is attached) where the cursor is: the
    Japanese, then its translation as a paragraph of its own in its own font."""
    pdf.set_font(FONT, size=NOTE_SIZE)
    pdf.multi_cell(width, 5, ja, new_x="LEFT", new_y="NEXT")
    if english:
        pdf.set_font(pdf.beside_font.family, size=NOTE_SIZE)
        pdf.multi_cell(width, 5, pdf.beside(english), new_x="LEFT", new_y="NEXT")
