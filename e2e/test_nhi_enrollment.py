"""Enrolling in National Health Insurance on a phone: the questions, an account made on the
way, a household of three, the documents, the card signature, the confirmation and the copy.
A card whose certificate names someone else is refused first. Every blocking answer ends on
its result page.

The card step: the real desktop agent's end-to-end fixtures (e2e/test_card_relay.py) were not
on main when this was written, so the reader side is played in-process by the tests' fake
agent with the simulated card (tests/app/relay_helpers.py); the browser does everything
else, including the claim with its own session.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pypdf
import pytest
from flask import Flask
from playwright.sync_api import expect

from card_relay.testca.identity import Identity
from e2e.browser import Tab
from e2e.pages.account import CreateAccountPage
from e2e.pages.nhi import NhiPage
from e2e.server import LiveServer
from tests.app.nhi import helpers
from tests.app.relay_helpers import FakeAgent

pytestmark = pytest.mark.e2e

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
    ("Do you have a document showing when your previous insurance ended?", "Yes"),
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
    (7, "No", "Get a document showing when your insurance ended"),
]


@dataclass
class _Client:
    app: Flask


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
            page = page.answer(given, following)
    return page


def fill_sections(tab: Tab, page: NhiPage) -> NhiPage:
    _ = tab.texts
    page = page.follow("Tell us about you", "About you")
    page.fill("Your full name (氏名)", "番号 花子")
    page.fill_date("birth_date", "1990", "4", "1")
    page.choose("Head of household (世帯主)")
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
    page = page.follow("Give the date your previous insurance ended", "Your previous insurance")
    page.fill_date("loss_date", "2026", "4", "1")
    page.choose("Japan Health Insurance Association (協会けんぽ)")
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
    page.choose({"female": "Female (女)", "male": "Male (男)"}[person["sex"]])
    page.choose(
        {"head": "Head of household (世帯主)", "spouse": "Spouse (妻・夫)", "child": "Child (子)"}[
            person["relationship"]
        ]
    )
    tab.page.locator(f"input[name=myna_hokensho][value={person['myna_hokensho']}]").check()
    return page.press("Save this person", "People joining")


def sign_with(tab: Tab, server: LiveServer, identity: Identity | None, lands_on: str) -> NhiPage:
    """Start the card job in the browser, play the reader, then claim with the browser."""
    tab.page.get_by_role("button", name=tab.texts("Use a card reader on this computer")).click()
    launch = tab.page.locator("a[data-testid=agent-launch]")
    expect(launch).to_be_visible()
    ticket = parse_qs(urlsplit(launch.get_attribute("href") or "").query)["t"][0]
    answer = FakeAgent(_Client(server.app)).run(ticket, identity=identity)  # type: ignore[arg-type]
    job = answer.get_json()["return_url"].split("j=")[1]
    token = tab.page.locator("meta[name=csrf-token]").get_attribute("content")
    claim = tab.page.request.post(
        f"{server.url}/relay/v1/jobs/{job}/claim", form={"csrf_token": token or ""}, max_redirects=0
    )
    assert claim.status == 303
    tab.page.goto(server.url + claim.headers["location"])
    return NhiPage(tab, lands_on)


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_a_household_of_three_enrols_and_signs_with_the_card(
    tab: Tab, live_server: LiveServer
) -> None:
    answer_questions(tab)
    tab.page.get_by_role("link", name=tab.texts("Create an account"), exact=True).last.click()
    account = CreateAccountPage(tab)
    account.page.get_by_label(tab.texts("Display name")).fill("はなこ")
    account.page.get_by_role("button", name=tab.texts("Create account with a passkey")).click()
    page = NhiPage(tab, "Your National Health Insurance application")
    page = fill_sections(tab, page)
    page = page.follow("Check your answers and sign", "Check your answers before signing")
    expect(tab.page.get_by_text("番号 一郎 (バンゴウ\u3000イチロウ)")).to_be_visible()
    tab.page.get_by_label(tab.texts("I confirm that this information is correct")).check()
    page = page.press("Continue to sign", "Sign your application with your card")

    refused = sign_with(
        tab, live_server, helpers.someone_else(), "The card does not belong to the applicant"
    )
    expect(tab.page.get_by_text("番号\u3000太郎")).to_be_visible()
    page = refused.follow("Sign with the applicant's card", "Sign your application with your card")

    sent = sign_with(tab, live_server, None, "Application sent")
    reference = tab.page.locator("#nhi-reference").inner_text()
    copy = sent.download("Download a copy (PDF)")
    pdf = pypdf.PdfReader(io.BytesIO(open(copy.path(), "rb").read()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert reference in text and "番号 太郎" in text and "番号 一郎" in text
    assert f"{reference}.json" in pdf.attachments
    tab.page.get_by_role("link", name=tab.texts("see the status of your application")).click()
    NhiPage(tab, "Your application %(reference)s", reference=reference)
    expect(tab.page.locator("#nhi-status")).to_have_text(tab.texts("Received"))


@pytest.mark.parametrize(("index", "answer", "result"), BLOCKS)
def test_each_blocking_answer_reaches_its_result_page(
    tab: Tab, index: int, answer: str, result: str
) -> None:
    page = answer_questions(tab, upto=index + 1, last=answer)
    if index != 4:
        page = page.press("Continue", result)
    expect(page.heading).to_be_visible()
