"""Every sent, registered and status page says who received it (docs/truthful-outcomes.md §3).

Each journey is walked to its end in the demonstration (`make run`), and every page it ends on
is read in Japanese and English: the banner is there, the demo wording is there, and no page
claims J-LIS, the ward office or the national registration received anything. Then the same
journeys with a configured office (its name, no banner) and with nobody receiving (no Send).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from app.extensions import db
from tests.app import test_apply_application as apply
from tests.app import test_insurance as insurance
from tests.app import test_insurance_cancel as cancel
from tests.app.nhi import helpers as nhi
from tests.conftest import build_app
from tests.helpers.client import PageClient
from tests.helpers.html import reader_text
from tests.helpers.official_route import official_route_panel

BANNER = {
    "en": "This is a demonstration. What you send or register here reaches only this "
    "demonstration's office pages.",
    "ja": "これはデモ版です。ここで送信・登録した内容は、このデモの職員用ページにだけ届きます。",
}
# Claims no page may make while nobody official received anything (§3).
FORBIDDEN = {
    "ja": (
        "申請を送信しました",
        "健康保険証として登録しました",
        "このカードは健康保険証として登録されています",
        "まだここで登録されていません",
        "区役所に送信されました",
        "J-LISからメールが届きます",
    ),
    "en": (
        "We have sent your application",
        "Your card is registered for health insurance",
        "sent to the ward office",
        "not registered here yet",
    ),
}
# The demo wording each journey's last pages must show (C1, C2, C9, I2, I4, I5, I9, N4, N5,
# N8's pending state N9, X5, X6, X8), per language.
EXPECTED = {
    "card_application": {
        "en": (
            "Saved in this demonstration",
            "You have not applied for a card: J-LIS received nothing and will not email you.",
            "That is not a card application.",
        ),
        "ja": (
            "このデモに保存しました",
            "カードの申請はまだ済んでいません。J-LISには何も送られておらず、メールも届きません。",
            "これはカードの申請ではありません。",
        ),
    },
    "insurance_registration": {
        "en": (
            "Your card was checked (demonstration)",
            "You cannot use the card at clinics yet.",
            "After you register, check it in MynaPortal",
            "This card is recorded on this demonstration's office pages",
        ),
        "ja": (
            "カードを確認しました（デモ）",
            "まだ医療機関で保険証として使うことはできません。",
            "マイナポータルの「公金受取口座と健康保険証の登録状況確認」で確認できます",
            "このカードはこのデモの職員用ページに記録されています",
        ),
    },
    "nhi_enrolment": {
        "en": (
            "Sent to this demonstration's office pages",
            "You have not joined National Health Insurance: no ward office has it.",
            "Not yet decided on this demonstration's office pages.",
        ),
        "ja": (
            "このデモの職員用ページに送信しました",
            "国民健康保険の加入の届出はまだ済んでいません。",
            "このデモの職員用ページで確認中です。",
        ),
    },
    "insurance_cancellation": {
        "en": (
            "Sent to this demonstration's office pages",
            "Your registration is not cancelled.",
            "Received (demonstration)",
        ),
        "ja": (
            "このデモの職員用ページに送信しました",
            "利用登録は解除されていません。",
            "受付済み（デモ）",
        ),
    },
}
OFFICE = {
    "OFFICE_NAME_JA": "横浜市 鶴見区役所 保険年金課",
    "OFFICE_NAME_EN": "Tsurumi Ward Office, Insurance and Pension Division",
    "OFFICE_PHONE": "045-510-1807",
}


def walk_card_application(client: PageClient) -> list[str]:
    client.sign_up("Hanako")
    apply.begin(client)
    apply.answer_steps(client, apply.STEPS)
    apply.take_passing_photo(client)
    sent = client.post("/apply/application/send")
    assert sent.status_code == 303
    return [sent.headers["Location"], "/apply/what-happens-next", "/dashboard"]


def walk_insurance_registration(client: PageClient) -> list[str]:
    confirmation = insurance.register(client)
    status = insurance.read_card(client, "/insurance/status")
    return [confirmation, status]


def walk_nhi_enrolment(client: PageClient) -> list[str]:
    client.sign_up("Hanako")
    nhi.answer_eligibility(client)
    nhi.fill_application(client)
    sent = nhi.sign(client).headers["Location"]
    status = client.get_page(sent).select_one("main p a[href*='/nhi/enrolments/']:not([download])")
    return [sent, status["href"], "/dashboard"]


def walk_insurance_cancellation(client: PageClient, *, signed_in: bool = False) -> list[str]:
    if not signed_in:
        client.sign_up("Hanako")
    cancel.fill_in(client)
    documents = {
        "identity": (cancel.jpeg_with_location(), "id.jpg"),
        "authority": (b"%PDF-1.4\n%letter\n", "letter.pdf"),
    }
    uploaded = cancel.upload(client, documents)
    assert uploaded.headers["Location"] == "/insurance/cancel/check"  # type: ignore[attr-defined]
    sent = client.post("/insurance/cancel/check")
    assert sent.status_code == 303
    return [sent.headers["Location"]]


WALKS: dict[str, Callable[[PageClient], list[str]]] = {
    "card_application": walk_card_application,
    "insurance_registration": walk_insurance_registration,
    "nhi_enrolment": walk_nhi_enrolment,
    "insurance_cancellation": walk_insurance_cancellation,
}


def read(client: PageClient, path: str, language: str) -> str:
    """The page's visible text, in `language`, collapsed to single spaces."""
    separator = "&" if "?" in path else "?"
    page = client.get_page(f"{path}{separator}lang={language}")
    return reader_text(page)


