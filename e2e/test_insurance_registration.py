"""Registering the card for health insurance on a desktop, in both languages: readiness, terms,
the card step, the confirmation with the certificate's expiry, status, the refusals (wrong PIN,
locked PIN, expired certificate) and a cancellation request that reaches the office.

The card step: the desktop agent's own journey (`e2e/test_card_relay.py`, real pcscd + vpcd)
was not on main when this was written, so the reader side is played in-process by the tests'
`FakeAgent` with the simulated card, against this live server. The browser does everything
else itself: it starts the job, comes back to the relay's return page and claims the result.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.storage.models import User
from card_relay.testca import variants
from e2e.browser import Tab
from e2e.pages import PageObject
from e2e.pages.account import CreateAccountPage
from e2e.server import LiveServer
from tests.app.relay_helpers import FakeAgent, error_body

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("device", ["desktop"])]


class Page(PageObject):
    def __init__(self, tab: Tab, heading: str) -> None:
        self.heading_text = heading
        super().__init__(tab)

    def choose(self, answer: str, next_heading: str) -> Page:
        self.page.get_by_label(self._(answer), exact=True).check()
        return self.press("Continue", next_heading)

    def press(self, button: str, next_heading: str) -> Page:
        self.page.get_by_role("button", name=self._(button)).first.click()
        return Page(self.tab, next_heading)

    def follow(self, link: str, next_heading: str) -> Page:
        name = self._(link)
        target = self.page.get_by_role("link", name=name).or_(
            self.page.get_by_role("button", name=name)
        )
        target.first.click()
        return Page(self.tab, next_heading)


class Reader:
    """The reader side, in-process: redeems the ticket the page shows and answers for the card."""

    def __init__(self, server: LiveServer, tab: Tab) -> None:
        self.agent = FakeAgent(SimpleNamespace(app=server.app))  # type: ignore[arg-type]

    def start(self, page: Page) -> str:
        page.page.get_by_role("button", name=page._("Use a card reader on this computer")).click()
        launch = page.page.get_by_test_id("agent-launch")
        expect(launch).to_be_visible()
        page.tab.check()
        return parse_qs(urlsplit(launch.get_attribute("href") or "").query)["t"][0]

    def read(self, page: Page, **run: object) -> None:
        """The card answers; the page learns it by polling its status box."""
        self.agent.run(self.start(page), **run)  # type: ignore[arg-type]

    def claim(self, page: Page, next_heading: str) -> Page:
        """The status box shows the card was checked; Continue applies it to this session."""
        status = page.page.locator("#card-relay-status")
        expect(status.get_by_role("button", name=page._("Continue"))).to_be_visible()
        page.tab.check()
        status.get_by_role("button", name=page._("Continue")).click()
        return Page(page.tab, next_heading)

    def fail(self, page: Page, body: dict[str, object]) -> None:
        redeemed = self.agent.redeem(self.start(page)).get_json()
        self.agent.post_result(redeemed, body)


def ready_to_register(tab: Tab) -> Page:
    tab.goto("/insurance/")
    page = Page(tab, "Register the card for health insurance")
    page = page.follow("Start now", "Do you have your My Number Card?")
    page = page.choose("Yes", "Does your card have a PIN?")
    page = page.choose("Yes, I set PINs when I got the card", "Do you know your 4-digit PIN?")
    page = page.choose("Yes", "Which device will you use?")
    page = page.choose("A computer with an IC card reader", "Get your device ready")
    page = page.follow("Continue", "Terms of the registration")
    wrong = page.press("Continue", "Terms of the registration")
    expect(wrong.page.get_by_role("alert")).to_contain_text(
        tab.texts("Agree to the terms to register your card")
    )
    page.page.get_by_label(tab.texts("I agree to these terms")).check()
    return page.press("Continue", "Register your card")


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_register_see_the_status_and_ask_for_a_cancellation(
    tab: Tab, live_server: LiveServer
) -> None:
    reader = Reader(live_server, tab)
    tab.goto("/account/create")
    CreateAccountPage(tab).create_account_with_a_passkey("はなこ")
    register = ready_to_register(tab)

    reader.read(register)
    done = reader.claim(register, "Your card is registered for health insurance")
    expect(done.page.get_by_test_id("reference")).to_contain_text("HI-")
    expect(done.page.get_by_test_id("certificate-expiry").locator("time")).to_have_attribute(
        "datetime", re.compile(r"^20\d\d-\d\d-\d\d$")
    )

    status = done.follow("Check whether your card is registered", "Is my card registered?")
    expect(status.page.get_by_test_id("registrations")).to_contain_text("HI-")
    reader.read(status)
    again = reader.claim(status, "Is my card registered?")
    expect(again.page.get_by_test_id("status-result")).to_be_visible()
    again.tab.check()
    expect(again.page.get_by_test_id("status-result")).to_contain_text(
        tab.texts("This card is registered for health insurance")
    )

    tab.goto("/insurance/cancel/")
    cancel = Page(tab, "Cancel the health insurance registration")
    cancel = cancel.follow("Start now", "Who is sending the request?")
    cancel = cancel.choose(
        "I am, for my own registration", "Which health insurance is the person in?"
    )
    cancel = cancel.choose(
        "National Health Insurance from the ward (国民健康保険)", "About the insured person"
    )
    fill = cancel.page.get_by_label
    fill(tab.texts("Full name (氏名)")).fill("番号 花子")
    fill(tab.texts("Year"), exact=True).fill("1990")
    fill(tab.texts("Month"), exact=True).fill("4")
    fill(tab.texts("Day"), exact=True).fill("1")
    fill(tab.texts("Address (住所)")).fill("東京都中央区築地1-1-1")
    fill(tab.texts("Phone number (電話番号)")).fill("03-1234-5678")
    fill(tab.texts("Insured person's symbol and number (被保険者記号・番号)")).fill("12-3456")
    documents = cancel.press("Save and continue", "Add the documents")
    fill(tab.texts("The sender's ID (本人確認書類)")).set_input_files(
        {"name": "id.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%id\n"}
    )
    check = documents.press("Save and continue", "Check your request before sending it")
    sent = check.press("Accept and send", "Request sent")
    reference = sent.page.get_by_test_id("reference").inner_text()

    with live_server.app.app_context():
        db.session.scalars(select(User)).one().is_staff = True
        db.session.commit()
    tab.goto("/office/")
    office = Page(tab, "Office")
    office = office.follow(
        "Health insurance registrations and cancellations", "Health insurance registrations"
    )
    expect(office.page.get_by_test_id("cancellations")).to_contain_text(reference)


@pytest.mark.parametrize("locale", ["en-US"])
def test_a_wrong_pin_a_locked_pin_and_an_expired_certificate(
    tab: Tab, live_server: LiveServer
) -> None:
    reader = Reader(live_server, tab)
    register = ready_to_register(tab)

    reader.fail(register, error_body("PIN_WRONG", tries_left=2))
    help_box = register.page.locator("#card-relay-status [role=alert]")
    expect(help_box).to_contain_text(tab.texts("The PIN was wrong"))
    expect(help_box).to_contain_text("2")
    tab.check()
    register = register.follow("Try again", "Register your card")

    reader.fail(register, error_body("PIN_BLOCKED"))
    help_box = register.page.locator("#card-relay-status [role=alert]")
    expect(help_box).to_contain_text(tab.texts("The PIN is locked"))
    expect(help_box).to_contain_text("kiosk")
    tab.check()
    register = register.follow("Try again", "Register your card")

    expired = next(i for i in variants() if i.id == "expired")
    reader.read(register, identity=expired)
    help_box = register.page.locator("#card-relay-status [role=alert]")
    expect(help_box).to_contain_text(tab.texts("The card's certificate has expired"))
    renewal = (
        "Renew the electronic certificate at your ward or city office. You can do it from 3 "
        "months before it expires. Your card stays valid as an ID meanwhile."
    )
    expect(help_box).to_contain_text(tab.texts(renewal))
    tab.check()
