"""Each journey's last page ends with its official-route panel (issue 15): the official pages as
https links from app/domain/official_routes.py, the help lines as digits-only `tel:` links, in
Japanese and English; the footer's lines and the lost-card page."""

from __future__ import annotations

import pytest

from app.domain import official_routes as routes
from tests.app.nhi import helpers as nhi
from tests.app.test_apply_application import STEPS, answer_steps, begin, take_passing_photo
from tests.app.test_apply_by_mail import MAIL_STEPS
from tests.app.test_insurance import answer, register
from tests.app.test_insurance_cancel import fill_in, upload
from tests.helpers.client import PageClient
from tests.helpers.official_route import official_route_panel as panel


@pytest.mark.parametrize(
    ("lang", "heading", "line"),
    [
        ("ja", "公式の申請方法", "外国語でのお問い合わせ"),
        ("en", "The official application", "In other languages"),
    ],
)
def test_the_mail_application_ends_with_the_form_and_the_official_ways(
    signed_in: PageClient, lang: str, heading: str, line: str
) -> None:
    signed_in.post("/apply/application/begin", {"route": "mail"})
    for step, data in MAIL_STEPS:
        signed_in.post(f"/apply/application/{step}", data)
    sent = signed_in.post("/apply/application/send").headers["Location"]
    found = panel(signed_in.get_page(f"{sent}?lang={lang}"), "card_application")
    assert found.select_one("h2").get_text(strip=True) == heading
    assert found.select_one("a[download][href$='application.pdf']")
    assert line in found.get_text() and "tel:0120017827" in str(found)
    text = found.get_text()
    assert ("マイナンバー（12桁）をご自身で記入" if lang == "ja" else "12-digit My Number") in text
    assert ("口座番号" if lang == "ja" else "bank account") in text


@pytest.mark.parametrize(
    ("lang", "photo"), [("ja", "写真をダウンロード"), ("en", "Download the photo")]
)
def test_the_online_application_ends_with_the_checked_photo_ready_to_upload(
    signed_in: PageClient, lang: str, photo: str
) -> None:
    begin(signed_in)
    answer_steps(signed_in, STEPS)
    take_passing_photo(signed_in)
    sent = signed_in.post("/apply/application/send").headers["Location"]
    found = panel(signed_in.get_page(f"{sent}?lang={lang}"), "card_application")
    link = found.select_one("a[download][href$='/photo.jpg']")
    assert link is not None and link.get_text(strip=True).startswith(photo)
    assert signed_in.get(link["href"]).headers["Content-Type"] == "image/jpeg"
    assert not found.select("a[href$='application.pdf']")  # the form to post is for post only
    heading = "スマートフォンで申請" if lang == "ja" else "On a smartphone"
    assert heading in [h.get_text(strip=True) for h in found.select("h3")]
    items = [li.get_text(strip=True) for li in found.select("h3 + ol")[0].select("li")]
    assert items[1].startswith("申請書ID" if lang == "ja" else "Application form ID")
    assert items[-1].startswith("氏名の点字表記希望有無" if lang == "ja" else "Name in Braille")


@pytest.mark.parametrize(
    ("lang", "check"), [("ja", "登録状況確認"), ("en", "checked in MynaPortal")]
)
def test_the_insurance_status_page_gives_the_official_places_and_check(
    client: PageClient, lang: str, check: str
) -> None:
    found = panel(client.get_page(f"/insurance/status?lang={lang}"), "insurance_registration")
    assert check in found.get_text()
    assert found.select_one(f"a[href='{routes.link('insurance_registration').url}']")
    assert ("セブン銀行ATM" if lang == "ja" else "Seven Bank ATM") in found.get_text()


@pytest.mark.parametrize(
    ("lang", "checked"), [("ja", "このガイドで確認したのは"), ("en", "What this guide checked")]
)
def test_the_panel_says_what_the_card_check_did_only_after_a_card_was_read(
    client: PageClient, lang: str, checked: str
) -> None:
    result = answer(client, "know-pin", "not_sure")
    before = panel(client.get_page(f"{result}?lang={lang}"), "insurance_registration")
    assert checked not in before.get_text()
    after = panel(client.get_page(f"{register(client)}?lang={lang}"), "insurance_registration")
    assert checked in after.get_text()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_apply_result_page_carries_the_card_application_panel(
    client: PageClient, lang: str
) -> None:
    found = panel(client.get_page(f"/apply/result/express?lang={lang}"), "card_application")
    assert found.select_one(f"a[href='{routes.link('card_site').url}']")


