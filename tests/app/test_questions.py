"""The one question engine, as a user meets it: question URLs, Back, result pages, old URLs,
and eligibility answers that survive signing in."""

from __future__ import annotations

from html import unescape

from tests.app.nhi.helpers import answer_eligibility
from tests.helpers.client import PageClient


def _answer(client: PageClient, path: str, data: dict[str, str]) -> str:
    response = client.post(path, data)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return str(response.headers["Location"])


def _back(client: PageClient, path: str) -> str:
    return str(client.get_page(f"{path}?lang=en").select_one("a.back-link")["href"])


def test_back_goes_to_the_question_actually_answered_before(client: PageClient) -> None:
    _answer(client, "/apply/questions/have-form", {"have_form": "qr"})
    _answer(client, "/apply/questions/details-changed", {"details_changed": "no"})
    _answer(client, "/apply/questions/who", {"who": "self"})
    _answer(client, "/apply/questions/period-of-stay", {"period_of_stay": "yes"})
    stay = {"date-year": "2035", "date-month": "1", "date-day": "31"}
    assert _answer(client, "/apply/questions/stay-end", stay) == "/apply/questions/express"
    assert _back(client, "/apply/questions/express") == "/apply/questions/stay-end"
    _answer(client, "/apply/questions/period-of-stay", {"period_of_stay": "no"})
    assert _back(client, "/apply/questions/express") == "/apply/questions/period-of-stay"


def test_a_result_page_goes_back_to_the_answer_that_led_there(client: PageClient) -> None:
    _answer(client, "/apply/questions/have-form", {"have_form": "qr"})
    assert (
        _answer(client, "/apply/questions/details-changed", {"details_changed": "yes"})
        == "/apply/result/new-form"
    )
    assert _back(client, "/apply/result/new-form") == "/apply/questions/details-changed"


def test_the_card_dates_go_back_to_the_last_question_answered(client: PageClient) -> None:
    born = {"date-year": "1995", "date-month": "8", "date-day": "20"}
    _answer(client, "/card/questions/date-of-birth", born)
    _answer(client, "/card/questions/source", {"source": "issue"})
    issued = {"date-year": "2024", "date-month": "3", "date-day": "15"}
    _answer(client, "/card/questions/issue-date", issued)
    _answer(client, "/card/questions/stay", {"stay": "yes"})
    end = {"date-year": "2027", "date-month": "1", "date-day": "31"}
    assert _answer(client, "/card/questions/stay-end", end) == "/card/dates"
    assert _back(client, "/card/dates") == "/card/questions/stay-end"
    assert _back(client, "/card/questions/stay") == "/card/questions/issue-date"


def test_old_question_urls_lead_to_the_new_ones(client: PageClient) -> None:
    for old, new in (
        ("/apply/have-form", "/apply/questions/have-form"),
        ("/nhi/check/registered", "/nhi/questions/registered"),
        ("/insurance/know-pin", "/insurance/questions/know-pin"),
        ("/card/date-of-birth", "/card/questions/date-of-birth"),
    ):
        response = client.get(old)
        assert (response.status_code, response.headers["Location"]) == (301, new)
    assert client.get("/apply/no-such-question").status_code == 404


def test_eligibility_answers_survive_creating_an_account(client: PageClient) -> None:
    answer_eligibility(client)
    assert client.get("/nhi/result/eligible").status_code == 200
    client.sign_up("Hanako")
    assert client.get("/nhi/result/eligible").status_code == 200
    # The draft now holds the answers the document needs: the eligibility task is done.
    page = client.get_page("/nhi/application?lang=en")
    done = [
        li.get_text() for li in page.select("li") if "Check you can apply online" in li.get_text()
    ]
    assert done and "Completed" in done[0]


def test_a_question_page_shows_its_hint_from_the_form(client: PageClient) -> None:
    page = client.get_page("/nhi/questions/how-many?lang=en")
    assert page.select_one("h1 label").get_text() == (
        "How many people are joining, including you if you are?"
    )
    assert "up to 10 people" in page.select_one("#how_many-hint").get_text()


def test_the_cancellation_questions_go_back_to_the_previous_one(signed_in: PageClient) -> None:
    following = _answer(signed_in, "/insurance/cancel/questions/applicant", {"applicant": "self"})
    assert following == "/insurance/cancel/questions/insurer"
    assert _back(signed_in, following) == "/insurance/cancel/questions/applicant"
    card = _answer(signed_in, following, {"insurer": "nhi"})
    assert card == "/insurance/cancel/questions/valid-card"  # review plan E2
    assert _back(signed_in, card) == "/insurance/cancel/questions/insurer"
    assert _answer(signed_in, card, {"valid_card": "no"}) == "/insurance/cancel/details"


def test_the_printed_dates_page_asks_both_dates_and_says_what_is_missing(
    client: PageClient,
) -> None:
    born = {"date-year": "1990", "date-month": "5", "date-day": "1"}
    _answer(client, "/card/questions/date-of-birth", born)
    assert _answer(client, "/card/questions/source", {"source": "printed"}) == (
        "/card/printed-dates"
    )
    empty = client.post("/card/printed-dates?lang=en", {"card-year": "2034"})
    assert empty.status_code == 422
    html = unescape(empty.get_data(as_text=True))
    assert "must include a year, a month and a day" in html
    assert "Enter the certificate's expiry date" in html
    dates = {"card-year": "2034", "card-month": "4", "card-day": "1"}
    dates |= {"certificate-year": "2029", "certificate-month": "4", "certificate-day": "1"}
    assert _answer(client, "/card/printed-dates", dates) == "/card/questions/stay"
    assert _back(client, "/card/questions/stay") == "/card/printed-dates"
