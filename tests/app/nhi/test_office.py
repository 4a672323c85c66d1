"""The office side: staff only, the list and filters, a fresh signature check that catches a
changed document, accepting with a notice PDF, asking for a correction, the audit trail."""

from __future__ import annotations

import io
import json

import pytest
from flask import Flask
from pypdf import PdfReader
from sqlalchemy import select

from app.domain import nhi_document
from app.extensions import db
from app.services import procedures
from app.storage.cipher import cipher
from app.storage.models import AuditEvent, Blob, NhiEnrolment, User
from tests.app.nhi import helpers
from tests.helpers.client import PageClient


def _sent(client: PageClient) -> str:
    client.get_page("/nhi/?lang=en")
    helpers.answer_eligibility(client)
    helpers.fill_application(client)
    sent = helpers.sign(client)
    assert sent.status_code == 303
    return sent.headers["Location"].split("/")[3]


def _staff(app: Flask) -> PageClient:
    staff = PageClient(app)
    staff.sign_up("Clerk")
    with app.app_context():
        newest = db.session.scalars(select(User).order_by(User.created_at.desc())).first()
        newest.is_staff = True
        db.session.commit()
    staff.get_page("/office/nhi/?lang=en")
    return staff


ACCEPT = {
    "qualification_date-year": "2026",
    "qualification_date-month": "4",
    "qualification_date-day": "1",
    "insurer_number": "１３８０１２",  # typed full-width: kept as ASCII digits
    "symbol_number": "横浜鶴 1234567",
    "valid_until-year": "2027",
    "valid_until-month": "7",
    "valid_until-day": "31",
}


@pytest.fixture
def enrolment(signed_in: PageClient) -> str:
    return _sent(signed_in)


def test_a_sent_enrolment_is_in_progress_on_the_dashboard(app: Flask, enrolment: str) -> None:
    with app.app_context():
        owner = db.session.get(NhiEnrolment, enrolment).user_id
        nhi = [p for p in procedures.procedures_for(db.session, owner) if p.key == "nhi"]
    assert nhi[0].status == "in_progress"


def test_residents_cannot_see_the_office(signed_in: PageClient, enrolment: str) -> None:
    assert signed_in.get("/office/nhi/").status_code == 403
    assert signed_in.get(f"/office/nhi/{enrolment}").status_code == 403


def test_staff_list_filters_by_status_and_date(app: Flask, enrolment: str) -> None:
    staff = _staff(app)
    assert len(staff.get_page("/office/nhi/").select(".nhi-table tbody tr")) == 1
    assert not staff.get_page("/office/nhi/?state=accepted").select(".nhi-table tbody tr")
    assert not staff.get_page("/office/nhi/?to=2000-01-01").select(".nhi-table tbody tr")
    assert staff.get_page("/office/nhi/?state=received&from=2000-01-01").select(
        ".nhi-table tbody tr"
    )


def test_staff_accepts_and_the_resident_sees_it(
    app: Flask, signed_in: PageClient, enrolment: str
) -> None:
    staff = _staff(app)
    page = staff.get_page(f"/office/nhi/{enrolment}")
    assert "signature_valid" in [li["data-reason"] for li in page.select("#nhi-verification li")]
    assert "番号 一郎" in page.get_text()
    attachment = page.select_one("a[href*='/files/']")["href"]
    assert staff.get(attachment).data.startswith(b"%PDF")
    assert staff.post(f"/office/nhi/{enrolment}/review").status_code == 303
    accepted = staff.post(f"/office/nhi/{enrolment}/accept", ACCEPT)
    assert accepted.status_code == 303
    page = staff.get_page(f"/office/nhi/{enrolment}")
    notice = staff.get(page.select_one("#nhi-notice")["href"])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(notice.data)).pages)
    assert "資格確認書" in text and "番号 花子 様" in text and "2026-04-01" in text
    # G10: each person's own kind (two card users, one child without a マイナ保険証)
    assert "2018-05-20 / 男 / Male / 資格確認書" in text
    # G11: the details from the insurer's system that the notice exists to tell (S4:41)
    assert "保険者番号  Insurer number\n138012" in text
    assert "被保険者記号・番号  Symbol and number\n横浜鶴 1234567" in text
    assert "有効期限  Valid until\n2027-07-31" in text
    assert text.count("/ 資格情報のお知らせ") == 2
    status = signed_in.get_page(f"/nhi/enrolments/{enrolment}")
    assert status.select_one("#nhi-status").get_text() == "Accepted"
    with app.app_context():
        owner = db.session.get(NhiEnrolment, enrolment).user_id
        nhi = [p for p in procedures.procedures_for(db.session, owner) if p.key == "nhi"]
    assert nhi[0].status == "completed"
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
        reasons = " ".join(e.reasons for e in db.session.scalars(select(AuditEvent)))
    assert {
        "viewed",
        "attachment_opened",
        "review_started",
        "accepted",
        "notice_downloaded",
    } <= set(actions)
    assert "花子" not in reasons
    assert "insurer_number" in reasons and "valid_until" in reasons and "1234567" not in reasons


