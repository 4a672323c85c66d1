"""PDFs of an application: a copy of what was sent, and the filled-in handwritten form for post.

Drawn with `services/pdf.py` (A4, embedded fonts, bilingual rows): the Japanese official label
with the resident's language beside it (English on Japanese and English pages). Both read the
typed answers (`CardApplicationAnswers`), so a row and the step that asks for it use one name.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from PIL import Image

from app.domain.application import CardApplicationAnswers
from app.domain.application_id import grouped
from app.domain.message_ids import N_
from app.labels import apply as labels
from app.labels import printed
from app.services.pdf import (
    FONT,
    GREY,
    LABEL_SIZE,
    VALUE_SIZE,
    Document,
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


def _photo_box(pdf: Document, x: float, y: float, photo: bytes | None, crop: Any) -> None:
    """A 35 × 45 mm box with cutting marks at its corners; the photo inside when there is one."""
    if photo is not None:
        pdf.image(_cropped(photo, crop), x=x, y=y, w=PHOTO_W, h=PHOTO_H)
    else:
        pdf.set_draw_color(120, 120, 120)
        pdf.rect(x, y, PHOTO_W, PHOTO_H)
        pdf.set_xy(x + 2, y + PHOTO_H / 2 - 6)
        pdf.set_font(FONT, size=8)
        pdf.multi_cell(PHOTO_W - 4, 4, "写真を貼る\n縦4.5×横3.5cm", align="C")
        pdf.set_x(x + 2)
        pdf.set_font(pdf.beside_font.family, size=8)
        pdf.multi_cell(PHOTO_W - 4, 4, pdf.beside(N_("Paste photo")), align="C")
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
    language: str,
    photo: bytes | None = None,
    crop: Any = None,
) -> bytes:
    """A record of an online application as it was sent, with `language` beside the Japanese."""
    pdf = new_document(
        "マイナンバーカード交付申請 控え", N_("Copy of your card application"), language=language
    )
    row(pdf, "受付番号", N_("Reference"), reference)
    row(pdf, "送信日時", N_("Sent"), sent_at.strftime("%Y-%m-%d %H:%M UTC"))
    row(pdf, "申請方法", N_("Route"), printed(labels.ROUTES, answers.route, pdf.beside))
    row(pdf, "申請書ID", N_("Application form ID"), grouped(answers.application_id))
    row(pdf, "メール連絡用氏名", N_("Name for email contact"), answers.contact_name)
    row(pdf, "メールアドレス", N_("Email address"), answers.email)
    row(pdf, "生年月日", N_("Date of birth"), _birth(answers))
    certificates = printed(labels.CERTIFICATES, answers.certificates, pdf.beside)
    row(pdf, "電子証明書", N_("Certificates"), certificates)
    row(
        pdf,
        "氏名の点字表記",
        N_("Name in Braille"),
        printed(labels.BRAILLE, answers.braille, pdf.beside),
    )
    if photo is not None:
        heading(pdf, "顔写真", N_("Photo"))
        _photo_box(pdf, pdf.l_margin + 6, pdf.get_y() + 6, photo, crop)
    return bytes(pdf.output())


def mail_form_pdf(
    answers: CardApplicationAnswers,
    *,
    today: date,
    language: str,
    photo: bytes | None = None,
    crop: Any = None,
) -> bytes:
    """What to copy onto the handwritten application form, filled in, with a photo to cut out.

    The form is Japanese (J-LIS's layout): its labels and the answers stay as the form has
    them, with `language` beside the labels so the resident knows what each one is."""
    pdf = new_document(
        "個人番号カード交付申請書（手書き用）記入内容",
        N_("Handwritten application form"),
        language=language,
    )
    note(
        pdf,
        "この内容を交付申請書に書き写し、署名して郵送してください。",
        N_("Copy these answers onto the official form, sign it and post it."),
    )
    # S3:71: the handwritten form needs the My Number written in; this guide never asks for it.
    note(
        pdf,
        "手書き用の交付申請書には、個人番号（マイナンバー12桁）を必ずご自身で記入してください。"
        "この用紙には印字していません。",
        N_(
            "On the handwritten form you must write your 12-digit Individual Number "
            "(My Number) yourself. We do not print it."
        ),
    )
    pdf.ln(3)
    top = pdf.get_y()
    pdf.set_right_margin(pdf.w - pdf.l_margin - 120)
    row(pdf, "氏名", N_("Full name"), answers.full_name)
    row(pdf, "住所", N_("Address"), answers.address)
    row(pdf, "生年月日", N_("Date of birth"), _birth(answers))
    row(pdf, "電話番号", N_("Phone number"), answers.phone)
    by_hand = pdf.pair("手書きで記入", N_("write by hand"), sep=" / ")
    row(pdf, "個人番号（12桁）", N_("Individual Number (12 digits)"), by_hand)
    _certificate_boxes(pdf, answers.certificates)
    row(
        pdf,
        "氏名の点字表記",
        N_("Name in Braille"),
        printed(labels.BRAILLE, answers.braille, pdf.beside),
    )
    row(pdf, "申請日", N_("Date of application"), f"{today.year}年{today.month}月{today.day}日")
    row(pdf, "申請者署名（自署）", N_("Signature (sign by hand)"), " ")
    pdf.set_right_margin(10)
    _photo_box(pdf, pdf.l_margin + 135, top + 8, photo, crop)
    pdf.set_xy(pdf.l_margin + 130, top + PHOTO_H + 18)
    note(
        pdf,
        "裏面に氏名と生年月日を書く",
        N_("Write your name and date of birth on the back"),
        width=50,
    )
    return bytes(pdf.output())


def _certificate_boxes(pdf: Document, choice: str) -> None:
    """The form asks you to blacken the box of each certificate you do NOT want."""
    refuse_signature = choice in ("user_only", "none")
    refuse_user = choice == "none"
    pdf.set_text_color(*GREY)
    pdf.bilingual(
        "電子証明書", N_("Certificates (blacken = not wanted)"), size=LABEL_SIZE, height=5
    )
    pdf.set_text_color(0, 0, 0)
    for refused, ja, english in (
        (refuse_signature, "署名用電子証明書の発行を希望しません", N_("No signature certificate")),
        (refuse_user, "利用者証明用電子証明書の発行を希望しません", N_("No user certificate")),
    ):
        box = "■ " if refused else "□ "
        pdf.bilingual(box + ja, english, size=VALUE_SIZE, height=7)
    pdf.ln(2)
