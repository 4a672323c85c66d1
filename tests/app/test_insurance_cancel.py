"""Cancelling the registration: the request with documents, the office list, the status."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.storage import blobs
from app.storage.models import Blob, User
from tests.helpers import crafted_images as crafted
from tests.helpers.client import PageClient

DETAILS = {
    "name": "番号 花子",
    "birth-date-year": "１９９０",
    "birth-date-month": "4",
    "birth-date-day": "1",
    "address": "東京都中央区築地1-1-1",
    "phone": "03-1234-5678",
    "insured_number": "記号 12 番号 3456",
    "reason": "",
}


def jpeg_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 40.0, 0.0)}  # GPS
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(client: PageClient, files: dict[str, tuple[bytes, str]]) -> object:
    data = {kind: (io.BytesIO(body), name) for kind, (body, name) in files.items()}
    return client.post(
        "/insurance/cancel/documents?lang=en", data, content_type="multipart/form-data"
    )


def fill_in(client: PageClient, applicant: str = "agent", valid_card: str = "no") -> None:
    for question, value in (
        ("applicant", applicant),
        ("insurer", "nhi"),
        ("valid-card", valid_card),
    ):
        field = question.replace("-", "_")
        response = client.post(f"/insurance/cancel/questions/{question}", {field: value})
        assert response.status_code == 303
    response = client.post("/insurance/cancel/details", DETAILS)
    assert response.headers["Location"] == "/insurance/cancel/documents"


def test_the_start_page_says_who_may_apply_and_what_happens(client: PageClient) -> None:
    text = client.get_page("/insurance/cancel/?lang=en").get_text()
    assert "same household" in text and "letter of authority" in text
    assert "about two months" in text and "資格確認書" in text
    assert client.get("/insurance/cancel/questions/applicant").status_code == 302  # sign in first


def test_another_insurer_is_sent_elsewhere(signed_in: PageClient) -> None:
    response = signed_in.post("/insurance/cancel/questions/insurer", {"insurer": "employee"})
    assert response.headers["Location"] == "/insurance/cancel/other-insurer/employee"
    assert "employer" in signed_in.get_page(response.headers["Location"] + "?lang=en").get_text()


def test_details_are_checked(signed_in: PageClient) -> None:
    response = signed_in.post(
        "/insurance/cancel/details?lang=en",
        {**DETAILS, "birth-date-day": "31", "birth-date-month": "2", "phone": "12"},
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Date of birth must be a real date" in text and "10 or 11 digits" in text


def test_a_request_with_documents_reaches_the_office(signed_in: PageClient, app: Flask) -> None:
    fill_in(signed_in)
    missing = upload(signed_in, {"identity": (jpeg_with_location(), "id.jpg")})
    assert missing.status_code == 422  # an agent also needs the letter of authority
    assert "Select a file" in missing.get_data(as_text=True)
    wrong = upload(signed_in, {"authority": (b"just text, named .pdf", "letter.pdf")})
    assert wrong.status_code == 422
    assert "must be a PDF, JPG or PNG" in wrong.get_data(as_text=True)
    done = upload(signed_in, {"authority": (b"%PDF-1.4\n%letter\n", "letter.pdf")})
    assert done.headers["Location"] == "/insurance/cancel/check"
    check = signed_in.get_page("/insurance/cancel/check?lang=en")
    assert "id.jpg" in check.get_text() and "番号 花子" in check.get_text()
    assert "1990-04-01" in check.get_text()
    sent = signed_in.post("/insurance/cancel/check")
    page = signed_in.get_page(sent.headers["Location"] + "?lang=en")
    reference = page.select_one("[data-testid=reference]").get_text()
    assert reference.startswith("HC-") and "Received" in page.get_text()

    with app.app_context():
        rows = db.session.scalars(select(Blob).where(Blob.kind == "insurance_cancel_document"))
        stored = [blobs.get(db.session, row.id) for row in rows]
        images = [s for s in stored if s and s.media_type == "image/jpeg"]
        assert images and b"PhoneMaker" not in images[0].data and b"Exif" not in images[0].data
        assert all(b"PhoneMaker" not in row.data_enc for row in db.session.scalars(select(Blob)))

    assert signed_in.get("/office/insurance/").status_code == 403
    with app.app_context():
        db.session.scalars(select(User)).one().is_staff = True
        db.session.commit()
    assert "/office/insurance/" in str(signed_in.get_page("/office/"))
    office = signed_in.get_page("/office/insurance/?lang=en")
    link = office.select_one("[data-testid=cancellations] a")
    assert link.get_text() == reference
    detail = signed_in.get_page(link["href"] + "?lang=en")
    document = signed_in.get(detail.select_one("a[href*='/documents/authority']")["href"])
    assert document.data.startswith(b"%PDF-") and document.mimetype == "application/pdf"
    status_form = detail.select_one("form[action$='/status']")
    signed_in.post(status_form["action"], {"status": "completed"})
    mine = signed_in.get_page("/insurance/cancel/requests?lang=en")
    row = mine.select_one("[data-testid=sent-list] li")
    assert (
        row.select_one("a").get_text() == reference
        and "Completed (demonstration: nothing cancelled or posted)" in row.get_text()
    )
    assert row.select_one("a")["href"] == sent.headers["Location"]


def test_an_image_over_the_pixel_cap_is_refused(signed_in: PageClient, app: Flask) -> None:
    fill_in(signed_in, applicant="self")
    response = upload(signed_in, {"identity": (crafted.png_bomb(), "id.png")})
    assert response.status_code == 422
    assert "too large (over 72 megapixels)" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Blob)).first() is None


def test_a_document_sent_again_replaces_the_file(signed_in: PageClient, app: Flask) -> None:
    fill_in(signed_in, applicant="self")
    for _ in range(3):
        response = upload(signed_in, {"identity": (jpeg_with_location(), "id.jpg")})
        assert response.status_code == 303
    with app.app_context():
        kinds = list(db.session.scalars(select(Blob.kind)))
    assert kinds == ["insurance_cancel_document"]  # the replaced files are gone


def test_a_broken_image_is_called_unreadable_as_for_nhi(signed_in: PageClient) -> None:
    """One problem list for every document: a JPEG whose headers are broken is "could not be
    read" here too (it used to be called the wrong type)."""
    fill_in(signed_in, applicant="self")
    response = upload(signed_in, {"identity": (b"\xff\xd8\xff\xe0 broken", "id.jpg")})
    assert response.status_code == 422
    assert "could not be read" in response.get_data(as_text=True)


