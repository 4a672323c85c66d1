"""Enrolling in National Health Insurance: the questions, an account made on the way, a household
of three and the documents on a phone; then, on a computer with a card reader, the check and the
card signature through the real desktop agent (the simulated card behind pcscd + vpcd,
`e2e/card.py`), the confirmation and the copy. A card whose signature certificate names
someone else is refused first. Every blocking answer ends on its result page.

Two devices, as the issue describes and as people do: forms are filled on the phone, the card
reader is on the computer. The computer is a second browser profile signed in with the same
passkey (synced, as a password manager does), which also shows the draft is resumable on
another device.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pypdf
import pytest
from playwright.sync_api import expect

from app.labels import nhi as labels
from app.services.nhi_signing import TITLE
from app.services.pdf_language import beside
from card_relay.agent import AgentServer
from e2e.browser import Tab
from e2e.card import HANAKO, SIGNATURE_PIN, CardReader, PinWatch
from e2e.conftest import BrowserSessions
from e2e.languages import speak
from e2e.pages.account import CreateAccountPage, SignInPage
from e2e.pages.card import UseYourCard
from e2e.pages.nhi import NhiPage
from tests.app.nhi import helpers

pytestmark = pytest.mark.e2e

# The applicant's husband (the household's second person): his card, issued by the same test
# CA, in the reader by mistake. Name and date of birth differ from the applicant's answers.
TARO = replace(HANAKO, id="e2e-taro", name="番号\u3000太郎", birth_date=date(1988, 9, 13), sex="1")

QUESTIONS = [
    ("Is your address registered in Yokohama?", "Yes"),
    ("Are you also moving into Yokohama from another city now?", "No"),
    ("Who is applying?", "I am joining National Health Insurance"),
    ("Why are you joining National Health Insurance?", "I left my employer's health insurance"),
    ("How many people are joining, including you if you are?", "3"),
    (
        "Do you have your My Number Card, and do you know its signature password?",
        "Yes, I have the card and know the signature password",
    ),
    ("Do any of these apply to the applicant's card?", "None of these"),
    ("Do you have a document showing when you lost your previous insurance?", "Yes"),
]
BLOCKS = [
    (0, "No", "You cannot use Yokohama's online form"),
    (1, "Yes", "Join at your ward office when you register your move"),
    (
        2,
        "Someone else (not in my household)",
        "Only the person joining or their household can apply online",
    ),
    (
        3,
        "Another reason (birth, moving in, public assistance ended…)",
        "This online form is only for people who left employee insurance",
    ),
    (4, "11", "Apply at the ward office or by post"),
    (5, "I do not have a My Number Card", "You need a My Number Card to apply online"),
    (
        5,
        "The signature password is locked",
        "You need the signature password to sign the application",
    ),
    (6, "The signature certificate has expired", "Renew the signature certificate first"),
    (
        6,
        "I moved or changed my name since the certificate was issued",
        "You need a new signature certificate",
    ),
    (6, "The applicant is under 15", "Someone 15 or over must apply"),
    (7, "No", "Get a document showing when you lost your insurance"),
]


def answer_questions(tab: Tab, upto: int = len(QUESTIONS), last: str | None = None) -> NhiPage:
    tab.goto("/nhi/")
    page = NhiPage(tab, "Join National Health Insurance")
    page = page.follow("Start now", QUESTIONS[0][0])
    for number, (question, answer) in enumerate(QUESTIONS[:upto]):
        given = last if (last is not None and number == upto - 1) else answer
        following = (
            QUESTIONS[number + 1][0] if number + 1 < len(QUESTIONS) else "You can apply online"
        )
        if number == 4:
            page.fill(question, given)
            if given != answer:
                return page.press("Continue", BLOCKS[4][2])
            page = page.press("Continue", following)
        elif given != answer:
            page.choose(given)
            return page
        else:
            page = page.answer(given, then=following)
    return page


def fill_sections(tab: Tab, page: NhiPage) -> NhiPage:
    _ = tab.texts
    page = page.follow("Tell us about you", "About you")
    page.fill("Your full name (氏名)", "番号 花子")
    page.fill_date("birth_date", "1990", "4", "1")
    page.choose_option(labels.RELATIONSHIPS, "head")
    page.fill("Daytime phone number (電話番号)", "045-123-4567")
    page.fill("Email address (メールアドレス)", "hanako@example.jp")
    expect(tab.page.get_by_text(_("Draft saved"))).to_be_visible()
    page = page.press("Save and continue", "The head of household")
    page.choose("Yes")
    page.fill("Head of household's name in katakana (フリガナ)", "ばんごう はなこ")
    page = page.press("Save and continue", "People joining")
    for person in helpers.PEOPLE:
        page = _add_person(tab, page, person)
    page = page.press("I have added everyone", "Your National Health Insurance application")
    page = page.follow("Give the date you lost your previous insurance", "Your previous insurance")
    page.fill_date("loss_date", "2026", "4", "1")
    page.choose_option(labels.INSURERS, "kyokai")
    page.fill("Name of the insurer (保険者名称)", "全国健康保険協会 神奈川支部")
    page = page.press("Save and continue", "Your National Health Insurance application")
    expect(tab.page.locator("#nhi-timing")).to_be_visible()
    page = page.follow("Add the documents", "Documents")
    for name, data, kind in (
        (
            "loss.pdf",
            helpers.MINIMAL_PDF,
            "Certificate of loss of insurance (資格喪失証明書) or another proof",
        ),
        ("photo.jpg", helpers.jpeg_with_gps(), "Another document"),
    ):
        tab.page.locator("#document").set_input_files(
            {"name": name, "mimeType": "application/octet-stream", "buffer": data}
        )
        page.choose(kind)
        page = page.press("Add the document", "Documents")
    return page.follow("Back to your application", "Your National Health Insurance application")


def _add_person(tab: Tab, page: NhiPage, person: dict[str, str]) -> NhiPage:
    first = person is helpers.PEOPLE[0]
    tab.page.get_by_role(
        "button", name=tab.texts("Add a person" if first else "Add another person")
    ).click()
    number = helpers.PEOPLE.index(person) + 1
    page = NhiPage(tab, "Person %(number)d joining", number=number)
    page.fill("Full name (氏名)", person["full_name"])
    page.fill("Name in katakana (フリガナ)", person["kana"])
    page.fill_date("birth_date", person["y"], person["m"], person["d"])
    page.choose_option(labels.SEXES, person["sex"])
    page.choose_option(labels.RELATIONSHIPS, person["relationship"])
    tab.page.locator(f"input[name=myna_hokensho][value={person['myna_hokensho']}]").check()
    tab.page.locator("input[name=same_insurance][value=yes]").check()
    return page.press("Save this person", "People joining")


def sign_with_the_card(page: NhiPage, lands_on: str) -> NhiPage:
    """The card step through the card reader app: it shows the document and the disclosure
    warning; the signature PIN goes to the card; the browser comes back to `lands_on`."""
    app = UseYourCard(page).use_a_card_reader_on_this_computer().open_the_card_reader_app()
    summary = app.document(TITLE)
    expect(summary).to_contain_text("番号 花子 (1990-04-01)")  # the applicant
    for person in helpers.PEOPLE:  # the household of three
        expect(summary).to_contain_text(person["full_name"])
    expect(app.disclosure_warning).to_be_visible()
    return app.enter_pin_and_come_back(SIGNATURE_PIN, lambda tab: NhiPage(tab, lands_on))


@pytest.mark.card
@pytest.mark.parametrize("device", ["phone"])
@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_a_household_of_three_enrols_on_the_phone_and_signs_on_the_computer(
    tab: Tab,
    browser_sessions: BrowserSessions,
    card_reader: CardReader,
    agent: AgentServer,
    pin_watch: PinWatch,
) -> None:
    enrol_and_sign(tab, browser_sessions, card_reader, pin_watch)


@pytest.mark.card
@pytest.mark.parametrize("device", ["phone"])
@pytest.mark.parametrize("code", ["vi", "ja-x-easy"])
def test_the_whole_journey_in_vietnamese_and_in_easy_japanese(
    tab: Tab,
    browser_sessions: BrowserSessions,
    card_reader: CardReader,
    agent: AgentServer,
    pin_watch: PinWatch,
    code: str,
) -> None:
    """Issue 17: a resident who reads only Vietnamese (or easy Japanese) finishes the journey;
    both devices in that language, every page checked for it (`e2e/languages.py`)."""
    speak(tab, code)
    enrol_and_sign(tab, browser_sessions, card_reader, pin_watch, code=code)


def enrol_and_sign(
    tab: Tab,
    browser_sessions: BrowserSessions,
    card_reader: CardReader,
    pin_watch: PinWatch,
    *,
    code: str | None = None,
) -> None:
    """The whole journey: questions, account and sections on the phone; check, a wrong card
    then the applicant's signature, the copy and the status on the computer (in the site
    language `code` when given, chosen there too)."""
    answer_questions(tab)
    tab.page.get_by_role("link", name=tab.texts("Create an account"), exact=True).last.click()
    account = CreateAccountPage(tab)
    account.page.get_by_label(tab.texts("Display name")).fill("はなこ")
    account.page.get_by_role("button", name=tab.texts("Create account with a passkey")).click()
    page = NhiPage(tab, "Your National Health Insurance application")
    fill_sections(tab, page)

    # On the computer with the card reader: the same person, the same passkey.
    computer = browser_sessions.open("desktop").open_tab()
    computer.authenticator.sync_from(tab.authenticator)
    if code is not None:
        speak(computer, code)
    SignInPage.open(computer).sign_in_with_a_passkey()
    computer.goto("/nhi/application")  # where the application lives (no link to it yet)
    page = NhiPage(computer, "Your National Health Insurance application")
    page = page.follow("Check your answers and sign", "Check your answers before signing")
    expect(computer.page.get_by_text("番号 一郎 (バンゴウ\u3000イチロウ)")).to_be_visible()
    computer.page.get_by_label(computer.texts("I confirm that this information is correct")).check()
    page = page.press("Continue to sign", "Sign your application with your card")

    card_reader.insert(TARO)
    refused = sign_with_the_card(page, "The card does not belong to the applicant")
    expect(computer.page.get_by_text("番号\u3000太郎")).to_be_visible()
    page = refused.follow("Sign with the applicant's card", "Sign your application with your card")

    card_reader.insert(HANAKO)
    sent = sign_with_the_card(page, "Sent to this demonstration's office pages")
    expect(computer.page.get_by_test_id("not-enrolled")).to_have_text(
        computer.texts(
            "Your application was signed with your My Number Card and reached only this "
            "demonstration's office pages. You have not joined National Health Insurance: no "
            "ward office has it. Apply through the official route below within the 14 days."
        )
    )
    reference = computer.page.locator("#nhi-reference").inner_text()
    copy = sent.download("Download a copy (PDF)")
    pdf = pypdf.PdfReader(io.BytesIO(open(copy.path(), "rb").read()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert reference in text and "番号 太郎" in text and "番号 一郎" in text
    if code is not None:  # the copy: the reader's language beside the Japanese
        label = " ".join(f"受付番号 {beside(code, 'Reference')}".split())
        assert label in " ".join(text.split())
    assert f"{reference}.json" in pdf.attachments
    see_status = computer.texts("see the status of your application")
    computer.page.get_by_role("link", name=see_status).click()
    NhiPage(computer, "Your application %(reference)s", reference=reference)
    expect(computer.page.locator("#nhi-status")).to_have_text(computer.texts("Received"))
    expect(
        computer.page.get_by_text(
            computer.texts("Not yet decided on this demonstration's office pages.")
        )
    ).to_be_visible()
    pin_watch.assert_never_seen(SIGNATURE_PIN, elsewhere=card_reader.output())


@pytest.mark.parametrize(("index", "answer", "result"), BLOCKS)
def test_each_blocking_answer_reaches_its_result_page(
    tab: Tab, index: int, answer: str, result: str
) -> None:
    page = answer_questions(tab, upto=index + 1, last=answer)
    if index != 4:
        page = page.press("Continue", result)
    expect(page.heading).to_be_visible()