@pytest.mark.parametrize(
    ("lang", "words"), [("ja", "ぴったりサービス"), ("en", "ぴったりサービス")]
)
def test_the_nhi_sent_and_status_pages_list_the_ward_offices(
    signed_in: PageClient, lang: str, words: str
) -> None:
    signed_in.get_page("/nhi/")
    nhi.answer_eligibility(signed_in)
    nhi.fill_application(signed_in)
    sent = signed_in.get_page(nhi.sign(signed_in).headers["Location"] + f"?lang={lang}")
    found = panel(sent, "nhi_enrolment")
    assert words in found.get_text()
    tsurumi = found.select_one("[data-testid=ward-contacts] a[href='tel:0455101807']")
    assert tsurumi is not None and tsurumi.get_text() == "045-510-1807"
    assert ("鶴見区" if lang == "ja" else "Tsurumi") in found.get_text()
    status_url = sent.select_one("main p a[href*='/nhi/enrolments/']:not([download])")["href"]
    panel(signed_in.get_page(f"{status_url}?lang={lang}"), "nhi_enrolment")


@pytest.mark.parametrize(
    ("lang", "form"), [("ja", "利用登録解除申請書"), ("en", "cancellation form")]
)
def test_the_cancellation_ends_with_the_official_form_and_documents(
    signed_in: PageClient, lang: str, form: str
) -> None:
    fill_in(signed_in, applicant="self")
    upload(signed_in, {"identity": (b"%PDF-1.4\n%id\n", "id.pdf")})
    sent = signed_in.post("/insurance/cancel/check").headers["Location"]
    found = panel(signed_in.get_page(f"{sent}?lang={lang}"), "insurance_cancellation")
    assert form in found.get_text()


@pytest.mark.parametrize(
    ("lang", "lost", "name"),
    [
        ("ja", "カードをなくしたとき", "マイナンバーカード総合サイト"),
        ("en", "Lost or stolen card?", "My Number Card general site"),
    ],
)
def test_the_footer_links_the_official_sites_the_lines_and_the_lost_card_page(
    client: PageClient, lang: str, lost: str, name: str
) -> None:
    footer = client.get_page(f"/?lang={lang}").select_one("footer")
    assert (
        footer.select_one(f"a[href='{routes.link('card_site').url}']").get_text().startswith(name)
    )
    assert footer.select_one("a[href='tel:0120950178']")
    link = footer.select_one("a[href='/card/lost']")
    assert link.get_text(strip=True) == lost


@pytest.mark.parametrize(("lang", "first"), [("ja", "一時利用停止"), ("en", "suspended")])
def test_the_lost_card_page_says_to_suspend_the_card_at_once(
    client: PageClient, lang: str, first: str
) -> None:
    main = client.get_page(f"/card/lost?lang={lang}").select_one("main")
    assert first in main.select_one("ol li").get_text()
    assert main.select_one("a[href='tel:0120950178']") and main.select_one(
        "a[href='tel:0120017827']"
    )
    assert ("24時間365日" if lang == "ja" else "24 hours a day") in main.get_text()
    assert main.select_one("[data-testid=scam-warning]")


@pytest.mark.parametrize(("lang", "pins"), [("ja", "6〜16文字"), ("en", "6 to 16 characters")])
def test_the_nhi_start_and_a_blocking_result_give_the_official_entrance_and_the_wards(
    client: PageClient, lang: str, pins: str
) -> None:
    start = panel(client.get_page(f"/nhi/?lang={lang}"), "nhi_enrolment")
    assert pins in start.get_text()
    assert start.select_one(f"a[href='{routes.link('yokohama_nhi_online').url}']")
    for question, data in nhi.ELIGIBLE:
        key = next(iter(data))
        response = client.post(
            f"/nhi/questions/{question}", {key: "no"} if key == "loss_document" else data
        )
        if key == "loss_document":
            break
    result = client.get_page(response.headers["Location"] + f"?lang={lang}")
    found = panel(result, "nhi_enrolment")
    assert response.headers["Location"] == "/nhi/result/no-document"
    seya = found.select_one("[data-testid=ward-contacts] a[href='tel:0453675725']")
    assert seya is not None and seya.get_text() == "045-367-5725"
