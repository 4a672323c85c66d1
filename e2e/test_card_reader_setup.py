"""Setting up the card reader on a desktop: the setup page with the agent missing and then
running, the card step's launch check when the agent is missing (our message, never the
browser's "site can't be reached"), and the agent freed at once after Cancel or after the
resident simply leaves its PIN page.

Uses the card machinery of `e2e/card.py` (the simulated card behind real pcscd + vpcd, the real
agent) and the page objects of `e2e/pages/card.py`."""

from __future__ import annotations

import socket

import pytest
from playwright.sync_api import expect

from card_relay.agent import AgentServer
from card_relay.agent.protocol import VERSION
from e2e.browser import Tab
from e2e.card import PIN, CardReader, PinWatch
from e2e.pages.card import SetUpYourCardReaderPage, TryYourCardPage, YourCardPage
from e2e.server import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("device", ["desktop"])]


@pytest.fixture
def no_agent(live_server: LiveServer) -> None:
    """The launch links and the status probe point at a loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    live_server.app.config["RELAY_AGENT_URL"] = f"http://127.0.0.1:{port}"


def test_the_setup_page_says_the_agent_is_missing(tab: Tab, no_agent: None) -> None:
    page = SetUpYourCardReaderPage.open(tab)
    page.expect_the_agent_is_missing()
    page.check_again()
    page.expect_the_agent_is_missing()
    tab.check()


def test_a_missing_agent_is_explained_on_the_site_not_by_the_browser(
    tab: Tab, no_agent: None
) -> None:
    panel = TryYourCardPage.open(tab).card_step.use_a_card_reader_on_this_computer()
    setup = panel.open_the_card_agent_and_hear_it_is_missing()
    setup.expect_the_agent_is_missing()


@pytest.mark.card
def test_the_setup_page_sees_the_running_agent_and_the_card(
    tab: Tab, card_reader: CardReader, agent: AgentServer
) -> None:
    page = SetUpYourCardReaderPage.open(tab)
    page.expect_the_agent_runs(
        VERSION, "It sees a card reader but no card. Put your card on the reader or in it."
    )
    card_reader.insert()
    page.check_again()
    page.expect_the_agent_runs(VERSION, "It sees a card reader with a card in it. You are ready.")


@pytest.mark.card
def test_cancel_on_the_pin_page_returns_at_once_and_frees_the_agent(
    tab: Tab, card: CardReader, agent: AgentServer, pin_watch: PinWatch
) -> None:
    panel = TryYourCardPage.open(tab).card_step.use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()
    pin_page.page.get_by_role("button", name=pin_page.text("cancel")).click()
    back = YourCardPage(tab)
    expect(back.problem).to_be_visible()
    back.try_again()
    panel = TryYourCardPage(tab).card_step.use_a_card_reader_on_this_computer()
    panel.open_the_card_reader_app().enter_pin_and_come_back(
        PIN, TryYourCardPage
    ).expect_the_card_works()
    pin_watch.assert_never_seen(PIN, elsewhere=card.output())


@pytest.mark.card
def test_leaving_the_pin_page_does_not_block_the_next_try(
    tab: Tab, card: CardReader, agent: AgentServer
) -> None:
    try_page = TryYourCardPage.open(tab)
    try_page.card_step.use_a_card_reader_on_this_computer().open_the_card_reader_app()
    tab.page.go_back()  # the resident leaves the PIN page without answering it
    again = TryYourCardPage(tab)
    panel = again.card_step.use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()  # before: "Another card request is in progress"
    assert pin_page.tries_left() == "3"
    pin_page.enter_pin_and_come_back(PIN, TryYourCardPage).expect_the_card_works()
