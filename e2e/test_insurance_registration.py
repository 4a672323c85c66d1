"""Registering the card for health insurance on a desktop, in both languages: readiness, terms,
the card step, the confirmation with the certificate's expiry, status, the refusals (wrong PIN,
locked PIN, expired certificate) and a cancellation request that reaches the office.

The card step is the real one (`e2e/card.py`): the browser follows the launch link to the
desktop agent, the PIN is typed into the agent's page, the agent reads the simulated card
through pcscd + vpcd, and the browser comes back and claims the result.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.storage.models import User
from card_relay.agent import AgentServer
from card_relay.testca import TestCa
from e2e.browser import Tab
from e2e.card import EXPIRED, HANAKO, PIN, WRONG_PIN, CardReader, PinWatch
from e2e.pages.account import CreateAccountPage
from e2e.pages.card import UseYourCard
from e2e.pages.card_reader_app import CardReaderAppPage
from e2e.pages.insurance import Page, send_a_cancellation_request
from e2e.server import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.card, pytest.mark.parametrize("device", ["desktop"])]
JST = ZoneInfo("Asia/Tokyo")
# The two ways to reset a locked PIN.
KIOSK = (
    "at a convenience-store kiosk, after booking the reset in the J-LIS app "
    "「JPKI暗証番号リセット」, if you know your signature password (6 to 16 characters)"
)
OFFICE = (
    "otherwise at your ward or city office, with the card and an ID (the office may ask for more)"
)


def open_the_card_reader_app(page: Page) -> CardReaderAppPage:
    return UseYourCard(page).use_a_card_reader_on_this_computer().open_the_card_reader_app()


def ready_to_register(tab: Tab) -> Page:
    tab.goto("/insurance/")
    page = Page(tab, "Register the card for health insurance")
    page = page.follow("Start now", "Do you have your My Number Card?")
    page = page.answer("Yes", then="Does your card have a PIN?")
    page = page.answer("Yes, I set PINs when I got the card", then="Do you know your 4-digit PIN?")
    page = page.answer("Yes", then="Which device will you use?")
    page = page.answer("A computer with an IC card reader", then="Get your device ready")
    page = page.follow("Continue", "Terms of the registration")
    wrong = page.press("Continue", "Terms of the registration")
    expect(wrong.page.get_by_role("alert")).to_contain_text(
        tab.texts("Agree to the terms to register your card")
    )
    page.page.get_by_label(tab.texts("I agree to these terms")).check()
    return page.press("Continue", "Register your card")


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_register_see_the_status_and_ask_for_a_cancellation(
    tab: Tab,
    live_server: LiveServer,
    testca: TestCa,
    card: CardReader,
    agent: AgentServer,
    pin_watch: PinWatch,
) -> None:
    tab.goto("/account/create")
    CreateAccountPage(tab).create_account_with_a_passkey("はなこ")
    register = ready_to_register(tab)

    pin_page = open_the_card_reader_app(register)
    expect(pin_page.requested_by(live_server.url)).to_be_visible()
    assert pin_page.tries_left() == "3"
    done = pin_page.enter_pin_and_come_back(
        PIN, lambda tab: Page(tab, "Your card was checked (demonstration)")
    )
    expect(done.page.get_by_test_id("not-registered")).to_have_text(
        tab.texts("You cannot use the card at clinics yet.")
        + " "
        + tab.texts(
            "Register it in one of the official ways below; then check the registration in "
            "MynaPortal."
        )
    )
    expect(
        done.page.get_by_text(
            tab.texts(
                "After you register, check it in MynaPortal: "
                "「公金受取口座と健康保険証の登録状況確認」."
            )
        )
    ).to_be_visible()
    expect(done.page.get_by_test_id("reference")).to_contain_text("HI-")
    not_after = testca.issue(HANAKO).auth_cert.not_valid_after_utc  # what the card holds
    expect(done.page.get_by_test_id("certificate-expiry").locator("time")).to_have_attribute(
        "datetime", not_after.astimezone(JST).date().isoformat()
    )

    status = done.follow("Check your card", "Check your card")
    expect(status.page.get_by_test_id("registrations")).to_contain_text("HI-")
    again = open_the_card_reader_app(status).enter_pin_and_come_back(
        PIN, lambda tab: Page(tab, "Check your card")
    )
    expect(again.page.get_by_test_id("status-result")).to_contain_text(
        tab.texts(
            "This card is recorded on this demonstration's office pages (not a health insurance "
            "registration)"
        )
    )

    sent = send_a_cancellation_request(tab, address="東京都中央区築地1-1-1", phone="03-1234-5678")
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
    pin_watch.assert_never_seen(PIN, WRONG_PIN, elsewhere=card.output())


@pytest.mark.parametrize("locale", ["en-US"])
def test_a_wrong_pin_a_locked_pin_and_an_expired_certificate(
    tab: Tab, card: CardReader, agent: AgentServer
) -> None:
    register = ready_to_register(tab)

    back = open_the_card_reader_app(register).enter_pin_and_see_a_problem(
        WRONG_PIN, "The PIN was wrong"
    )
    expect(back.problem).to_contain_text("2")  # tries left (a plural message)
    back.try_again()
    register = Page(tab, "Register your card")

    card.lock()  # the last two tries spent on wrong guesses: the PIN is locked
    panel = UseYourCard(register).use_a_card_reader_on_this_computer()
    back = panel.open_the_card_reader_app_and_come_straight_back("The PIN is locked")
    reset_routes = back.problem.get_by_role("listitem")
    expect(reset_routes).to_have_count(2)
    expect(reset_routes.first).to_contain_text(tab.texts(KIOSK))
    expect(reset_routes.last).to_contain_text(tab.texts(OFFICE))
    back.try_again()
    register = Page(tab, "Register your card")

    card.insert(EXPIRED)  # the same holder's card, its certificate expired on 2020-01-01
    back = open_the_card_reader_app(register).enter_pin_and_see_a_problem(
        PIN, "The card's certificate has expired"
    )
    renewal = (
        "Renew the electronic certificate at your ward or city office. You can do it from 3 "
        "months before it expires. Your card stays valid as an ID meanwhile."
    )
    expect(back.problem).to_contain_text(tab.texts(renewal))
