"""PDFs for NHI: the resident's copy of exactly what was signed (with the signed JSON, the
signature and the certificate attached inside the PDF), and the office's notice to the head of
household (資格情報のお知らせ or 資格確認書). Japanese official labels with English beside them;
Debian's IPAex Gothic embedded as a subset so they print the same everywhere."""

from __future__ import annotations

import base64
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

FONT = "IPAexGothic"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
)
SEX = {"female": "女 Female", "male": "男 Male"}
RELATIONSHIP = {
    "head": "世帯主 Head",
    "spouse": "妻・夫 Spouse",
    "child": "子 Child",
    "parent": "父・母 Parent",
    "other": "その他 Other",
}
NOTICE_TITLES = {
    "notice": "国民健康保険 資格情報のお知らせ / Notice of qualification information",
    "certificate": "国民健康保険 資格確認書 / Qualification certificate",
}


def font_path() -> Path:
    for path in FONT_CANDIDATES:
        if path.exists():
            return path
    raise FileNotFoundError("IPAex Gothic not found: install Debian's fonts-ipaexfont")


def _new_pdf(title: str, when: datetime) -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(title)
    pdf.set_creator("myna-guide")
    pdf.set_creation_date(when)
    pdf.add_font(FONT, fname=str(font_path()))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, size=15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, size=12)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")


def _row(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_font(FONT, size=8)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 4, label, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    pdf.set_text_color(0, 0, 0)
    pdf.multi_cell(0, 5.5, value or "—", border="B", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _document_rows(pdf: FPDF, doc: dict[str, Any]) -> None:
    applicant, head = doc["applicant"], doc["head_of_household"]
    _heading(pdf, "届出人 Applicant")
    _row(pdf, "氏名 Name", applicant["name"])
    _row(pdf, "生年月日 Date of birth", applicant["birth_date"])
    _row(pdf, "続柄 Relationship", RELATIONSHIP.get(applicant["relationship_to_head"], ""))
    _row(pdf, "電話番号 Phone / メール Email", f"{applicant['phone']}  {applicant['email']}")
    _heading(pdf, "世帯主 Head of household")
    _row(pdf, "氏名 (フリガナ) Name", f"{head['name']} ({head['name_kana']})")
    _row(pdf, "生年月日 Date of birth", head["birth_date"])
    _heading(pdf, "加入する人 People joining")
    for number, person in enumerate(doc["people"], start=1):
        _row(
            pdf,
            f"{number}. 氏名 (フリガナ) / 生年月日 / 性別 / 続柄 / マイナ保険証",
            f"{person['name']} ({person['name_kana']}) / {person['birth_date']} / "
            f"{SEX.get(person['sex'], '')} / {RELATIONSHIP.get(person['relationship_to_head'], '')}"
            f" / {person['myna_hokensho']}",
        )
    insurance = doc["previous_insurance"]
    _heading(pdf, "以前の健康保険 Previous insurance")
    _row(pdf, "資格喪失日 Date of loss", insurance["loss_date"])
    _row(pdf, "保険者 Insurer", f"{insurance['insurer_name']} ({insurance['insurer_type']})")
    _row(pdf, "記号・番号 Symbol and number", insurance["symbol_number"])
    _row(pdf, "資格取得日 NHI from", doc["qualification_date"])
    _heading(pdf, "添付書類 Attachments (SHA-256)")
    for item in doc["attachments"]:
        _row(pdf, f"{item['file_name']} ({item['media_type']}, {item['size']} B)", item["sha256"])
    _row(pdf, "申告 Declaration", "はい Yes" if doc["declaration"] else "いいえ No")


def copy_pdf(
    doc: dict[str, Any], document: bytes, package: dict[str, Any], *, reference: str
) -> bytes:
    """A copy of what was signed: the document's content, the signature details, and the
    exact signed bytes, signature and certificate attached inside the PDF."""
    signed_at = datetime.fromisoformat(package["signed_at"])
    pdf = _new_pdf("国民健康保険 加入届 控え / Copy of your NHI enrolment", signed_at)
    _row(pdf, "受付番号 Reference", reference)
    _row(pdf, "署名日時 Signed", signed_at.strftime("%Y-%m-%d %H:%M UTC"))
    _document_rows(pdf, doc)
    _heading(pdf, "電子署名 Electronic signature")
    _row(pdf, "署名者 Signer (署名用電子証明書)", package["signer"]["name"])
    _row(pdf, "発行者 Certificate issuer", package["issuer"])
    _row(pdf, "シリアル番号 Certificate serial", package["serial"])
    _row(pdf, "有効期限 Certificate valid until", package["not_after"])
    _row(pdf, "方式 Algorithm", f"{package['signature_alg']} / {package['hash_alg']}")
    _row(pdf, "署名対象 SHA-256 of the signed document", package["digest"])
    pdf.set_font(FONT, size=8)
    pdf.multi_cell(
        0,
        4,
        "署名された文書（JSON）、署名値、証明書をこのPDFに添付しています。"
        "The signed document (JSON), the signature and the certificate are attached to this PDF.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for name, data in (
        (f"{reference}.json", document),
        (f"{reference}.sig", base64.b64decode(package["signature"])),
        (f"{reference}.cer", base64.b64decode(package["certificate"])),
    ):
        pdf.embed_file(bytes=data, basename=name, modification_date=signed_at)
    return bytes(pdf.output())


def notice_pdf(
    doc: dict[str, Any],
    *,
    kind: str,
    reference: str,
    address: str,
    qualification_date: date,
    issued_at: datetime,
) -> bytes:
    """The notice the office posts to the head of household (procedures.md 3.5 and 4.5)."""
    pdf = _new_pdf(NOTICE_TITLES[kind], issued_at)
    head = doc["head_of_household"]
    pdf.set_font(FONT, size=11)
    pdf.multi_cell(0, 6, f"〒 {address}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=14)
    pdf.multi_cell(0, 9, f"{head['name']} 様", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _row(pdf, "保険者 Insurer", "横浜市 Yokohama City")
    _row(pdf, "交付日 Issued", issued_at.date().isoformat())
    _row(pdf, "受付番号 Reference", reference)
    _row(pdf, "資格取得日 Qualification date", qualification_date.isoformat())
    _heading(pdf, "被保険者 Insured people")
    for number, person in enumerate(doc["people"], start=1):
        _row(
            pdf,
            f"{number}. 氏名 (フリガナ) / 生年月日 / 性別",
            f"{person['name']} ({person['name_kana']}) / {person['birth_date']} / "
            f"{SEX.get(person['sex'], '')}",
        )
    pdf.ln(2)
    pdf.set_font(FONT, size=9)
    if kind == "notice":
        text = (
            "このお知らせだけでは受診できません。マイナ保険証（マイナンバーカード）と一緒に"
            "提示してください。 This notice alone is not valid: show it with your My Number "
            "Card when the clinic's reader cannot confirm your insurance."
        )
    else:
        text = (
            "医療機関でこの資格確認書を提示してください。 Show this certificate at clinics "
            "like a health insurance card. Its validity is set by the insurer."
        )
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
