"""Issue 15, the card application's review rows (docs/domain-review-plan.md B3–B13, H3): each
page says what the sources say, in Japanese and in English."""

from __future__ import annotations

import pytest

from tests.app.test_apply_eligibility import answer
from tests.helpers.client import PageClient
from tests.helpers.html import reader_text


def text_of(client: PageClient, path: str, lang: str) -> str:
    separator = "&" if "?" in path else "?"
    return reader_text(client.get_page(f"{path}{separator}lang={lang}"))


@pytest.mark.parametrize(
    ("lang", "fastest", "slower", "workplace"),
    [
        (
            "en",
            "The card is ready soonest this way",
            "A few days slower than online",
            "出張申請受付",
        ),
        (
            "ja",
            "カードの仕上がりがいちばん早い方法です",
            "オンラインより数日遅くなります",
            "出張申請受付",
        ),
    ],
)
def test_the_route_question_says_the_smartphone_is_fastest_and_offers_the_workplace(
    client: PageClient, lang: str, fastest: str, slower: str, workplace: str
) -> None:
    """B3 (S3:66, S2:167-169) and B13 (S3:403-409)."""
    text = text_of(client, "/apply/questions/route", lang)
    assert fastest in text and slower in text and workplace in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", ["restricted-recipient mail (本人限定受取郵便)", "do not need to go to the office"]),
        ("ja", ["本人限定受取郵便で届く", "受け取りに役所へ行く必要はありません"]),
    ],
)
def test_the_workplace_route_ends_on_its_own_page(
    client: PageClient, lang: str, says: list[str]
) -> None:
    """B13: the employer's on-site application is a route of its own, not a note."""
    assert answer(client, "route", "workplace") == "/apply/result/workplace"
    text = text_of(client, "/apply/result/workplace", lang)
    assert all(s in text for s in says)


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", ["has no application ID (申請書ID)", "Take the documents the notice lists"]),
        ("ja", ["申請書IDがないため", "通知書に書かれた書類を持って市区町村の窓口へ"]),
    ],
)
def test_a_renewal_notice_without_an_application_id_leads_to_the_office(
    client: PageClient, lang: str, says: list[str]
) -> None:
    """B9 (S2:127-134): without an application ID, the renewal is made at the office."""
    assert answer(client, "have-form", "renewal_no_id") == "/apply/result/renewal-at-office"
    text = text_of(client, "/apply/result/renewal-at-office", lang)
    assert all(s in text for s in says)


@pytest.mark.parametrize(
    ("lang", "fee", "notice"),
    [
        ("en", "money for the booth's photo fee", "arrives in about a month"),
        ("ja", "撮影料金（硬貨など）", "交付通知書は約1か月後に届きます"),
    ],
)
def test_the_photo_booth_page_names_no_fee_amount_and_no_receipt(
    client: PageClient, lang: str, fee: str, notice: str
) -> None:
    """B10: the sources give neither the booth's price nor a receipt (S3:58)."""
    text = text_of(client, "/apply/photo-booth", lang)
    assert fee in text and notice in text
    assert "800" not in text and "receipt" not in text and "控え" not in text


@pytest.mark.parametrize(
    ("reasons", "fee_shown"),
    [(["notes_full"], False), (["lost"], True), (["notes_full", "lost"], True)],
)
@pytest.mark.parametrize(("lang", "fee"), [("en", "2,000 yen"), ("ja", "2,000円")])
def test_the_express_page_names_the_fee_only_when_it_applies(
    client: PageClient, reasons: list[str], fee_shown: bool, lang: str, fee: str
) -> None:
    """B11: a reissue because the notes area is full is free, so no fee is named."""
    assert answer(client, "express", reasons) == "/apply/result/express"
    assert (fee in text_of(client, "/apply/result/express", lang)) is fee_shown


@pytest.mark.parametrize(
    ("lang", "front", "back"),
    [
        ("en", "The notes area (追記欄) on the front of my card is full", "on the back"),
        ("ja", "カード表面の追記欄がいっぱいになった", "裏面"),
    ],
)
def test_the_notes_area_is_on_the_front(
    client: PageClient, lang: str, front: str, back: str
) -> None:
    """B12: the 追記欄 is on the front of the card."""
    text = text_of(client, "/apply/questions/express", lang)
    assert front in text and back not in text


@pytest.mark.parametrize(
    ("lang", "notice", "wrong"),
    [
        ("en", "Individual Number Notice (個人番号通知書)", "a letter about your My Number"),
        ("ja", "通知カードまたは個人番号通知書と一緒に", "マイナンバーのお知らせ"),
    ],
)
def test_the_form_came_with_the_individual_number_notice(
    client: PageClient, lang: str, notice: str, wrong: str
) -> None:
    """H3 (S2:207-215): the letter's official name is 個人番号通知書."""
    answer(client, "have-form", "unknown")
    text = text_of(client, "/apply/result/what-is-the-form", lang)
    assert notice in text and wrong not in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "en",
            [
                "Only if illness, a disability or another unavoidable reason stops you",
                "before the notice arrives, you must apply again",
            ],
        ),
        (
            "ja",
            [
                "やむを得ない理由で行けない場合に限り、代理人が受け取れます",
                "交付通知書が届く前に別の市区町村へ引っ越した場合は、申請し直す必要があります",
            ],
        ),
    ],
)
def test_what_happens_next_says_who_collects_and_that_a_move_means_reapplying(
    client: PageClient, lang: str, says: list[str]
) -> None:
    """B4 (S2:281-283) and B5 (S2:277-279)."""
    page = client.get_page(f"/apply/what-happens-next?lang={lang}")
    text = reader_text(page)
    assert all(s in text for s in says)
    assert page.select_one("a[href='/apply/collect/questions/moved']") is not None


@pytest.mark.parametrize(
    ("lang", "closed"),
    [
        ("en", "closed for maintenance on the third Saturday of each month, 0:00 to 8:00"),
        ("ja", "毎月第3土曜日の0時〜8時はメンテナンスのため使えません"),
    ],
)
@pytest.mark.parametrize("route", ["smartphone", "pc"])
def test_the_online_routes_name_the_monthly_maintenance(
    client: PageClient, lang: str, closed: str, route: str
) -> None:
    """B8 (S2:236-240)."""
    assert closed in text_of(client, f"/apply/application/start?route={route}", lang)
    assert closed not in text_of(client, "/apply/application/start?route=mail", lang)
