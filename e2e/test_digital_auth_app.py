"""The card step through the Digital Authentication App (its stand-in, `make run`'s too): the
insurance-use registration on a phone, where the app opens directly, and on a computer, where
the resident scans the app's QR code with the phone (here: a second browser session as the
phone opening the code's address).

No card reader is involved: the stand-in reads the simulated card itself, as the real app
reads the resident's card by NFC."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.browser import Tab
from e2e.conftest import BrowserSessions
from e2e.pages import PageObject
from e2e.pages.account import CreateAccountPage
from e2e.pages.card import UseYourCard
from e2e.pages.insurance import Page as JourneyPage
from e2e.pages.nhi import NhiPage
from e2e.test_nhi_enrollment import answer_questions, fill_sections

# The simulated card's PINs (docs/card_relay.md).
PIN, SIGNATURE_PIN = "1234", "ABCD1234"
pytestmark = [pytest.mark.e2e]


class StandInAppPage(PageObject):
    """The stand-in's "app": who asks, what for, the PIN; labelled as a stand-in."""

    heading_text = "Digital Authentication App (stand-in)"

    def __init__(self, tab: Tab) -> None:
        super().__init__(tab)
        expect(self.page.get_by_test_id("standin-banner")).to_be_visible()

    def read_my_card(self, pin: str) -> None:
        self.page.get_by_label(self._("User-authentication PIN (4 digits)")).or_(
            self.page.get_by_label(self._("Signature PIN (6 to 16 letters and digits)"))
        ).fill(pin)
        self.page.get_by_role("button", name=self._("Read my card")).click()


def ready_to_register(tab: Tab, device: str) -> JourneyPage:
    tab.goto("/account/create")
    CreateAccountPage(tab).create_account_with_a_passkey("はなこ")
    tab.goto("/insurance/")
    page = JourneyPage(tab, "Register the card for health insurance")
    page = page.follow("Start now", "Do you have your My Number Card?")
    page = page.answer("Yes", then="Does your card have a PIN?")
    page = page.answer("Yes, I set PINs when I got the card", then="Do you know your 4-digit PIN?")
    page = page.answer("Yes", then="Which device will you use?")
    page = page.answer(device, then="Get your device ready")
    page = page.follow("Continue", "Terms of the registration")
    page.page.get_by_label(tab.texts("I agree to these terms")).check()
    return page.press("Continue", "Register your card")


def card_step_buttons(page: Page) -> list[str]:
    return [b.strip() for b in page.locator("#card-relay-panel button").all_inner_texts()]


@pytest.mark.parametrize("device", ["phone"])
@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_a_phone_registers_its_card_through_the_app(tab: Tab) -> None:
    register = ready_to_register(tab, "A smartphone that reads cards by NFC (Android or iPhone)")
    # A phone is offered only what works on a phone: the app, not a reader on "this computer".
    assert card_step_buttons(register.page) == [tab.texts("Use the Digital Authentication App")]
    register.page.get_by_role(
        "button", name=tab.texts("Use the Digital Authentication App")
    ).click()
    StandInAppPage(tab).read_my_card(PIN)
    done = JourneyPage(tab, "Your card was checked (demonstration)")
    expect(done.page.get_by_test_id("reference")).to_contain_text("HI-")


