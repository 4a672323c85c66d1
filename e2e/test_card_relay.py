"""The card relay journeys on a desktop: a page starts a card authentication, the browser goes
to the real desktop agent, the user types the PIN into the agent's page, the agent talks to the
simulated card through REAL pcscd + vpcd, and the browser comes back to the page with the
result. Also: a wrong PIN, a card pulled out, and a watch over every request, log line and
database row for the PIN. (The relay's phone route is no longer offered to residents; its
protocol is tested with the reference reader in tests/card_relay/test_relay_agent.py.)

The machinery (the card in the vpcd reader, the agent, the PIN watch) is `e2e/card.py`, shared
with every journey that reads the card."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from card_relay.agent import AgentServer
from e2e.browser import Tab
from e2e.card import PIN, WRONG_PIN, CardReader, PinWatch
from e2e.pages.card import TryYourCardPage
from e2e.server import LiveServer

pytestmark = [pytest.mark.e2e, pytest.mark.card, pytest.mark.parametrize("device", ["desktop"])]


def test_sign_in_with_the_card_through_the_desktop_agent(
    tab: Tab, card: CardReader, agent: AgentServer, live_server: LiveServer, pin_watch: PinWatch
) -> None:
    panel = TryYourCardPage.open(tab).card_step.use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()
    expect(pin_page.requested_by(live_server.url)).to_be_visible()
    assert pin_page.tries_left() == "3"
    done = pin_page.enter_pin_and_come_back(PIN, TryYourCardPage)
    done.expect_the_card_works()
    pin_watch.assert_never_seen(PIN, WRONG_PIN, elsewhere=card.output())


def test_a_wrong_pin_shows_the_tries_left_then_the_right_one_works(
    tab: Tab, card: CardReader, agent: AgentServer, pin_watch: PinWatch
) -> None:
    panel = TryYourCardPage.open(tab).card_step.use_a_card_reader_on_this_computer()
    back = panel.open_the_card_reader_app().enter_pin_and_see_a_problem(
        WRONG_PIN, "The PIN was wrong"
    )
    # A plural message (the harness's texts have singular ids only): the count is what matters.
    expect(back.problem).to_contain_text("2")

    back.try_again()
    panel = TryYourCardPage(tab).card_step.use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()
    assert pin_page.tries_left() == "2"
    pin_page.enter_pin_and_come_back(PIN, TryYourCardPage).expect_the_card_works()
    pin_watch.assert_never_seen(PIN, WRONG_PIN, elsewhere=card.output())


def test_the_card_pulled_out_before_the_pin_is_sent(
    tab: Tab, card: CardReader, agent: AgentServer
) -> None:
    panel = TryYourCardPage.open(tab).card_step.use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()
    card.pull_out()
    pin_page.enter_pin_and_see_a_problem(PIN, "The card was not found or was moved")