@pytest.mark.parametrize("procedure", list(WALKS))
def test_the_demonstration_says_only_its_office_pages_received_it(
    client: PageClient, procedure: str
) -> None:
    pages = WALKS[procedure](client)
    for language in ("ja", "en"):
        texts = [read(client, path, language) for path in pages]
        for text in texts:
            assert BANNER[language] in text
            assert "This service is run by" not in text and "が運営しています" not in text
            for claim in FORBIDDEN[language]:
                assert claim not in text, (procedure, language, claim)
        everything = " ".join(texts)
        for expected in EXPECTED[procedure][language]:
            assert expected in everything, (procedure, language, expected)


@pytest.fixture
def office_app(tmp_path: Path) -> Iterator[Flask]:
    """A city that receives NHI enrolments and cancellations at its office; nothing else."""
    application = build_app(
        tmp_path,
        DEMO=False,
        RECEIVER_NHI_ENROLMENT="office",
        RECEIVER_INSURANCE_CANCELLATION="office",
        **OFFICE,
    )
    yield application
    db.engine_for(application).dispose()


def test_a_configured_office_is_named_and_there_is_no_banner(office_app: Flask) -> None:
    client = PageClient(office_app)
    sent, status, _ = walk_nhi_enrolment(client)
    ja, en = read(client, sent, "ja"), read(client, sent, "en")
    assert "横浜市 鶴見区役所 保険年金課に送信しました" in ja
    assert "署名され、横浜市 鶴見区役所 保険年金課に送信されました。" in ja
    assert "Sent to Tsurumi Ward Office, Insurance and Pension Division" in en
    assert "signed with your My Number Card and sent to Tsurumi Ward Office" in en
    assert BANNER["ja"] not in ja and BANNER["en"] not in en
    assert "demonstration" not in en and "デモ" not in ja
    # The footer says who runs the service (truthful-outcomes §1.2), on every page.
    assert "このサービスは横浜市 鶴見区役所 保険年金課が運営しています。" in read(client, "/", "ja")
    assert "This service is run by Tsurumi Ward Office, Insurance and Pension Division." in en
    assert "Tsurumi Ward Office, Insurance and Pension Division has not decided yet." in read(
        client, status, "en"
    )
    (cancelled,) = walk_insurance_cancellation(client, signed_in=True)
    assert "横浜市 鶴見区役所 保険年金課に送信しました" in read(client, cancelled, "ja")
    cancelled_en = read(client, cancelled, "en")
    assert "Tsurumi Ward Office, Insurance and Pension Division checks the request" in cancelled_en
    assert "Your registration is not cancelled." not in cancelled_en


@pytest.fixture
def none_app(tmp_path: Path) -> Iterator[Flask]:
    """A deployment with nobody receiving anything: the defaults without MYNA_DEMO."""
    application = build_app(tmp_path, DEMO=False)
    yield application
    db.engine_for(application).dispose()


def test_with_nobody_receiving_there_is_no_send_form_and_sending_is_not_found(
    none_app: Flask,
) -> None:
    client = PageClient(none_app)
    client.sign_up("Hanako")
    apply.begin(client)
    apply.answer_steps(client, apply.STEPS)
    apply.take_passing_photo(client)
    check = client.get_page("/apply/application/check?lang=en")
    assert check.select_one("form[action='/apply/application/send']") is None
    assert "This guide does not send your application." in check.get_text()
    assert "このガイドから申請は送信されません。" in read(client, "/apply/application/check", "ja")
    assert client.post("/apply/application/send").status_code == 404
    official_route_panel(check, "card_application")

    nhi.answer_eligibility(client)
    nhi.fill_application(client)
    nhi_check = client.get_page("/nhi/application/check?lang=en")
    assert nhi_check.select_one("form[action='/nhi/application/check']") is None
    assert (
        "on MynaPortal (ぴったりサービス), at the ward office or by post." in nhi_check.get_text()
    )
    assert "このガイドから届出は送信されません。" in read(client, "/nhi/application/check", "ja")
    assert client.post("/nhi/application/check", {"declaration": "yes"}).status_code == 404
    official_route_panel(nhi_check, "nhi_enrolment")

    cancel.fill_in(client)
    documents = {
        "identity": (cancel.jpeg_with_location(), "id.jpg"),
        "authority": (b"%PDF-1.4\n%letter\n", "letter.pdf"),
    }
    cancel.upload(client, documents)
    cancel_check = client.get_page("/insurance/cancel/check?lang=ja")
    assert cancel_check.select_one("form[action='/insurance/cancel/check']") is None
    assert "このガイドから申請は送信されません。" in cancel_check.get_text()
    assert client.post("/insurance/cancel/check").status_code == 404
    official_route_panel(cancel_check, "insurance_cancellation")

    assert BANNER["en"] not in read(client, "/", "en")