@pytest.mark.parametrize("device", ["desktop"])
def test_a_computer_registers_the_card_by_scanning_the_apps_code(
    tab: Tab, browser_sessions: BrowserSessions
) -> None:
    register = ready_to_register(tab, "A computer with an IC card reader")
    assert card_step_buttons(register.page) == [
        tab.texts("Use a card reader on this computer"),
        tab.texts("Use the Digital Authentication App on my phone"),
    ]  # and no longer "Use my phone as the reader"
    UseYourCard(register).page.get_by_role(
        "button", name=tab.texts("Use the Digital Authentication App on my phone")
    ).click()
    computer = StandInAppPageOnComputer(tab)
    code_address = computer.code_address()

    phone = browser_sessions.open("phone").open_tab()
    phone.page.goto(code_address)  # what scanning the QR code opens
    StandInAppPage(phone).read_my_card(PIN)
    done_on_phone = phone.texts("Done. Go back to your computer and continue there.")
    expect(phone.page.get_by_role("status").filter(has_text=done_on_phone)).to_be_visible()
    phone.check()

    computer.page.get_by_role("button", name=tab.texts("Continue")).click()
    done = JourneyPage(tab, "Your card was checked (demonstration)")
    expect(done.page.get_by_test_id("reference")).to_contain_text("HI-")


class StandInAppPageOnComputer(PageObject):
    """On a computer the app's page shows a QR code for the phone, and Continue."""

    heading_text = "Digital Authentication App (stand-in)"

    def code_address(self) -> str:
        qr = self.page.get_by_role("img", name=self._("QR code for the Digital Authentication App"))
        expect(qr).to_be_visible()
        link = self.page.get_by_test_id("standin-app-link").get_attribute("href")
        assert link and "/standin/digital-auth/app/" in link
        return link


def ready_to_sign_nhi(tab: Tab) -> NhiPage:
    """An NHI application of a household of three, answered and checked, at its signature."""
    answer_questions(tab)
    tab.page.get_by_role("link", name=tab.texts("Create an account"), exact=True).last.click()
    account = CreateAccountPage(tab)  # then back to the application (?next=)
    account.page.get_by_label(tab.texts("Display name")).fill("はなこ")
    account.page.get_by_role("button", name=tab.texts("Create account with a passkey")).click()
    page = NhiPage(tab, "Your National Health Insurance application")
    page = fill_sections(tab, page)
    page = page.follow("Check your answers and sign", "Check your answers before signing")
    tab.page.get_by_label(tab.texts("I confirm that this information is correct")).check()
    return page.press("Continue to sign", "Sign your application with your card")


@pytest.mark.parametrize("device", ["phone"])
def test_a_household_enrols_in_nhi_and_signs_on_the_phone_through_the_app(tab: Tab) -> None:
    page = ready_to_sign_nhi(tab)
    assert card_step_buttons(page.page) == [tab.texts("Use the Digital Authentication App")]
    page.page.get_by_role("button", name=tab.texts("Use the Digital Authentication App")).click()
    app = StandInAppPage(tab)
    expect(app.page.get_by_text(tab.texts("Your signature on a document"))).to_be_visible()
    app.read_my_card(SIGNATURE_PIN)
    NhiPage(tab, "Sent to this demonstration's office pages")
    expect(tab.page.locator("#nhi-reference")).to_contain_text("-")


@pytest.mark.parametrize("device", ["desktop"])
def test_a_computer_signs_the_nhi_application_by_scanning_the_apps_code(
    tab: Tab, browser_sessions: BrowserSessions
) -> None:
    page = ready_to_sign_nhi(tab)
    page.page.get_by_role(
        "button", name=tab.texts("Use the Digital Authentication App on my phone")
    ).click()
    computer = StandInAppPageOnComputer(tab)
    phone = browser_sessions.open("phone").open_tab()
    phone.page.goto(computer.code_address())  # what scanning the QR code opens
    app = StandInAppPage(phone)
    expect(app.page.get_by_text(phone.texts("Your signature on a document"))).to_be_visible()
    app.read_my_card(SIGNATURE_PIN)
    done_on_phone = phone.texts("Done. Go back to your computer and continue there.")
    expect(phone.page.get_by_role("status").filter(has_text=done_on_phone)).to_be_visible()
    phone.check()

    computer.page.get_by_role("button", name=tab.texts("Continue")).click()
    NhiPage(tab, "Sent to this demonstration's office pages")
    expect(tab.page.locator("#nhi-reference")).to_contain_text("-")
