"""PDFs of an application: a copy of what was sent, and the filled-in handwritten form for post.

Drawn with `services/pdf.py` (A4, the embedded Japanese font, bilingual rows): the Japanese
official label with English beside it, whatever the page language. Both read the typed answers
(`CardApplicationAnswers`), so a row and the step that asks for it use one name.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from fpdf import FPDF
from PIL import Image

from app.domain.application import CardApplicationAnswers
from app.domain.application_id import grouped
from app.labels import apply as labels
from app.labels import printed
from app.services.pdf import (
    FONT,
    GREY,
    LABEL_SIZE,
    VALUE_SIZE,
    heading,
    new_document,
    note,
    row,
)

PHOTO_W, PHOTO_H = 35.0, 45.0  # mm, the printed ID photo


def _birth(answers: CardApplicationAnswers) -> str:
    day = answers.born_on
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日 ({day.isoformat()})"


def _photo_box(pdf: FPDF, x: float, y: float, photo: bytes | None, crop: Any) -> None:
    """A 35 × 45 mm box with cutting marks at its corners; the photo inside when there is one."""
    if photo is not None:
        pdf.image(_cropped(photo, crop), x=x, y=y, w=PHOTO_W, h=PHOTO_H)
    else:
        pdf.set_draw_color(120, 120, 120)
        pdf.rect(x, y, PHOTO_W, PHOTO_H)
        pdf.set_xy(x + 2, y + PHOTO_H / 2 - 6)
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(PHOTO_W - 4, 4, "写真を貼る\nPaste photo\n縦4.5×横3.5cm", align="C")
    pdf.set_draw_color(0, 0, 0)
    mark, gap = 5.0, 1.5
    for cx in (x, x + PHOTO_W):
        for cy in (y, y + PHOTO_H):
            dx = -1 if cx == x else 1
            dy = -1 if cy == y else 1
            pdf.line(cx + dx * gap, cy, cx + dx * (gap + mark), cy)
            pdf.line(cx, cy + dy * gap, cx, cy + dy * (gap + mark))


def _cropped(photo: bytes, crop: Any) -> io.BytesIO:
    """The 35:45 frame the checker found (a print, like a photo shop's), or the whole photo."""
    with Image.open(io.BytesIO(photo), formats=("JPEG",)) as image:
        picture = image.convert("RGB")
        if crop:
            x, y, w, h = crop
            picture = picture.crop((x, y, x + w, y + h))
        picture.thumbnail((700, 900))
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=90)
    out.seek(0)
    return out


def copy_pdf(
    answers: CardApplicationAnswers,
    *,
    reference: str,
    sent_at: datetime,
    photo: bytes | None = None,
    crop: Any = None,
) -> bytes:
    """A record of an online application as it was sent."""
    pdf = new_document("マイナンバーカード交付申請 控え / Copy of your card application")
    row(pdf, "受付番号", "Reference", reference)
    row(pdf, "送信日時", "Sent", sent_at.strftime("%Y-%m-%d %H:%M UTC"))
    row(pdf, "申請方法", "Route", printed(labels.ROUTES, answers.route))
    row(pdf, "申請書ID", "Application form ID", grouped(answers.application_id))
    row(pdf, "メール連絡用氏名", "Name for email contact", answers.contact_name)
    row(pdf, "メールアドレス", "Email address", answers.email)
    row(pdf, "生年月日", "Date of birth", _birth(answers))
    row(pdf, "電子証明書", "Certificates", printed(labels.CERTIFICATES, answers.certificates))
    row(pdf, "氏名の点字表記", "Name in Braille", printed(labels.BRAILLE, answers.braille))
    if photo is not None:
        heading(pdf, "顔写真", "Photo")
        _photo_box(pdf, pdf.l_margin + 6, pdf.get_y() + 6, photo, crop)
    return bytes(pdf.output())


def mail_form_pdf(
    answers: CardApplicationAnswers, *, today: date, photo: bytes | None = None, crop: Any = None
) -> bytes:
    """What to copy onto the handwritten application form, filled in, with a photo to cut out."""
    pdf = new_document(
        "個人番号カード交付申請書（手書き用）記入内容 / Handwritten application form"
    )
    note(
        pdf,
        "この内容を交付申請書に書き写し、署名して郵送してください。"
        "Copy these answers onto the official form, sign it and post it.",
    )
    pdf.ln(3)
    top = pdf.get_y()
    pdf.set_right_margin(pdf.w - pdf.l_margin - 120)
    row(pdf, "氏名", "Full name", answers.full_name)
    row(pdf, "住所", "Address", answers.address)
    row(pdf, "生年月日", "Date of birth", _birth(answers))
    row(pdf, "電話番号", "Phone number", answers.phone)
    _certificate_boxes(pdf, answers.certificates)
    row(pdf, "氏名の点字表記", "Name in Braille", printed(labels.BRAILLE, answers.braille))
    row(pdf, "申請日", "Date of application", f"{today.year}年{today.month}月{today.day}日")
    row(pdf, "申請者署名（自署）", "Signature (sign by hand)", " ")
    pdf.set_right_margin(10)
    _photo_box(pdf, pdf.l_margin + 135, top + 8, photo, crop)
    pdf.set_xy(pdf.l_margin + 130, top + PHOTO_H + 18)
    pdf.set_font(FONT, size=8)
    pdf.multi_cell(
        50, 4, "裏面に氏名と生年月日を書く\nWrite your name and date of birth on the back"
    )
    return bytes(pdf.output())


def _certificate_boxes(pdf: FPDF, choice: str) -> None:
    """The form asks you to blacken the box of each certificate you do NOT want."""
    refuse_signature = choice in ("user_only", "none")
    refuse_user = choice == "none"
    pdf.set_font(FONT, size=LABEL_SIZE)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, "電子証明書  Certificates (blacken = not wanted)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, size=VALUE_SIZE)
    for refused, text in (
        (refuse_signature, "署名用電子証明書の発行を希望しません  No signature certificate"),
        (refuse_user, "利用者証明用電子証明書の発行を希望しません  No user certificate"),
    ):
        pdf.cell(0, 7, ("■ " if refused else "□ ") + text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
