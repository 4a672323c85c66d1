"""The PIN texts of the insurance results (docs/domain-review-plan.md F1, H2, H13): the J-LIS
reset app by its name, natural Japanese without colons, in Japanese and English."""

from __future__ import annotations

import pytest

from tests.helpers.client import PageClient
from tests.helpers.html import reader_text


def know_pin(client: PageClient, value: str) -> str:
    client.post("/insurance/questions/have-card", {"have_card": "pin"})
    response = client.post("/insurance/questions/know-pin", {"know_pin": value})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return str(response.headers["Location"])


@pytest.mark.parametrize(
    ("lang", "title", "kiosk"),
    [
        (
            "en",
            "Do not guess your PIN",
            "First book the reset with a face check in the J-LIS app 「JPKI暗証番号リセット」",
        ),
        (
            "ja",
            "暗証番号を推測で入力しないでください",
            "まずJ-LISのアプリ「JPKI暗証番号リセット」で顔の確認をして予約し、24時間以内に",
        ),
    ],
)
def test_not_sure_of_the_pin_names_the_reset_app_in_plain_sentences(
    client: PageClient, lang: str, title: str, kiosk: str
) -> None:
    assert know_pin(client, "not_sure") == "/insurance/result/pin-not-sure"
    page = client.get_page(f"/insurance/result/pin-not-sure?lang={lang}")
    text = reader_text(page)
    assert page.select_one("h1").get_text(strip=True) == title
    assert kiosk in text
    assert (
        "当てずっぽう" not in text and "で：" not in text and "JPKI app on your phone" not in text
    )
