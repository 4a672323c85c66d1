"""The application: steps autosaved as drafts, resumed after signing in again, sent, recorded."""

from __future__ import annotations

import io

import pypdf
import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.storage.models import CardApplication, Draft, User
from tests.helpers import portraits
from tests.helpers.client import PageClient
from tests.helpers.html import check_page

STEPS = [
    ("terms", {"terms": "y"}),
    ("application-id", {"application_id": "１２３４ ５６７８-9012 3456 7890 123"}),
    ("contact", {"contact_name": "Hanako", "email": "hanako@example.jp"}),
    ("date-of-birth", {"date-year": "1990", "date-month": "3", "date-day": "27"}),
    ("certificates", {"certificates": "both"}),
    ("braille", {"braille": "no"}),
]


def begin(client: PageClient, route: str = "smartphone") -> str:
    response = client.post("/apply/application/begin", {"route": route})
    assert response.status_code == 303
    return response.headers["Location"]


def answer_steps(client: PageClient, steps: list[tuple[str, dict[str, str]]]) -> str:
    location = ""
    for step, data in steps:
        response = client.post(f"/apply/application/{step}?lang=en", data)
        assert response.status_code == 303, (step, response.get_data(as_text=True)[:800])
        location = response.headers["Location"]
    return location


def take_passing_photo(client: PageClient) -> str:
    response = client.post(
        "/photo/check?lang=en",
        {"photo": (io.BytesIO(portraits.id_photo()), "me.jpg", "image/jpeg")},
        htmx_target="photo-result",
        content_type="multipart/form-data",
    )
    soup = check_page(response.get_data(as_text=True), fragment=True)
    use = client.post(  # "Use this photo" sends the photo form again, to its formaction
        soup.select_one("button[formaction]")["formaction"],
        {"photo": (io.BytesIO(portraits.id_photo()), "me.jpg", "image/jpeg")},
        content_type="multipart/form-data",
    )
    assert use.status_code == 303
    return use.headers["Location"]


def test_starting_without_an_account_offers_to_create_one_and_come_back(client: PageClient) -> None:
    soup = client.get_page("/apply/application/start?route=smartphone&lang=en")
    link = soup.select_one("a.button")
    assert link["href"].startswith("/account/create?next=")
    assert "route%3Dsmartphone" in link["href"] or "route=smartphone" in link["href"]


def test_the_online_route_goes_step_by_step_to_check_your_answers(signed_in: PageClient) -> None:
    assert begin(signed_in) == "/apply/application/terms"
    assert answer_steps(signed_in, STEPS) == "/apply/application/photo"
    assert take_passing_photo(signed_in) == "/apply/application/continue"
    check = signed_in.get("/apply/application/continue").headers["Location"]
    assert check == "/apply/application/check"
    soup = signed_in.get_page("/apply/application/check?lang=en")
    values = [dd.get_text(strip=True) for dd in soup.select(".summary-list__value")]
    assert "1234 5678 9012 3456 7890 123" in values  # full-width digits, spaces, hyphens
    assert "hanako@example.jp" in values
    assert soup.select_one("form[action='/apply/application/send'] button").get_text(
        strip=True
    ) == ("Accept and send")
    change = soup.select_one("a[href='/apply/application/contact?change=1']")
    assert "Name for email contact" in change.get_text()


def test_check_your_answers_shows_the_photo_that_will_be_sent_not_the_overlay(
    signed_in: PageClient,
) -> None:
    begin(signed_in)
    answer_steps(signed_in, STEPS)
    take_passing_photo(signed_in)
    soup = signed_in.get_page("/apply/application/check?lang=en")
    src = soup.select_one("img.photo-preview")["src"]
    assert "overlay" not in src
    shown = signed_in.get(src)
    photo_id = src.split("/")[2]
    overlay = signed_in.get(f"/photo/{photo_id}/overlay.jpg")
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert shown.data != overlay.data  # the photo that is sent, not the diagnostic drawing


def test_sending_records_the_application_and_gives_a_reference_and_pdf(
    signed_in: PageClient, app: Flask
) -> None:
    begin(signed_in)
    answer_steps(signed_in, STEPS)
    take_passing_photo(signed_in)
    response = signed_in.post("/apply/application/send")
    assert response.status_code == 303
    soup = signed_in.get_page(response.headers["Location"] + "?lang=en")
    reference = soup.select_one(".panel__reference").get_text(strip=True)
    assert reference.startswith("MG-")
    pdf_link = soup.select_one("a[href$='application.pdf']")["href"]
    pdf = signed_in.get(pdf_link)
    assert pdf.mimetype == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert reference in text and "Hanako" in text and "申請書ID" in text
    with app.app_context():
        row = db.session.scalars(select(CardApplication)).one()
        assert b"hanako@example.jp" not in row.answers_enc  # encrypted at rest
        assert db.session.scalars(select(Draft)).first() is None  # the draft is gone
    statuses = [
        s.get_text(strip=True)
        for s in signed_in.get_page("/dashboard?lang=en").select(".task-list__status")
    ]
    assert statuses[:2] == ["Done in this demonstration", "Completed"]  # apply, photo


