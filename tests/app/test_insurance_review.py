"""The insurance registration pages say what the sources say (issue 15, review plan D1–D13),
in Japanese and in English."""

from __future__ import annotations

import pytest

from tests.app.test_insurance import read_card, register
from tests.helpers.client import PageClient

LANGS = ("ja", "en")


def text_of(client: PageClient, url: str, lang: str, testid: str | None = None) -> str:
    page = client.get_page(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    if testid is None:
        return str(page.get_text())
    found = page.select_one(f"[data-testid={testid}]")
    assert found is not None, testid
    return str(found.get_text())


@pytest.mark.parametrize(
    ("lang", "paper", "join", "stay"),
    [
        (
            "ja",
            "なくしても再発行されません。国民健康保険の紙の保険証は、最長でも2025年9月30日まで",
            "加入や脱退の手続きは、これまでどおり必要",
            "在留カードを更新しても自動では延長されない",
        ),
        (
            "en",
            (
                "never reissued, even if lost. National Health Insurance paper cards were valid "
                "until 30 September 2025"
            ),
            "you still have to join and leave insurers",
            "Renewing the residence card does not extend it",
        ),
    ],
)
def test_the_start_page_says_paper_cards_are_gone_joining_is_still_needed_and_the_stay_ends(
    client: PageClient, lang: str, paper: str, join: str, stay: str
) -> None:
    """D1, D2, D12."""
    assert paper in text_of(client, "/insurance/", lang, "paper-cards")
    assert join in text_of(client, "/insurance/", lang, "join-and-leave")
    assert stay in text_of(client, "/insurance/", lang, "stay")


@pytest.mark.parametrize(
    ("lang", "face_atm", "atm_pin"),
    [
        ("ja", "暗証番号のないカードでは利用できません", "4桁の暗証番号が必要です"),
        ("en", "cannot register a card without one", "you need the 4-digit PIN"),
    ],
)
def test_a_card_without_a_pin_is_never_sent_to_the_atm(
    client: PageClient, lang: str, face_atm: str, atm_pin: str
) -> None:
    """D3: Seven Bank ATMs need the PIN (S1:36)."""
    face = text_of(client, "/insurance/result/face-card", lang)
    assert face_atm in face
    assert "画面で確認" not in face and "check on the ATM's screen" not in face
    no_device = client.get_page(f"/insurance/result/no-device?lang={lang}")
    atm = next(li.get_text() for li in no_device.select("li") if "ATM" in li.get_text())
    assert atm_pin in atm


@pytest.mark.parametrize(
    ("lang", "free", "renewal", "post", "notice"),
    [
        (
            "ja",
            "資格確認書は無料です",
            "更新のときに申請し直す必要はありません",
            "送り方は保険者によって異なります",
            "カードとお知らせを一緒に見せると受診できます",
        ),
        (
            "en",
            "is free",
            "do not need to apply again when it is renewed",
            "depends on the insurer",
            "show the card and the notice together",
        ),
    ],
)
def test_the_qualification_certificate_page(
    client: PageClient, lang: str, free: str, renewal: str, post: str, notice: str
) -> None:
    """D6, D7, D8, D9: free, no new application at renewal, no one delivery method."""
    text = text_of(client, "/insurance/qualification-certificate", lang)
    assert free in text and renewal in text and post in text and notice in text
    assert "簡易書留で届きます" not in text and "arrives by simple registered mail" not in text


@pytest.mark.parametrize(
    ("lang", "notice", "join", "grace"),
    [
        (
            "ja",
            "カードとお知らせを一緒に見せると受診できます",
            "加入や脱退の手続きは、これまでどおり必要",
            "カード自体が有効であれば",
        ),
        (
            "en",
            "show the card and the notice together",
            "you still have to join and leave insurers",
            "while the card itself is still valid",
        ),
    ],
)
def test_the_registration_result_carries_the_notice_rule_and_no_grace_date(
    client: PageClient, lang: str, notice: str, join: str, grace: str
) -> None:
    """D2, D6, D13: the chip gives the certificate's end only, so no "until" date is promised."""
    confirmation = register(client)
    page = client.get_page(f"{confirmation}?lang={lang}")
    assert notice in page.select_one("[data-testid=carry-notice]").get_text()
    assert join in page.select_one("[data-testid=join-and-leave]").get_text()
    assert grace in page.select_one("[data-testid=grace]").get_text()
    assert page.select_one("[data-testid=stay]") is not None
    text = page.get_text()
    assert "works for health insurance until" not in text and "保険証として使える期限" not in text


def test_the_status_page_promises_no_grace_date(client: PageClient) -> None:
    """D13: reading the card shows the certificate's end and the grace as a rule."""
    page = client.get_page(read_card(client, "/insurance/status") + "&lang=en")
    assert page.select_one("[data-testid=certificate-expiry] time") is not None
    assert "works for health insurance until" not in page.get_text()
    assert "3 more months" in page.select_one("[data-testid=grace]").get_text()
