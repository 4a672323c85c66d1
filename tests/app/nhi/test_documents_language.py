"""The NHI documents in the resident's language (issue 17): the copy they download, and the
notice the office issues later from its Japanese pages, print the language the resident sent
the enrolment in beside the Japanese."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.storage.models import NhiEnrolment, User
from tests.app.nhi import helpers
from tests.app.pdf_catalogue import use_catalogue
from tests.helpers.client import PageClient

VIETNAMESE = {
    "Reference": "Số tham chiếu",
    "Insurer number": "Số hiệu công ty bảo hiểm",
    "Male": "Nam",
    "Copy of your NHI enrolment": "Bản sao đơn đăng ký NHI",
}
ACCEPT = {
    "qualification_date-year": "2026",
    "qualification_date-month": "4",
    "qualification_date-day": "1",
    "insurer_number": "138012",
    "symbol_number": "横浜鶴 1234567",
}


def _text(data: bytes) -> str:
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _sent_in(client: PageClient, language: str) -> str:
    """Sent in `language` (the pages before it in English: their checks need a complete
    catalogue, and the one of this language is the translators')."""
    client.get_page("/nhi/?lang=en")
    helpers.answer_eligibility(client)
    helpers.fill_application(client)
    return str(helpers.sign(client, lang=language).headers["Location"].split("/")[3])


def _staff(app: Flask) -> PageClient:
    staff = PageClient(app)
    staff.sign_up("Clerk")
    with app.app_context():
        clerk = db.session.scalars(select(User).order_by(User.created_at.desc())).first()
        clerk.is_staff = True
        db.session.commit()
    staff.get_page("/office/nhi/?lang=ja")  # the staff's own pages stay Japanese
    return staff


def test_the_copy_and_the_notice_carry_the_residents_language(
    app: Flask, signed_in: PageClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_catalogue(monkeypatch, VIETNAMESE)
    enrolment = _sent_in(signed_in, "vi")
    copy = signed_in.get(f"/nhi/enrolments/{enrolment}/copy.pdf?lang=vi")
    text = _text(copy.data)
    assert "国民健康保険 加入届 控え / Bản sao đơn đăng ký NHI" in text
    assert "受付番号 Số tham chiếu" in text and "男 / Nam" in text

    staff = _staff(app)
    with app.app_context():
        assert db.session.get(NhiEnrolment, enrolment).language == "vi"
    assert staff.post(f"/office/nhi/{enrolment}/review").status_code == 303
    assert staff.post(f"/office/nhi/{enrolment}/accept", ACCEPT).status_code == 303
    page = staff.get_page(f"/office/nhi/{enrolment}")
    notice = _text(staff.get(page.select_one("#nhi-notice")["href"]).data)
    assert "保険者番号 Số hiệu công ty bảo hiểm 138012" in notice
    assert "男 / Nam" in notice and "Insurer number" not in notice
    status = signed_in.get_page(f"/nhi/enrolments/{enrolment}?lang=en")
    copy_of_notice = signed_in.get(status.select_one("a[href$='/notice.pdf']")["href"])
    assert _text(copy_of_notice.data) == notice  # the resident's copy is what was issued
    assert staff.get(f"/nhi/enrolments/{enrolment}/notice.pdf").status_code == 404  # theirs


def test_the_offices_japanese_message_is_marked_japanese_on_the_residents_pages(
    app: Flask, signed_in: PageClient
) -> None:
    enrolment = _sent_in(signed_in, "vi")
    message = "健康保険の資格喪失証明書を添付してください。"
    staff = _staff(app)
    assert (
        staff.post(f"/office/nhi/{enrolment}/correction", {"message": message}).status_code == 303
    )
    status = signed_in.get_page(f"/nhi/enrolments/{enrolment}?lang=en")
    shown = status.select_one(".nhi-message")
    assert shown.get_text() == message and shown["lang"] == "ja"
