"""The one way a PDF is made: A4, Debian's IPAex Gothic embedded as a subset (so the PDF
prints the same everywhere), a title, headings and bilingual rows.

Text is bilingual (the Japanese official label, English beside it) whatever the page
language, because the Japanese is what the official forms and the office use. The card
application's copy and mail form (`application_pdf.py`) and the NHI copy and notice
(`nhi_pdf.py`) are drawn with these, so they look alike.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fpdf import FPDF

FONT = "IPAexGothic"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
)
TITLE_SIZE, HEADING_SIZE, LABEL_SIZE, VALUE_SIZE, NOTE_SIZE = 15, 12, 8, 11, 9
GREY = (80, 80, 80)


def font_path() -> Path:
    """IPAex Gothic (installed by `scripts/system-deps.sh`, Debian's fonts-ipaexfont)."""
    for path in FONT_CANDIDATES:
        if path.exists():
            return path
    raise FileNotFoundError("IPAex Gothic not found: install Debian's fonts-ipaexfont")


def new_document(title: str, *, created: datetime | None = None) -> FPDF:
    """A new A4 document with the Japanese font and `title` at the top of its first page.

    `created` fixes the creation date (a signed copy carries the signing time)."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(title)
    pdf.set_creator("myna-guide")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.add_font(FONT, fname=str(font_path()))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, size=TITLE_SIZE)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    return pdf


def heading(pdf: FPDF, ja: str, en: str) -> None:
    """A section heading: "届出人 Applicant"."""
    pdf.ln(2)
    pdf.set_font(FONT, size=HEADING_SIZE)
    pdf.multi_cell(0, 7, f"{ja} {en}", new_x="LMARGIN", new_y="NEXT")


def row(pdf: FPDF, ja: str, en: str, value: str) -> None:
    """A grey bilingual label ("受付番号  Reference") over its value, underlined; "—" when
    there is no value."""
    pdf.set_font(FONT, size=LABEL_SIZE)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4.5, f"{ja}  {en}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=VALUE_SIZE)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(0, 6, value or "—", border="B", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def note(pdf: FPDF, text: str, *, width: float = 0) -> None:
    """A paragraph of small print (instructions, what is attached)."""
    pdf.set_font(FONT, size=NOTE_SIZE)
    pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
