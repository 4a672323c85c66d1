"""The account journey on a phone: create an account with a passkey, sign out and in again,
switch language, keep a half-typed display name, and manage passkeys."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e.browser import BrowserSession, Tab
from e2e.pages.account import CreateAccountPage, YourAccountPage, YourTasksPage
from e2e.pages.home import HomePage

pytestmark = pytest.mark.e2e


def create_account(tab: Tab, display_name: str = "はなこ") -> YourTasksPage:
    """From the home page, the way a new user finds it."""
    create = HomePage.open(tab).create_an_account()
    assert isinstance(create, CreateAccountPage)
    return create.create_account_with_a_passkey(display_name)


def test_create_an_account_with_a_passkey_sign_out_and_sign_in_again(tab: Tab) -> None:
    tasks = create_account(tab, "はなこ")
    welcome = tasks.notification("Your account is ready. Your answers are saved as you type.")
    expect(welcome).to_be_visible()
    expect(tasks.signed_in_as("はなこ")).to_be_visible()
    tasks.expect_the_four_procedures()
    assert len(tab.authenticator.credentials()) == 1  # the passkey lives on this "device"

    home = tasks.header.sign_out()
    expect(home.notification("You have signed out.")).to_be_visible()
    expect(home.header.sign_in_link).to_be_visible()

    sign_in = home.i_already_have_an_account()
    tasks = sign_in.sign_in_with_a_passkey()
    expect(tasks.signed_in_as("はなこ")).to_be_visible()
    tasks.expect_the_four_procedures()


def test_creating_an_account_without_a_name_says_what_to_enter(tab: Tab) -> None:
    create = CreateAccountPage.open(tab).create_account_without_a_name()
    expect(create.page).to_have_title(re.compile("^" + re.escape(tab.texts("Error:"))))
    expect(create.error_summary).to_be_focused()

    create.error_summary.get_by_role("link", name=tab.texts("Enter a display name")).click()
    name = create.page.get_by_label(tab.texts("Display name"))
    expect(name).to_be_focused()
    tasks = create.create_account_with_a_passkey("はなこ")
    expect(tasks.signed_in_as("はなこ")).to_be_visible()


@pytest.mark.parametrize("locale", ["ja-JP"])  # starts in Japanese whatever --locale says
def test_switch_to_english_and_back_to_japanese(tab: Tab) -> None:
    tasks = create_account(tab)
    expect(tasks.page.locator("html")).to_have_attribute("lang", "ja")
    expect(tasks.heading).to_have_text("手続き一覧")

    english = tasks.header.switch_language("en")
    expect(english.heading).to_have_text("Your tasks")
    expect(english.header.current_language()).to_have_text("English")
    assert isinstance(english, YourTasksPage)
    english.expect_the_four_procedures()

    # The choice is remembered on the next page, without `?lang=` in the address.
    account = english.header.go_to_your_account()
    expect(account.heading).to_have_text("Your account")
    expect(account.page.locator("html")).to_have_attribute("lang", "en")

    japanese = account.header.switch_language("ja")
    expect(japanese.heading).to_have_text("アカウント")
    expect(japanese.header.current_language()).to_have_text("日本語")
    tasks = japanese.header.go_to_your_tasks()
    expect(tasks.heading).to_have_text("手続き一覧")


def test_a_half_typed_display_name_survives_a_reload_and_a_closed_tab(
    tab: Tab, browser_session: BrowserSession
) -> None:
    account = create_account(tab, "はなこ").header.go_to_your_account()
    expect(account.display_name).to_have_value("はなこ")

    account.type_display_name("山田 花子")
    account = account.reload()
    expect(account.display_name).to_have_value("山田 花子")
    expect(account.restored_notice).to_be_visible()

    browser_session.close_tab(tab)
    account = YourAccountPage.open(browser_session.open_tab())
    expect(account.display_name).to_have_value("山田 花子")

    account = account.save_display_name()
    expect(account.restored_notice).to_be_hidden()
    tasks = account.header.go_to_your_tasks()
    expect(tasks.signed_in_as("山田 花子")).to_be_visible()


def test_add_a_passkey_on_a_new_phone_and_remove_the_old_one(tab: Tab) -> None:
    account = create_account(tab).header.go_to_your_account()
    expect(account.passkey(1)).to_be_visible()
    expect(account.passkey(2)).to_be_hidden()

    # The person moves to a new phone: a fresh authenticator that knows no passkey yet.
    tab.authenticator.replace()
    account = account.add_a_passkey()
    expect(account.passkey(2)).to_be_visible()

    account = account.remove_passkey(1)
    expect(account.passkey(1)).to_be_visible()  # the remaining one, numbered afresh
    expect(account.passkey(2)).to_be_hidden()

    # The passkey that is left, the new phone's, signs in.
    home = account.header.sign_out()
    tasks = home.i_already_have_an_account().sign_in_with_a_passkey()
    tasks.expect_the_four_procedures()
