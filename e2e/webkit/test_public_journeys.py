"""The public journeys in Safari's engine, in Japanese and English: every page checked (the
collector, the 360 px width, nothing hidden shown, axe), as the Chromium journeys are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.support.wait import WebDriverWait

from card_relay.agent import AgentServer, VirtualSource
from card_relay.agent.strings import text
from card_relay.simulator import default_card
from card_relay.testca import load_or_create
from e2e import checks
from e2e.server import LiveServer
from e2e.webkit.tab import FIND_JS, WebKitTab
from tests.card_relay.test_relay_support import site_config, start_agent

pytestmark = [pytest.mark.e2e, pytest.mark.webkit]
BOTH = pytest.mark.parametrize("language", ["ja", "en"])


@BOTH
def test_apply_questions_to_the_smartphone_route(webkit_tab: WebKitTab) -> None:
    tab = webkit_tab
    tab.start("/apply/", "Apply for the My Number Card")
    tab.expect_page("Do you have your application form?")
    tab.press("Continue")  # nothing chosen: the error summary, with focus on it
    tab.expect_page("Do you have your application form?")
    assert tab.evaluate("document.activeElement.classList.contains('error-summary')")
    tab.answer(
        "Yes, with a QR code",
        then="Has your name, address or period of stay changed since the form was printed?",
    )
    tab.answer("No", then="Who is the card for?")
    tab.answer("Me", then="Does your residence card show a period of stay?")
    tab.answer("No", then="Do any of these apply to you?")
    tab.answer("None of these", then="How do you want to apply?")


@BOTH
def test_the_expiry_helper_to_the_card_dates(webkit_tab: WebKitTab) -> None:
    tab = webkit_tab
    tab.start("/card/", "When does my card expire?")
    tab.expect_page("What is your date of birth?")
    tab.fill_date("2090", "1", "1")
    tab.press("Continue")
    tab.expect_page("What is your date of birth?")
    assert tab.texts("Date of birth must be in the past") in tab.evaluate(
        "document.querySelector('[role=alert]').textContent"
    )
    tab.fill_date("1995", "8", "20")
    tab.press("Continue")
    tab.expect_page("How do you want to give your card's dates?")
    tab.choose("I know the date the card was issued")
    tab.press("Continue")
    tab.expect_page("When was your card issued?")
    tab.fill_date("2024", "3", "15")
    tab.press("Continue")
    tab.expect_page("Does your residence card show a period of stay?")
    tab.choose("Yes")
    tab.press("Continue")
    tab.expect_page("When does your period of stay end?")
    tab.fill_date("2027", "1", "31")
    tab.press("Continue")
    tab.expect_page("Your card's dates")
    assert (
        tab.evaluate(
            "document.querySelector('[data-testid=card-expiry] time').getAttribute('datetime')"
        )
        == "2027-01-31"
    )


@BOTH
def test_the_insurance_questions_to_getting_the_device_ready(webkit_tab: WebKitTab) -> None:
    tab = webkit_tab
    tab.start("/insurance/", "Register the card for health insurance")
    tab.expect_page("Do you have your My Number Card?")
    tab.answer("Yes", then="Does your card have a PIN?")
    tab.answer("Yes, I set PINs when I got the card", then="Do you know your 4-digit PIN?")
    tab.answer("Yes", then="Which device will you use?")
    tab.answer("A computer with an IC card reader", then="Get your device ready")


@BOTH
def test_the_nhi_questions_to_how_many_people(webkit_tab: WebKitTab) -> None:
    tab = webkit_tab
    tab.start("/nhi/", "Join National Health Insurance")
    tab.expect_page("Is your address registered in Yokohama?")
    tab.answer("Yes", then="Are you also moving into Yokohama from another city now?")
    tab.answer("No", then="Who is applying?")
    tab.answer(
        "I am joining National Health Insurance",
        then="Why are you joining National Health Insurance?",
    )
    tab.answer(
        "I left my employer's health insurance",
        then="How many people are joining, including you if you are?",
    )


@BOTH
def test_the_offline_page_and_the_photo_guidance(webkit_tab: WebKitTab) -> None:
    webkit_tab.goto("/offline")
    webkit_tab.expect_page("You are offline")
    webkit_tab.goto("/photo/")
    webkit_tab.expect_page("Take the ID photo")


@pytest.fixture
def simulated_agent(
    https_server: LiveServer, localhost_tls: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[AgentServer]:
    """The desktop agent with the simulated card, for the HTTPS live server (it trusts the
    harness's certificate, as it would a real site's)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(localhost_tls[0]))
    https_server.app.config.update(site_config(load_or_create()))
    agent = start_agent(https_server, VirtualSource(default_card()))
    yield agent
    agent.stop()


@BOTH
def test_the_card_check_through_the_agent_with_the_simulated_card(
    webkit_tab: WebKitTab, simulated_agent: AgentServer
) -> None:
    tab = webkit_tab
    tab.goto("/relay/try")
    tab.expect_page("Try your card reader")
    tab.press("Use a card reader on this computer")  # htmx swaps in the agent's panel
    launch = WebDriverWait(tab.driver, 10).until(
        lambda driver: tab.driver.execute_script(FIND_JS, "a", tab.texts("Open the card agent"))
    )
    launch.click()
    # WebKit refuses the https page's check of http://127.0.0.1 (mixed content), so the site
    # cannot tell whether the agent runs: it says so, and a second press opens the agent.
    WebDriverWait(tab.driver, 10).until(
        lambda driver: (
            not driver.execute_script(
                "return document.querySelector('[data-testid=agent-missing]').hidden"
            )
        )
    )
    launch.click()
    WebDriverWait(tab.driver, 10).until(lambda driver: agent_text(tab, "h1_pin") in tab.heading())
    assert tab.driver.current_url.startswith(simulated_agent.url)
    checks.check_layout(tab.driver.current_url, tab.evaluate)  # the agent's page fits 360 px
    tab.driver.find_element("css selector", "input[type=password]").send_keys("1234")
    tab.driver.execute_script(FIND_JS, "button", agent_text(tab, "continue")).click()
    WebDriverWait(tab.driver, 15).until(
        lambda driver: (
            tab.texts("Your card works")
            in (driver.execute_script("return document.body.textContent") or "")
        )
    )
    assert tab.path.startswith("/relay/try")
    tab.check()


def agent_text(tab: WebKitTab, key: str) -> str:
    return text(tab.language, key)
