"""Driving the NHI journey through the test client: answers, sections, files, the card."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from PIL import Image

from card_relay.testca.identity import DEFAULT, Identity
from tests.app.relay_helpers import FakeAgent, start_job
from tests.helpers.client import PageClient

ELIGIBLE = [
    ("registered", {"registered": "yes"}),
    ("moving-in", {"moving_in": "no"}),
    ("who", {"who": "self"}),
    ("reason", {"reason": "employee"}),
    ("how-many", {"how_many": "3"}),
    ("card", {"card": "yes"}),
    ("card-problems", {"card_problems": "none"}),
    ("loss-document", {"loss_document": "yes"}),
]
APPLICANT = {
    "full_name": "番号 花子",
    "birth_date-year": "1990",
    "birth_date-month": "4",
    "birth_date-day": "1",
    "relationship": "head",
    "phone": "045-123-4567",
    "email": "hanako@example.jp",
}
HEAD = {"is_applicant": "yes", "kana": "ばんごう はなこ"}
PEOPLE = [
    {
        "full_name": "番号 花子",
        "kana": "バンゴウ ハナコ",
        "y": "1990",
        "m": "4",
        "d": "1",
        "sex": "female",
        "relationship": "head",
        "myna_hokensho": "yes",
    },
    {
        "full_name": "番号 太郎",
        "kana": "バンゴウ タロウ",
        "y": "1988",
        "m": "9",
        "d": "13",
        "sex": "male",
        "relationship": "spouse",
        "myna_hokensho": "yes",
    },
    {
        "full_name": "番号 一郎",
        "kana": "バンゴウ イチロウ",
        "y": "2018",
        "m": "5",
        "d": "20",
        "sex": "male",
        "relationship": "child",
        "myna_hokensho": "no",
    },
]
INSURANCE = {
    "loss_date-year": "2026",
    "loss_date-month": "4",
    "loss_date-day": "1",
    "insurer_type": "kyokai",
    "insurer_name": "全国健康保険協会 神奈川支部",
    "symbol_number": "",
}
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def answer_eligibility(client: PageClient) -> None:
    for question, data in ELIGIBLE:
        response = client.post(f"/nhi/questions/{question}", data)
        assert response.status_code == 303, (question, response.status_code)


def person_form(person: dict[str, str]) -> dict[str, str]:
    return {
        "full_name": person["full_name"],
        "kana": person["kana"],
        "birth_date-year": person["y"],
        "birth_date-month": person["m"],
        "birth_date-day": person["d"],
        "sex": person["sex"],
        "relationship": person["relationship"],
        "myna_hokensho": person["myna_hokensho"],
        "same_insurance": person.get("same_insurance", "yes"),
        **{k: v for k, v in person.items() if k.startswith(("loss_date", "insurer_"))},
    }


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(client: PageClient, data: bytes, name: str, kind: str = "loss_certificate") -> Any:
    return client.post(
        "/nhi/application/documents",
        {"document": (io.BytesIO(data), name), "kind": kind},
        content_type="multipart/form-data",
    )


def fill_application(client: PageClient, applicant: dict[str, str] | None = None) -> None:
    client.get_page("/nhi/application")
    for section, data in (
        ("about-you", applicant or APPLICANT),
        ("head-of-household", HEAD),
        ("previous-insurance", INSURANCE),
    ):
        response = client.post(f"/nhi/application/{section}", data)
        assert response.status_code == 303, (section, response.get_data(as_text=True)[:2000])
    for person in PEOPLE:
        assert client.post("/nhi/application/people/new", person_form(person)).status_code == 303
    assert client.post("/nhi/application/people").status_code == 303
    assert upload(client, MINIMAL_PDF, "loss.pdf").status_code == 303
    assert upload(client, jpeg_with_gps(), "photo.jpeg", "other").status_code == 303


def sign(
    client: PageClient,
    identity: Identity | None = None,
    pin: str | None = None,
    *,
    lang: str | None = None,
) -> Any:
    """Confirm, open the sign page, run the card, claim; returns the response of the return
    (made in the site language `lang` when given: the language the enrolment is sent in)."""
    assert client.post("/nhi/application/check", {"declaration": "yes"}).status_code == 303
    page = client.get_page("/nhi/application/sign")
    document = page.select_one("#card-relay-panel input[name=document]")["value"]
    job = start_job(client, purpose="sign", return_to="/nhi/application/sign", document=document)
    result = FakeAgent(client).run(job.ticket, pin=pin, identity=identity)
    assert result.status_code == 200, result.get_data(as_text=True)
    claim = client.post(f"/relay/v1/jobs/{job.job_id}/claim")
    assert claim.status_code == 303
    back = claim.headers["Location"]
    return client.get(f"{back}&lang={lang}" if lang else back)


def someone_else() -> Identity:
    return replace(DEFAULT, id="taro", name="番号\u3000太郎")
