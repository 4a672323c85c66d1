"""The resident's side: eligibility results, the application, signing, the copy, the status."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.app.nhi import helpers
from tests.helpers.client import PageClient


@pytest.mark.parametrize(
    ("answers", "result", "says"),
    [
        ({"registered": "no"}, "not-registered", "Contact the city"),
        ({"moving_in": "yes"}, "moving-in", "転入届"),
        ({"who": "other"}, "someone-else", "委任状"),
        ({"reason": "other"}, "other-reason", "ward office"),
        ({"how_many": "11"}, "too-many", "11 or more"),
        ({"card": "no_card"}, "no-card", "signature certificate"),
        ({"card": "face_card"}, "face-card", "cannot be used in MynaPortal"),
        ({"card": "password_locked"}, "password", "5 wrong tries"),
        ({"card_problems": "expired"}, "certificate-expired", "Renew"),
        ({"card_problems": "details_changed"}, "details-changed", "revoked"),
        ({"card_problems": "under_15"}, "under-15", "under 15"),
        ({"loss_document": "no"}, "no-document", "資格喪失証明書"),
    ],
)
def test_each_blocking_answer_reaches_its_result_page(
    client: PageClient, answers: dict[str, str], result: str, says: str
) -> None:
    client.get_page("/nhi/?lang=en")
    for question, data in helpers.ELIGIBLE:
        key = next(iter(data))
        response = client.post(f"/nhi/questions/{question}", {key: answers.get(key, data[key])})
        assert response.status_code == 303
        if key in answers:
            break
    assert response.headers["Location"] == f"/nhi/result/{result}"
    page = client.get_page(response.headers["Location"])
    assert says in page.get_text()


def test_questions_refuse_missing_answers_with_a_summary(client: PageClient) -> None:
    client.get_page("/nhi/?lang=en")
    response = client.post("/nhi/questions/how-many", {"how_many": "three"})
    assert response.status_code == 422
    assert "Error:" in response.get_data(as_text=True).split("<title>")[1]
    assert "must be a number" in response.get_data(as_text=True)


def test_eligible_result_offers_an_account(client: PageClient) -> None:
    client.get_page("/nhi/?lang=en")
    helpers.answer_eligibility(client)
    page = client.get_page("/nhi/result/eligible")
    assert page.select_one("a[href^='/account/create']") is not None
    start = page.select_one("a.button--start")["href"]
    assert client.get(start).status_code == 302  # sign-in needed
    client.sign_up("Hanako")  # a fresh session: the answers come back through the link
    tasks = client.get_page(start)
    assert tasks.select_one("#task-1-status").get_text() == "Completed"


def test_household_of_three_signs_and_gets_a_copy(signed_in: PageClient) -> None:
    client = signed_in
    client.get_page("/nhi/?lang=en")
    helpers.answer_eligibility(client)
    helpers.fill_application(client)
    tasks = client.get_page("/nhi/application")
    assert tasks.get_text().count("Completed") == 6
    check = client.get_page("/nhi/application/check")
    assert "番号 一郎" in check.get_text() and "2026-04-01" in check.get_text()
    returned = helpers.sign(client)
    assert returned.status_code == 303
    sent = client.get_page(returned.headers["Location"])
    reference = sent.select_one("#nhi-reference").get_text()
    assert reference.startswith("NHI-")
    copy = client.get(sent.select_one("a[download]")["href"])
    assert copy.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(copy.data))
    text = "".join(p.extract_text() for p in reader.pages)
    assert reference in text and "番号 太郎" in text and "SHA-256" in text
    assert f"{reference}.json" in reader.attachments
    status_url = sent.select_one("main p a[href*='/nhi/enrolments/']:not([download])")["href"]
    status = client.get_page(status_url)
    assert status.select_one("#nhi-status").get_text() == "Received"
    row = client.get_page("/nhi/?lang=en").select_one("[data-testid=sent-list] li")
    assert row.select_one("a")["href"] == status_url and reference in row.get_text()
    assert "Received" in row.get_text()
    # the draft is gone: a new application starts empty
    assert "Not yet started" in client.get_page("/nhi/application").get_text()


def test_a_card_naming_someone_else_is_refused(signed_in: PageClient) -> None:
    client = signed_in
    client.get_page("/nhi/?lang=en")
    helpers.answer_eligibility(client)
    helpers.fill_application(client)
    response = helpers.sign(client, identity=helpers.someone_else())
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "does not belong to the applicant" in text and "番号\u3000太郎" in text
    assert "/nhi/enrolments/" not in text


def test_full_width_spaces_and_case_do_not_matter(signed_in: PageClient) -> None:
    client = signed_in
    client.get_page("/nhi/?lang=en")
    helpers.answer_eligibility(client)
    helpers.fill_application(client, {**helpers.APPLICANT, "full_name": "番号　花子"})
    assert helpers.sign(client).status_code == 303


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.pdf", "The selected file is empty"),
        (b"GIF89a\x01\x00", "scan.pdf", "must be a PDF, JPG or PNG"),
        (b"\xff\xd8\xff\xe0broken", "photo.jpg", "could not be read"),
    ],
)
def test_bad_files_are_refused(signed_in: PageClient, data: bytes, name: str, message: str) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    response = helpers.upload(signed_in, data, name)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_photo_metadata_is_removed(signed_in: PageClient) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    assert helpers.upload(signed_in, helpers.jpeg_with_gps(), "p.jpg").status_code == 303
    page = signed_in.get_page("/nhi/application/documents")
    stored = signed_in.get(page.select_one(".nhi-files a")["href"]).data
    assert stored.startswith(b"\xff\xd8") and b"PhoneMaker" not in stored


def test_late_loss_date_warns_about_back_dated_premiums(signed_in: PageClient) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    data = {**helpers.INSURANCE, "loss_date-year": "2025"}
    assert signed_in.post("/nhi/application/previous-insurance", data).status_code == 303
    page = signed_in.get_page("/nhi/application")
    assert "The 14-day deadline has passed" in page.get_text()
    assert "charged back" in page.get_text()


def test_typing_is_saved_and_restored_on_another_device(app, signed_in: PageClient) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    saved = signed_in.post(
        "/nhi/application/about-you/draft", {"full_name": "番号 花"}, htmx_target="draft-status"
    )
    assert saved.status_code == 200
    other = PageClient(app)
    other.authenticator = signed_in.authenticator
    other.sign_in()
    page = other.get_page("/nhi/application/about-you?lang=en")
    assert page.select_one("#full_name")["value"] == "番号 花"
    assert "We restored what you had typed" in page.get_text()


@pytest.mark.parametrize("question", ["registered", "how-many", "card-problems", "loss-document"])
def test_question_pages_pass_the_page_checks(client: PageClient, question: str) -> None:
    page = client.get_page(f"/nhi/questions/{question}")
    assert page.select_one("h1") is not None


def test_the_copy_shows_each_section_as_answered(signed_in: PageClient) -> None:
    """The copy reads the signed answers typed: the choices print under their labels."""
    helpers.answer_eligibility(signed_in)
    helpers.fill_application(signed_in)
    sent = signed_in.get_page(helpers.sign(signed_in).headers["Location"])
    copy = signed_in.get(sent.select_one("a[download]")["href"])
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(copy.data)).pages)
    words = " ".join(text.split())
    for shown in (
        "番号 太郎 (バンゴウ タロウ)",
        "男 / Male",
        "妻・夫 / Spouse",
        "全国健康保険協会 神奈川支部 (協会けんぽ / Japan Health Insurance Association)",
        "hanako@example.jp",
        "loss.pdf",
    ):
        assert shown in words, shown