def test_a_document_is_named_by_its_content_as_for_nhi(signed_in: PageClient) -> None:
    """The name shown to the resident and the office drops folders and control characters
    and takes the extension the content has (it used to keep the name as sent)."""
    fill_in(signed_in, applicant="self")
    response = upload(signed_in, {"identity": (b"%PDF-1.4\n%id\n", "..\\scans/my\x07id.exe")})
    assert response.status_code == 303
    check = signed_in.get_page("/insurance/cancel/check?lang=en").get_text()
    assert "myid.pdf" in check and ".exe" not in check


def test_the_request_is_typed_and_a_draft_reads_back_as_it_was_saved() -> None:
    from app.services.insurance_cancel import CancellationRequest

    saved = {
        "applicant": "agent",
        "insurer": "nhi",
        "details": {"name": "番号 花子", "birth_date": "1990-04-01", "reason": None},
        "documents": {
            "identity": {"blob_id": "b", "name": "id.jpg", "media_type": "image/jpeg", "size": 3}
        },
    }
    typed = CancellationRequest.from_draft(saved)
    assert typed.needed_documents == ("identity", "authority") and not typed.complete
    assert typed.valid_card == ""  # a draft from before the question: asked again
    assert typed.details is not None and typed.details.birth_date == "1990-04-01"
    again = CancellationRequest.from_draft(typed.to_draft())
    assert again == typed


def test_the_person_s_valid_card_is_a_required_document_when_they_hold_one(
    signed_in: PageClient,
) -> None:
    """Review plan E2 (S4:106-113): the copy is asked for; no request is sent without it."""
    fill_in(signed_in, applicant="self", valid_card="yes")
    page = signed_in.get_page("/insurance/cancel/documents?lang=en")
    assert page.select_one("input[name=insurance_card]") is not None
    missing = upload(signed_in, {"identity": (jpeg_with_location(), "id.jpg")})
    assert missing.status_code == 422
    assert signed_in.get("/insurance/cancel/check").status_code in (302, 303)
    assert signed_in.post("/insurance/cancel/check").status_code in (302, 303)  # nothing sent
    done = upload(signed_in, {"insurance_card": (b"%PDF-1.4\n%card\n", "card.pdf")})
    assert done.headers["Location"] == "/insurance/cancel/check"
    check = signed_in.get_page("/insurance/cancel/check?lang=ja").get_text()
    assert "有効な被保険者証または資格確認書" in check and "card.pdf" in check


