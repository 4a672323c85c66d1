"""The one office pattern: every staff view and decision leaves exactly one audit event, and a
move the record's states do not allow is refused (409) with the record left as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.extensions import db
from app.storage import blobs, card_applications, insurance, nhi_enrolments
from app.storage.models import AuditEvent, InsuranceCancellation, NhiEnrolment, User
from tests.helpers.client import PageClient

pytestmark = pytest.mark.usefixtures("staff")
DETAILS = ("name", "birth_date", "address", "phone", "insured_number", "reason")


@pytest.fixture
def staff(app: Flask, client: PageClient) -> PageClient:
    client.sign_up("Clerk")
    with app.app_context():
        db.session.scalars(select(User)).one().is_staff = True
        db.session.commit()
    client.get_page("/office/?lang=en")
    return client


@pytest.fixture
def records(app: Flask) -> Iterator[dict[str, str]]:
    with app.app_context():
        owner = db.session.scalars(select(User)).one().id
        document = blobs.put(
            db.session,
            b"%PDF-1.4\n",
            kind="insurance_cancel_document",
            media_type="application/pdf",
            owner_id=owner,
        )
        package = blobs.put(
            db.session,
            b'{"certificate": "eA==", "signature": "eA==", "signer": {"address": ""}}',
            kind="nhi-package",
            media_type="application/json",
            owner_id=owner,
        )
        documents = {"identity": {"blob_id": document, "name": "id.pdf"}}
        answers = {
            "applicant": "self",
            "details": dict.fromkeys(DETAILS, ""),
            "documents": documents,
        }
        cancellation = insurance.add_cancellation(
            db.session,
            reference="HC-TEST-0001",
            user_id=owner,
            applicant="self",
            answers=answers,
        )
        application = card_applications.add(
            db.session,
            reference="CA-TEST-0001",
            user_id=owner,
            route="mail",
            answers={},
            photo_id=None,
        )
        enrolment = nhi_enrolments.create(
            db.session,
            user_id=owner,
            relay_job_id="job",
            answers={"attachments": []},
            document_blob_id=document,
            package_blob_id=package,
            digest=b"0" * 32,
            signed_at=datetime(2026, 4, 1),
        )
        db.session.commit()
        yield {
            "cancellation": cancellation.id,
            "application": application.id,
            "enrolment": enrolment.id,
        }


def _events(app: Flask) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.created_at)))


def _count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0


@pytest.mark.parametrize(
    ("method", "path", "status", "action"),
    [
        ("get", "/office/", 200, "viewed"),
        ("get", "/office/card-applications?state=x&from=2026-01-01", 200, "listed"),
        ("get", "/office/card-applications/{application}", 200, "viewed"),
        ("get", "/office/insurance/?state=received", 200, "listed"),
        ("get", "/office/insurance/cancellations/{cancellation}", 200, "viewed"),
        (
            "get",
            "/office/insurance/cancellations/{cancellation}/documents/identity",
            200,
            "document_opened",
        ),
        ("post", "/office/insurance/cancellations/{cancellation}/status", 303, "status_completed"),
        ("get", "/office/nhi/?to=2026-12-31", 200, "listed"),
        ("get", "/office/nhi/{enrolment}", 200, "viewed"),
        ("post", "/office/nhi/{enrolment}/review", 303, "review_started"),
        ("post", "/office/nhi/{enrolment}/correction", 303, "correction_requested"),
        ("post", "/office/nhi/{enrolment}/correction", 422, "viewed"),  # the page again
    ],
)
def test_each_staff_action_leaves_exactly_one_audit_event(
    app: Flask,
    staff: PageClient,
    records: dict[str, str],
    method: str,
    path: str,
    status: int,
    action: str,
) -> None:
    before = _count(app)
    url = path.format(**records)
    if method == "get":
        response = staff.get(url)
    else:
        data = {"status": "completed", "message": "Send the certificate." if status == 303 else ""}
        response = staff.post(url, data)
    assert response.status_code == status
    events = _events(app)
    assert len(events) == before + 1
    newest = events[-1]
    assert newest.action == action and newest.actor_id is not None
    assert newest.record_id in (*records.values(), "*")
    assert "Send the certificate" not in newest.reasons  # codes only, never what staff typed


def test_filters_are_audited_as_codes_not_values(app: Flask, staff: PageClient) -> None:
    staff.get_page("/office/nhi/?state=accepted&from=2026-01-02")
    assert _events(app)[-1].reasons == "filter_state,filter_from"


def test_a_cancellation_cannot_go_back_once_completed(
    app: Flask, staff: PageClient, records: dict[str, str]
) -> None:
    url = f"/office/insurance/cancellations/{records['cancellation']}/status"
    assert staff.post(url, {"status": "completed"}).status_code == 303
    before = _count(app)
    refused = staff.post(url, {"status": "in_progress"})
    assert refused.status_code == 409
    assert "the record has changed" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(InsuranceCancellation, records["cancellation"]).status == "completed"
    assert _count(app) == before + 1 and _events(app)[-1].action == "start_refused"
    page = staff.get_page(f"/office/insurance/cancellations/{records['cancellation']}")
    assert page.select_one("form[action$='/status']") is None  # nothing left to decide


def test_an_unknown_status_is_a_bad_request(
    app: Flask, staff: PageClient, records: dict[str, str]
) -> None:
    url = f"/office/insurance/cancellations/{records['cancellation']}/status"
    assert staff.post(url, {"status": "received"}).status_code == 400
    with app.app_context():
        assert db.session.get(InsuranceCancellation, records["cancellation"]).status == "received"


def test_a_decided_enrolment_refuses_another_decision(
    app: Flask, staff: PageClient, records: dict[str, str]
) -> None:
    enrolment = records["enrolment"]
    message = {"message": "Send the certificate."}
    assert staff.post(f"/office/nhi/{enrolment}/correction", message).status_code == 303
    for action, data in (("review", {}), ("correction", message)):
        before = _count(app)
        assert staff.post(f"/office/nhi/{enrolment}/{action}", data).status_code == 409
        assert _count(app) == before + 1 and _events(app)[-1].action.endswith("_refused")
    with app.app_context():
        row = db.session.get(NhiEnrolment, enrolment)
        assert row.state == "needs_correction"
        assert nhi_enrolments.correction(row) == "Send the certificate."


def test_an_unverified_enrolment_cannot_be_accepted(
    app: Flask, staff: PageClient, records: dict[str, str]
) -> None:
    enrolment = records["enrolment"]
    date = {
        "qualification_date-year": "2026",
        "qualification_date-month": "4",
        "qualification_date-day": "1",
        "insurer_number": "138012",
        "symbol_number": "横浜鶴 1234567",
    }
    assert staff.post(f"/office/nhi/{enrolment}/accept", date).status_code == 409
    assert _events(app)[-1].action == "accept_refused"
    with app.app_context():
        assert db.session.get(NhiEnrolment, enrolment).state == "received"
