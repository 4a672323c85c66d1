"""The card relay journeys on a desktop: a page starts a card authentication, the browser goes
to the real desktop agent, the user types the PIN into the agent's page, the agent talks to the
simulated card through REAL pcscd + vpcd, and the browser comes back to the page with the
result. Also: a wrong PIN, a card pulled out, the phone route with the reference reader as the
phone, and a watch over every request, log line and database row for the PIN.

The machinery (the card in the vpcd reader, the agent, the PIN watch) is `e2e/card.py`, shared
with every journey that reads the card."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


def test_the_phone_as_the_reader_with_the_6_digit_code(
    tab: Tab, card: CardReader, live_server: LiveServer, pin_watch: PinWatch
) -> None:
    panel = TryYourCardPage.open(tab).card_step.use_my_phone_as_the_reader()
    app_link = panel.app_link.get_attribute("href")
    assert app_link and "#t=" in app_link
    phone = subprocess.run(
        [str(Path(sys.executable).with_name("card-relay")), "reader", "--server", live_server.url]
        + ["--ticket", app_link, "--pin-env", "PHONE_PIN", "--reader", card.reader],
        capture_output=True,
        text=True,
        env={"PHONE_PIN": PIN, "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )
    assert phone.returncode == 0, phone.stdout + phone.stderr
    code = re.search(r"^code: (\d{6})$", phone.stdout, re.MULTILINE)
    assert code, phone.stdout
    panel.type_the_code(code.group(1))
    TryYourCardPage(tab).expect_the_card_works()
    pin_watch.assert_never_seen(
        PIN, WRONG_PIN, elsewhere="\n".join([phone.stdout, phone.stderr, card.output()])
    )