def test_with_nobody_receiving_no_card_is_recorded_and_the_status_sends_to_mynaportal(
    none_app: Flask,
) -> None:
    client = PageClient(none_app)
    insurance.agree_to_terms(client)
    landed = client.get(insurance.read_card(client, insurance.REGISTER))
    assert landed.status_code == 404  # nobody receives a registration here
    status = insurance.read_card(client, "/insurance/status")
    for language, text in (
        ("en", "This guide cannot see whether your card is registered. Check it in MynaPortal"),
        ("ja", "このガイドでは、利用登録されているかどうかは分かりません。"),
    ):
        assert text in read(client, status, language)


def test_the_journeys_say_from_the_start_that_the_demonstration_sends_nothing_official(
    client: PageClient,
) -> None:
    """C6-C8, C11, I1, I12, N1, N11, N12, X1, X4: the pages before sending say what the
    demonstration does."""
    client.sign_up("Hanako")
    apply.begin(client)
    apply.answer_steps(client, apply.STEPS)
    apply.take_passing_photo(client)
    insurance.agree_to_terms(client)
    nhi.answer_eligibility(client)
    cancel.fill_in(client)
    expected = {
        "/apply/application/terms": (
            "These are the official site's terms; this guide is not that site.",
            "これは公式サイトの利用規約の要約です。このガイドは公式サイトではありません。",
        ),
        "/insurance/terms": (
            "is linked to your health insurance. In this demonstration nothing is linked.",
            "このデモでは何もひも付けられません。",
        ),
        "/nhi/application/about-you": (
            "In this demonstration nobody calls or writes",
            "このデモでは電話やメールは来ません。",
        ),
        "/insurance/cancel/details": (
            "The form asks for it; in this demonstration nobody calls.",
            "申請書の記入項目です。このデモでは電話はかかってきません。",
        ),
        "/apply/application/start?route=smartphone": (
            "This demonstration does not send anything to J-LIS. You answer",
            "このデモはJ-LISに何も送りません。",
        ),
        "/apply/application/contact": (
            "In this demonstration nothing is sent to J-LIS, so no email comes.",
            "このデモではJ-LISに何も送られないため、メールは届きません。",
        ),
        "/apply/application/photo": (
            "This photo passed our checks. Download it to upload on the official site.",
            "公式サイトでアップロードできるよう、ダウンロードしてください。",
        ),
        "/insurance/register": (
            (
                "recorded on this demonstration's office pages only: it is not registered "
                "for health insurance."
            ),
            "健康保険証としての利用登録にはなりません。",
        ),
        "/nhi/": (
            "the signed form goes only to this demonstration's office pages, not to a ward office.",
            "署名した届出はこのデモの職員用ページにだけ届き、区役所には届きません。",
        ),
        "/": (
            "prepare the enrolment and find the official route.",
            "加入の届出を準備し、公式の届出方法を確認します。",
        ),
        "/insurance/cancel/": (
            (
                "In this demonstration the request goes only to this demonstration's office "
                "pages; nothing is cancelled."
            ),
            "申請はこのデモの職員用ページにだけ届き、実際には解除されません。",
        ),
    }
    for path, (en, ja) in expected.items():
        assert en in read(client, path, "en"), path
        ja_text = read(client, path, "ja")
        assert ja in ja_text and "J-LISからメールが届きます" not in ja_text, path


def test_the_nhi_account_is_needed_because_the_demonstration_answers(client: PageClient) -> None:
    """N2: the demonstration's office pages answer the application, not a ward office."""
    nhi.answer_eligibility(client)
    assert "this demonstration's office pages answer it, so you need an account." in read(
        client, "/nhi/result/eligible", "en"
    )
    assert "このデモの職員用ページから回答があるため" in read(client, "/nhi/result/eligible", "ja")


def test_with_nobody_receiving_the_start_pages_give_the_official_route(none_app: Flask) -> None:
    client = PageClient(none_app)
    nhi.answer_eligibility(client)
    assert "Create an account to save your answers and continue later." in read(
        client, "/nhi/result/eligible", "en"
    )
    insurance.agree_to_terms(client)
    assert "This does not register it." in read(client, "/insurance/register", "en")
    assert "これで登録されるわけではありません。" in read(client, "/insurance/register", "ja")
    assert (
        "you then apply on MynaPortal (ぴったりサービス), at the ward office or by post."
        in read(client, "/nhi/", "en")
    )
    assert "申請は郵送または窓口で保険者に提出します。" in read(client, "/insurance/cancel/", "ja")
