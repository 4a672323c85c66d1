"""The expiry and PIN helper: questions, dates, the calendar file, reading the chip."""

from __future__ import annotations

import pytest

from tests.app.relay_helpers import FakeAgent, start_job
from tests.helpers.client import PageClient
from tests.helpers.html import reader_text


def date_answer(client: PageClient, question: str, y: str, m: str, d: str) -> str:
    response = client.post(
        f"/card/questions/{question}", {"date-year": y, "date-month": m, "date-day": d}
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    return str(response.headers["Location"])


def choose(client: PageClient, question: str, value: str) -> str:
    response = client.post(f"/card/questions/{question}", {question: value})
    assert response.status_code == 303, response.get_data(as_text=True)
    return str(response.headers["Location"])


def test_a_foreign_resident_whose_stay_ends_first(client: PageClient) -> None:
    assert date_answer(client, "date-of-birth", "1995", "8", "20") == "/card/questions/source"
    assert choose(client, "source", "issue") == "/card/questions/issue-date"
    assert date_answer(client, "issue-date", "2024", "3", "15") == "/card/questions/stay"
    assert choose(client, "stay", "yes") == "/card/questions/stay-end"
    assert date_answer(client, "stay-end", "2027", "1", "31") == "/card/dates"
    page = client.get_page("/card/dates?lang=en")
    assert page.select_one("[data-testid=card-expiry] time")["datetime"] == "2027-01-31"
    assert page.select_one("[data-testid=certificate-expiry] time")["datetime"] == "2027-01-31"
    warning = page.select_one("[data-testid=stay-warning]").get_text()
    assert "no reminder is sent" in warning and "2027" in warning
    calendar = client.get(page.select_one("[data-testid=ics-download]")["href"])
    assert calendar.mimetype == "text/calendar"
    body = calendar.get_data().replace(b"\r\n ", b"").decode()
    assert body.count("BEGIN:VEVENT") == 4 and "DTSTART;VALUE=DATE:20270131" in body
    # F5: which 4-digit PIN extends the card (DD §0.2).
    assert "住民基本台帳用暗証番号" in body


def test_an_adult_with_the_issue_date_gets_the_grace_and_renewal_steps(client: PageClient) -> None:
    date_answer(client, "date-of-birth", "1980", "10", "10")
    choose(client, "source", "issue")
    date_answer(client, "issue-date", "2020", "5", "15")
    choose(client, "stay", "no")
    page = client.get_page("/card/dates?lang=en")
    assert page.select_one("[data-testid=card-expiry] time")["datetime"] == "2029-10-10"
    timeline = page.select_one("[data-testid=timeline]").get_text()
    assert "works as a health insurance card" in timeline


def test_an_18_year_old_just_after_the_change_is_asked_when_they_applied(
    client: PageClient,
) -> None:
    date_answer(client, "date-of-birth", "2003", "9", "1")
    choose(client, "source", "issue")
    assert date_answer(client, "issue-date", "2022", "5", "20") == "/card/questions/applied"
    assert choose(client, "applied", "not_sure") == "/card/questions/stay"
    choose(client, "stay", "no")
    text = client.get_page("/card/dates?lang=en").get_text()
    assert "Check the date printed on the front of your card" in text


def test_dates_are_checked(client: PageClient) -> None:
    response = client.post(
        "/card/questions/date-of-birth?lang=en",
        {"date-year": "2090", "date-month": "1", "date-day": "1"},
    )
    assert response.status_code == 422
    assert "Date of birth must be in the past" in response.get_data(as_text=True)
    response = client.post(
        "/card/questions/date-of-birth?lang=en",
        {"date-year": "1990", "date-month": "2", "date-day": "30"},
    )
    assert "must be a real date" in response.get_data(as_text=True)


def test_the_certificate_date_can_be_read_from_the_card(client: PageClient) -> None:
    date_answer(client, "date-of-birth", "1990", "4", "1")
    assert choose(client, "source", "chip") == "/card/read-card"
    assert client.get_page("/card/read-card").select_one("#card-relay-panel") is not None
    job = start_job(client, return_to="/card/read-card")
    FakeAgent(client).run(job.ticket)
    claimed = client.post(f"/relay/v1/jobs/{job.job_id}/claim")
    landed = client.get(claimed.headers["Location"])
    assert landed.headers["Location"] == "/card/printed-dates"
    page = client.get_page("/card/printed-dates?lang=en")
    assert page.select("fieldset legend")[0].get_text().startswith("The card's expiry")
    assert len(page.select("fieldset")) == 1  # the certificate's date came from the chip


def test_pin_reset_routes(client: PageClient) -> None:
    response = client.post("/card/pin-reset", {"known": "signature"})
    assert response.headers["Location"] == "/card/pin-reset/signature"
    text = client.get_page("/card/pin-reset/signature?lang=en").get_text()
    assert "convenience-store kiosk" in text and "24 hours" in text
    text = client.get_page("/card/pin-reset/neither?lang=en").get_text()
    assert "two visits" in text


@pytest.mark.parametrize(
    ("lang", "renewal"),
    [
        ("en", ["application ID (申請書ID) and QR code", "take the documents it lists"]),
        ("ja", ["申請書IDとQRコードが書かれていれば", "通知に書かれた書類を持って"]),
    ],
)
def test_the_calendar_says_what_to_do_with_or_without_an_application_id(
    client: PageClient, lang: str, renewal: list[str]
) -> None:
    """B9 (S2:127-134): the renewal notice with or without an application ID."""
    date_answer(client, "date-of-birth", "1980", "10", "10")
    choose(client, "source", "issue")
    date_answer(client, "issue-date", "2020", "5", "15")
    choose(client, "stay", "no")
    page = client.get_page(f"/card/dates?lang={lang}")
    calendar = client.get(page.select_one("[data-testid=ics-download]")["href"])
    body = calendar.get_data().replace(b"\r\n ", b"").decode().replace("\\,", ",")
    body = body.replace("\\;", ";")
    assert all(r in body for r in renewal), body


@pytest.mark.parametrize(
    ("lang", "app_name", "hours"),
    [
        ("en", "Install the J-LIS app 「JPKI暗証番号リセット」", "from 6:30 to 23:00"),
        ("ja", "J-LISのアプリ「JPKI暗証番号リセット」を入れます", "6時30分〜23時"),
    ],
)
def test_the_kiosk_route_names_the_reset_app_and_the_hours(
    client: PageClient, lang: str, app_name: str, hours: str
) -> None:
    """F1 (S0:136; jpki.md §3): the app is 「JPKI暗証番号リセット」, not JPKI利用者ソフト."""
    text = reader_text(client.get_page(f"/card/pin-reset/signature?lang={lang}"))
    assert app_name in text and hours in text and "JPKI利用者ソフト" not in text