def test_a_sent_application_is_found_from_the_dashboard_and_back_shows_it(
    signed_in: PageClient,
) -> None:
    """The newcomer walk: the dashboard's "Completed" led to the start page with no way back
    to the reference and PDF, and Back after sending gave a 404."""
    begin(signed_in)
    answer_steps(signed_in, STEPS)
    take_passing_photo(signed_in)
    sent_url = signed_in.post("/apply/application/send").headers["Location"]
    dashboard = signed_in.get_page("/dashboard?lang=en")
    apply_link = dashboard.select_one("a[href='/apply/']")["href"]
    start = signed_in.get_page(apply_link + "?lang=en")
    link = start.select_one(f"a[href='{sent_url}']")
    assert link is not None and "MG-" in link.get_text()
    row = link.find_parent("li").get_text()
    assert "Sent on" in row and "Received" in row  # the status list every journey shares
    sent = signed_in.get_page(sent_url + "?lang=en")
    assert sent.select_one("a[href$='application.pdf']") is not None
    back = signed_in.get("/apply/application/check")
    assert back.status_code == 303 and back.headers["Location"].startswith(sent_url)
    page = signed_in.get_page(back.headers["Location"] + "&lang=en")
    assert "already finished this application" in page.get_text()
    assert signed_in.get("/apply/application/contact").status_code == 303


def test_an_incomplete_application_cannot_be_sent(signed_in: PageClient, app: Flask) -> None:
    begin(signed_in)
    answer_steps(signed_in, STEPS[:2])
    response = signed_in.post("/apply/application/send")
    assert response.headers["Location"] == "/apply/application/check?incomplete=1"
    soup = signed_in.get_page("/apply/application/check?lang=en")
    assert "Some answers are still missing" in soup.get_text()
    assert soup.select_one("form[action='/apply/application/send']") is None
    with app.app_context():
        assert db.session.scalars(select(CardApplication)).first() is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter your application form ID"),
        ("1234-5678", "must be 23 digits"),
        ("1234abcd", "must only include numbers"),
    ],
)
def test_application_id_errors_say_what_to_do(
    signed_in: PageClient, value: str, message: str
) -> None:
    begin(signed_in)
    response = signed_in.post(
        "/apply/application/application-id?lang=en", {"application_id": value}
    )
    assert response.status_code == 422
    soup = check_page(response.get_data(as_text=True))
    assert soup.select_one(".error-summary a")["href"] == "#application_id"
    assert message in soup.select_one("#application_id-error").get_text()


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter your date of birth"),
        (("1990", "2", "30"), "must be a real date"),
        (("2999", "1", "1"), "must be in the past"),
        (("1990", "", "1"), "must include a year, a month and a day"),
    ],
)
def test_date_of_birth_must_be_a_real_past_date(
    signed_in: PageClient, parts: tuple[str, str, str], message: str
) -> None:
    begin(signed_in)
    data = dict(zip(["date-year", "date-month", "date-day"], parts, strict=True))
    response = signed_in.post("/apply/application/date-of-birth?lang=en", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_children_under_15_are_not_offered_a_signature_certificate(signed_in: PageClient) -> None:
    begin(signed_in)
    answer_steps(
        signed_in, [("date-of-birth", {"date-year": "2018", "date-month": "5", "date-day": "20"})]
    )
    soup = signed_in.get_page("/apply/application/certificates?lang=en")
    values = [i["value"] for i in soup.select("input[name=certificates]")]
    assert values == ["user_only", "none"]
    response = signed_in.post("/apply/application/certificates", {"certificates": "both"})
    assert response.status_code == 422


def test_typing_is_autosaved_and_restored_after_signing_in_again(signed_in: PageClient) -> None:
    begin(signed_in)
    response = signed_in.post(
        "/apply/application/contact/draft?lang=en",
        {"contact_name": "Hana", "email": "hana@exa"},
        htmx_target="draft-status",
    )
    assert response.get_data(as_text=True).strip() == "Draft saved"
    signed_in.sign_out()  # as on another device: a new session
    signed_in.sign_in()
    assert signed_in.get("/apply/application/continue").headers["Location"] == (
        "/apply/application/terms"
    )
    start = signed_in.get_page("/apply/?lang=en")  # from Your tasks → Apply
    assert start.select_one("a.button--start")["href"] == "/apply/application/continue"
    soup = signed_in.get_page("/apply/application/contact?lang=en")
    assert soup.select_one("#email")["value"] == "hana@exa"
    assert "We restored what you had typed." in soup.get_text()


def test_save_and_come_back_later(signed_in: PageClient) -> None:
    begin(signed_in)
    response = signed_in.post("/apply/application/terms", {"terms": "y", "later": "1"})
    assert response.headers["Location"] == "/apply/application/saved"
    soup = signed_in.get_page("/apply/application/saved?lang=en")
    assert "Sign in on this or any other device" in soup.get_text()


def test_change_link_returns_to_check_your_answers(signed_in: PageClient) -> None:
    begin(signed_in)
    answer_steps(signed_in, STEPS)
    response = signed_in.post(
        "/apply/application/contact?change=1",
        {"contact_name": "Hanako Y", "email": "h@example.jp", "change": "1"},
    )
    assert response.headers["Location"] == "/apply/application/check"


def test_steps_need_sign_in(client: PageClient) -> None:
    response = client.get("/apply/application/terms")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_the_office_lists_applications_with_the_photo_report(
    signed_in: PageClient, app: Flask
) -> None:
    begin(signed_in)
    answer_steps(signed_in, STEPS)
    take_passing_photo(signed_in)
    signed_in.post("/apply/application/send")
    assert signed_in.get("/office/").status_code == 403  # residents are not staff
    with app.app_context():
        db.session.scalars(select(User)).one().is_staff = True
        db.session.commit()
    soup = signed_in.get_page("/office/card-applications?lang=en")
    row = soup.select_one("tbody tr")
    assert "Passed" in row.get_text()
    detail = signed_in.get_page(row.select_one("a")["href"] + "?lang=en")
    assert detail.select_one("[data-verdict]")["data-verdict"] == "pass"
    overlay = signed_in.get(detail.select_one("img.photo-preview")["src"])
    assert overlay.status_code == 200
    assert overlay.headers["Content-Disposition"].startswith("attachment;")  # never inline
