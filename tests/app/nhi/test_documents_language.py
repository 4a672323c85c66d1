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


def test_the_copy_and_the_notice_carry_the_residents_language(
    app: Flask, signed_in: PageClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_catalogue(monkeypatch, VIETNAMESE)
    signed_in.get_page("/nhi/?lang=vi")  # the resident reads Vietnamese
    helpers.answer_eligibility(signed_in)
    helpers.fill_application(signed_in)
    sent = helpers.sign(signed_in)
    enrolment = sent.headers["Location"].split("/")[3]
    copy = signed_in.get(f"/nhi/enrolments/{enrolment}/copy.pdf")
    text = _text(copy.data)
    assert "国民健康保険 加入届 控え / Bản sao đơn đăng ký NHI" in text
    assert "受付番号 Số tham chiếu" in text and "男 / Nam" in text

    staff = PageClient(app)
    staff.sign_up("Clerk")
    with app.app_context():
        assert db.session.get(NhiEnrolment, enrolment).language == "vi"
        clerk = db.session.scalars(select(User).order_by(User.created_at.desc())).first()
        clerk.is_staff = True
        db.session.commit()
    staff.get_page("/office/nhi/?lang=ja")  # the staff's own pages stay Japanese
    assert staff.post(f"/office/nhi/{enrolment}/review").status_code == 303
    assert staff.post(f"/office/nhi/{enrolment}/accept", ACCEPT).status_code == 303
    page = staff.get_page(f"/office/nhi/{enrolment}")
    notice = _text(staff.get(page.select_one("#nhi-notice")["href"]).data)
    assert "保険者番号 Số hiệu công ty bảo hiểm 138012" in notice
    assert "男 / Nam" in notice and "Insurer number" not in notice
