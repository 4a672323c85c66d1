"""The questions before applying: one per page, each blocking answer ends on a result page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.services.card_application import today
from tests.helpers.client import PageClient


def answer(client: PageClient, question: str, value: str | list[str]) -> str:
    response = client.post(
        f"/apply/questions/{question}?lang=en", {question.replace("-", "_"): value}
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def test_start_page_says_what_you_need_and_starts_the_questions(client: PageClient) -> None:
    soup = client.get_page("/apply/?lang=en")
    assert soup.select_one("h1").get_text(" ", strip=True).startswith("Apply for the My Number")
    assert soup.select_one("a.button--start")["href"] == "/apply/questions/have-form"


def test_each_question_is_its_own_page_with_the_question_as_heading(client: PageClient) -> None:
    soup = client.get_page("/apply/questions/have-form?lang=en")
    assert soup.select_one("legend h1").get_text(strip=True) == "Do you have your application form?"
    assert len(soup.select("input[type=radio]")) == 5
    assert soup.select_one("a.back-link")["href"] == "/apply/"


def test_no_answer_shows_the_error_summary_linked_to_the_field(client: PageClient) -> None:
    response = client.post("/apply/questions/have-form?lang=en", {})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Error: " in html
    assert 'href="#have_form"' in html
    assert "Select whether you have your application form" in html


@pytest.mark.parametrize(
    ("question", "value", "result"),
    [
        ("have-form", "no", "need-form"),
        ("have-form", "unknown", "what-is-the-form"),
        ("details-changed", "yes", "new-form"),
    ],
)
def test_blocking_answers_end_on_a_result_page_that_says_what_to_do(
    client: PageClient, question: str, value: str, result: str
) -> None:
    location = answer(client, question, value)
    assert location == f"/apply/result/{result}"
    soup = client.get_page(location + "?lang=en")
    assert "office" in soup.get_text() or "form" in soup.get_text()
    assert soup.select_one("a.button--start") is None  # nowhere to continue


def test_the_whole_path_to_choosing_the_smartphone_route(client: PageClient) -> None:
    assert answer(client, "have-form", "qr") == "/apply/questions/details-changed"
    assert answer(client, "details-changed", "no") == "/apply/questions/who"
    assert answer(client, "who", "self") == "/apply/questions/period-of-stay"
    assert answer(client, "period-of-stay", "no") == "/apply/questions/express"
    assert answer(client, "express", ["none"]) == "/apply/questions/route"
    location = answer(client, "route", "smartphone")
    assert location == "/apply/application/start?route=smartphone"
    soup = client.get_page(location + "&lang=en")
    assert "Create an account" in soup.get_text()  # the application itself needs an account


def test_a_period_of_stay_ending_within_two_months_warns_with_the_date(client: PageClient) -> None:
    answer(client, "period-of-stay", "yes")
    soon = today() + timedelta(days=30)
    response = client.post(
        "/apply/questions/stay-end",
        {"date-year": str(soon.year), "date-month": str(soon.month), "date-day": str(soon.day)},
    )
    assert response.headers["Location"] == "/apply/result/stay-ends-soon"
    soup = client.get_page("/apply/result/stay-ends-soon?lang=en")
    assert soon.isoformat() in soup.get_text()
    assert soup.select_one("a.button--start")["href"] == "/apply/questions/express"


def test_a_period_of_stay_that_has_ended_blocks(client: PageClient) -> None:
    past = today() - timedelta(days=3)
    response = client.post(
        "/apply/questions/stay-end",
        {"date-year": str(past.year), "date-month": str(past.month), "date-day": str(past.day)},
    )
    assert response.headers["Location"] == "/apply/result/stay-ended"


def test_a_date_that_does_not_exist_is_an_error_on_the_year_field(client: PageClient) -> None:
    response = client.post(
        "/apply/questions/stay-end?lang=en",
        {"date-year": "2027", "date-month": "2", "date-day": "30"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'href="#date-year"' in html and "must be a real date" in html


def test_express_reasons_lead_to_the_express_page_then_on(client: PageClient) -> None:
    assert answer(client, "express", ["lost"]) == "/apply/result/express"
    soup = client.get_page("/apply/result/express?lang=en")
    assert "about a week" in soup.get_text()
    assert soup.select_one("a.button--start")["href"] == "/apply/questions/route"


def test_none_of_these_cannot_be_combined_with_a_reason(client: PageClient) -> None:
    response = client.post("/apply/questions/express?lang=en", {"express": ["none", "lost"]})
    assert response.status_code == 422


def test_a_photo_booth_needs_the_qr_code(client: PageClient) -> None:
    answer(client, "have-form", "id_only")
    assert answer(client, "route", "booth") == "/apply/result/booth-needs-qr"
    answer(client, "have-form", "qr")
    assert answer(client, "route", "booth") == "/apply/photo-booth"
    soup = client.get_page("/apply/photo-booth?lang=en")
    assert "個人番号カード申請" in soup.get_text()


def test_child_notes_say_both_must_collect_the_card(client: PageClient) -> None:
    assert answer(client, "who", "child") == "/apply/result/child"
    soup = client.get_page("/apply/result/child?lang=en")
    assert "must both go to collect the card" in soup.get_text()


@pytest.mark.parametrize(
    "page", ["questions/have-form", "questions/route", "questions/stay-end", "result/need-form"]
)
def test_pages_work_in_japanese(client: PageClient, page: str) -> None:
    soup = client.get_page(f"/apply/{page}?lang=ja")
    assert soup.select_one("html")["lang"] == "ja"


def test_what_happens_next_shows_the_timeline(client: PageClient) -> None:
    text = client.get_page("/apply/what-happens-next?lang=en").get_text()
    assert "After 2 to 3 days" in text and "交付通知書" in text