def test_a_document_changed_after_signing_is_detected(app: Flask, enrolment: str) -> None:
    with app.app_context():
        row = db.session.get(NhiEnrolment, enrolment)
        blob = db.session.get(Blob, row.document_blob_id)
        doc = json.loads(cipher().decrypt(blob.data_enc, context=f"blobs:{blob.id}".encode()))
        doc["qualification_date"] = "2026-01-01"  # an insider with the key back-dates it
        blob.data_enc = cipher().encrypt(
            nhi_document.encode(doc), context=f"blobs:{blob.id}".encode()
        )
        db.session.commit()
    staff = _staff(app)
    page = staff.get_page(f"/office/nhi/{enrolment}")
    reasons = [li["data-reason"] for li in page.select("#nhi-verification li")]
    assert "document_changed" in reasons and "signature_bad_signature" in reasons
    assert "NOT valid" in page.select_one("#nhi-verification h2").get_text()
    assert page.select_one(f"form[action='/office/nhi/{enrolment}/accept']") is None


def test_an_altered_ciphertext_is_detected(app: Flask, enrolment: str) -> None:
    with app.app_context():
        row = db.session.get(NhiEnrolment, enrolment)
        blob = db.session.get(Blob, row.document_blob_id)
        blob.data_enc = blob.data_enc[:-1] + bytes([blob.data_enc[-1] ^ 1])
        db.session.commit()
    page = _staff(app).get_page(f"/office/nhi/{enrolment}")
    assert [li["data-reason"] for li in page.select("#nhi-verification li")] == [
        "document_unreadable"
    ]


def test_correction_message_reaches_the_resident(
    app: Flask, signed_in: PageClient, enrolment: str
) -> None:
    staff = _staff(app)
    empty = staff.post(f"/office/nhi/{enrolment}/correction", {"message": ""})
    assert empty.status_code == 422
    message = "Please add the certificate for 番号 太郎."
    assert (
        staff.post(f"/office/nhi/{enrolment}/correction", {"message": message}).status_code == 303
    )
    status = signed_in.get_page(f"/nhi/enrolments/{enrolment}")
    assert status.select_one("#nhi-status").get_text() == "Needs correction"
    assert message in status.get_text()
    again = signed_in.post(f"/nhi/enrolments/{enrolment}/correct")
    assert again.status_code == 303
    assert "番号 一郎" in signed_in.get_page("/nhi/application/people").get_text()
    with app.app_context():
        assert message not in " ".join(e.reasons for e in db.session.scalars(select(AuditEvent)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"insurer_number": ""}, "Enter the insurer number"),
        ({"insurer_number": "13801"}, "The insurer number must be 6 or 8 digits"),
        ({"symbol_number": " "}, "Enter the symbol and number"),
        ({"valid_until-year": "2025"}, "on or after the qualification date"),
    ],
)
def test_the_notice_needs_the_insurers_details(
    app: Flask, enrolment: str, change: dict[str, str], message: str
) -> None:
    """G11: no notice without 保険者番号 and 記号・番号; a validity cannot precede the start."""
    staff = _staff(app)
    assert staff.post(f"/office/nhi/{enrolment}/review").status_code == 303
    refused = staff.post(f"/office/nhi/{enrolment}/accept", {**ACCEPT, **change})
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(NhiEnrolment, enrolment).state == "in_review"