@pytest.mark.parametrize(
    ("applicant", "valid_card", "lang", "arrives", "absent"),
    [
        ("agent", "no", "ja", "世帯主あてに郵送されます", "簡易書留"),
        ("agent", "no", "en", "posted later to the head of household", "simple registered"),
        ("self", "yes", "ja", "すぐには発行されません", "世帯主あて"),
        ("self", "yes", "en", "not issued straight away", "head of household"),
        ("household", "no", "en", "your insurer sends a 資格確認書", "head of household"),
    ],
)
def test_the_sent_page_says_how_the_qualification_form_follows(
    signed_in: PageClient, applicant: str, valid_card: str, lang: str, arrives: str, absent: str
) -> None:
    """Review plan E3 (S4:101), E4 (S4:135), E5 (S4:132), E6 (S4:134)."""
    fill_in(signed_in, applicant=applicant, valid_card=valid_card)
    files = {"identity": (b"%PDF-1.4\n%id\n", "id.pdf")}
    if applicant == "agent":
        files["authority"] = (b"%PDF-1.4\n%letter\n", "letter.pdf")
    if valid_card == "yes":
        files["insurance_card"] = (b"%PDF-1.4\n%card\n", "card.pdf")
    assert upload(signed_in, files).headers["Location"] == "/insurance/cancel/check"
    sent = signed_in.post("/insurance/cancel/check")
    page = signed_in.get_page(f"{sent.headers['Location']}?lang={lang}")
    text = page.select_one("[data-testid=what-arrives]").get_text()
    assert arrives in text and absent not in text  # the official-route panel lists every case
    yourself = page.select_one("[data-testid=check-yourself]").get_text()
    assert ("ご自身でマイナポータルで確認" if lang == "ja" else "MynaPortal yourself") in yourself
    moving = page.select_one("[data-testid=new-insurer]").get_text()
    told = "新しい保険者に解除を申請したこと" if lang == "ja" else "tell the new insurer"
    assert told in moving


@pytest.mark.parametrize(
    ("lang", "same_household", "insurer", "not_said", "card_copy"),
    [
        (
            "ja",
            "同一世帯の方は不要",
            "国民健康保険の保険者は市区町村です",
            "保険者である区役所",
            "有効な資格確認書または保険証の写し",
        ),
        (
            "en",
            "same household does not need one",
            "run by your city",
            "the insurer for National",
            "valid 資格確認書 or health insurance card, if they have one",
        ),
    ],
)
def test_the_start_page_says_who_needs_a_letter_and_who_the_insurer_is(
    client: PageClient, lang: str, same_household: str, insurer: str, not_said: str, card_copy: str
) -> None:
    """Review plan E1 (S4:96-100) and E8 (the city is the NHI insurer, not the ward)."""
    page = client.get_page(f"/insurance/cancel/?lang={lang}")
    assert same_household in page.select_one("[data-testid=authority]").get_text()
    assert insurer in page.select_one("[data-testid=insurer]").get_text()
    assert not_said not in page.get_text()
    assert card_copy in page.get_text()  # E2


def test_the_insurer_question_names_the_city_not_the_ward(signed_in: PageClient) -> None:
    """Review plan E8: 「区の国民健康保険」 is said nowhere."""
    signed_in.post("/insurance/cancel/questions/applicant", {"applicant": "self"})
    ja = signed_in.get_page("/insurance/cancel/questions/insurer?lang=ja").get_text()
    assert "市区町村の国民健康保険" in ja and "区の国民健康保険" not in ja.replace("市区町村の", "")
    en = signed_in.get_page("/insurance/cancel/questions/insurer?lang=en").get_text()
    assert "National Health Insurance from your city" in en
    other = signed_in.get_page("/insurance/cancel/other-insurer/not_sure?lang=ja").get_text()
    assert "市区町村名（例：横浜市）" in other and "区の名前" not in other
