"""The mail route (a printable form filled from the answers) and the server-side QR scan."""

from __future__ import annotations

import io

import pypdf
import segno
from PIL import Image

from tests.helpers.client import PageClient

MAIL_STEPS = [
    (
        "details",
        {"full_name": "山田 花子", "address": "横浜市中区港町1-1", "phone": "045-123-4567"},
    ),
    ("date-of-birth", {"date-year": "1990", "date-month": "3", "date-day": "27"}),
    ("certificates", {"certificates": "user_only"}),
    ("braille", {"braille": "no"}),
]
FORM_ID = "12345678901234567890123"


def test_the_mail_route_ends_with_a_pdf_of_the_form_with_the_name(signed_in: PageClient) -> None:
    assert signed_in.post("/apply/application/begin", {"route": "mail"}).headers["Location"] == (
        "/apply/application/details"
    )
    for step, data in MAIL_STEPS:
        assert signed_in.post(f"/apply/application/{step}", data).status_code == 303
    soup = signed_in.get_page("/apply/application/check?lang=en")
    assert soup.select_one("form[action='/apply/application/send'] button").get_text(
        strip=True
    ) == ("Create the form to post")
    sent = signed_in.post("/apply/application/send").headers["Location"]
    page = signed_in.get_page(sent + "?lang=en")
    assert "Your form is ready to post" in page.select_one("h1").get_text()
    pdf = signed_in.get(page.select_one("a[href$='application.pdf']")["href"])
    reader = pypdf.PdfReader(io.BytesIO(pdf.data))
    text = reader.pages[0].extract_text()
    assert "山田 花子" in text and "署名用電子証明書の発行を希望しません" in text
    font = next(iter(reader.pages[0]["/Resources"]["/Font"].values())).get_object()
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert "/FontFile2" in descriptor  # the Japanese font is embedded
    row = signed_in.get_page("/apply/?lang=en").select_one("[data-testid=sent-list] li")
    assert row.select_one("a")["href"] == sent and "Form ready to post" in row.get_text()


def test_the_mail_form_pdf_shows_every_answer_as_typed(signed_in: PageClient) -> None:
    """The handwritten form's copy prints each step's answer: details, the birth date in
    the form's 年月日 shape, the certificate boxes and the Braille choice."""
    signed_in.post("/apply/application/begin", {"route": "mail"})
    for step, data in MAIL_STEPS:
        assert signed_in.post(f"/apply/application/{step}", data).status_code == 303
    sent = signed_in.post("/apply/application/send").headers["Location"]
    page = signed_in.get_page(sent)
    pdf = signed_in.get(page.select_one("a[href$='application.pdf']")["href"])
    text = pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    for shown in ("横浜市中区港町1-1", "0451234567", "1990年3月27日", "希望しない / No"):
        assert shown in text, text
    assert "■ 署名用電子証明書" in text and "□ 利用者証明用電子証明書" in text


def test_details_are_required_and_the_phone_must_look_like_a_phone(signed_in: PageClient) -> None:
    signed_in.post("/apply/application/begin", {"route": "mail"})
    response = signed_in.post(
        "/apply/application/details?lang=en", {"full_name": "", "address": "x", "phone": "12"}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Enter your full name" in html and "Enter a phone number with 10 or 11 digits" in html


def qr_photo(text: str) -> bytes:
    """A photo-like picture of a form corner with the QR code on it."""
    code = io.BytesIO()
    segno.make(text, error="m").save(code, kind="png", scale=8, border=4)
    page = Image.new("RGB", (1200, 900), (246, 244, 238))
    page.paste(Image.open(code).convert("RGB"), (700, 200))
    out = io.BytesIO()
    page.save(out, format="JPEG", quality=90)
    return out.getvalue()


def test_the_qr_code_of_the_form_fills_in_the_id_on_the_server(signed_in: PageClient) -> None:
    signed_in.post("/apply/application/begin", {"route": "smartphone"})
    response = signed_in.post(
        "/apply/application/application-id/scan",
        {"form_photo": (io.BytesIO(qr_photo(f"https://example.jp/apply?id={FORM_ID}")), "qr.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    soup = signed_in.get_page(response.headers["Location"] + "&lang=en")
    assert soup.select_one("#application_id")["value"] == FORM_ID
    assert "We read the ID from the QR code" in soup.get_text()


def test_a_photo_without_a_qr_code_says_so_and_keeps_the_field(signed_in: PageClient) -> None:
    signed_in.post("/apply/application/begin", {"route": "smartphone"})
    blank = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 200, 200)).save(blank, format="JPEG")
    response = signed_in.post(
        "/apply/application/application-id/scan?lang=en",
        {"form_photo": (io.BytesIO(blank.getvalue()), "qr.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "No QR code with an application ID was found" in response.get_data(as_text=True)
