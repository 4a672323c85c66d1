"""The site's side of the card step: the "Use your My Number Card" box that journeys embed,
its panels (a card reader on this computer, or the phone as the reader), the "Your card" page
the card reader app sends the browser back to, and the "Try your card reader" page."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import Locator, expect

from e2e.browser import Tab
from e2e.pages import PageObject

if TYPE_CHECKING:
    from e2e.pages.card_reader_app import CardReaderAppPage


class UseYourCard:
    """The "Use your My Number Card" box, on whichever page shows it."""

    def __init__(self, on: PageObject) -> None:
        self.on = on
        self.page = on.page
        self._ = on.tab.texts

    def use_a_card_reader_on_this_computer(self) -> CardReaderPanel:
        self.page.get_by_role("button", name=self._("Use a card reader on this computer")).click()
        return CardReaderPanel(self.on)


class CardReaderPanel:
    """ "Read your card on this computer": the link that opens the card reader app."""

    def __init__(self, on: PageObject) -> None:
        self.on = on
        self.page = on.page
        self.launch = self.page.get_by_role("link", name=on._("Open the card agent"))
        expect(self.launch).to_be_visible()
        on.tab.check()

    def open_the_card_reader_app(self) -> CardReaderAppPage:
        """The app asks for the PIN on its own page (a card with tries left)."""
        from e2e.pages.card_reader_app import CardReaderAppPage

        self.launch.click()
        return CardReaderAppPage(self.on.tab)

    def open_the_card_agent_and_hear_it_is_missing(self) -> SetUpYourCardReaderPage:
        """No agent runs: the site says so on this page (never the browser's error page), and
        its link leads to the setup page."""
        self.launch.click()
        missing = self.page.get_by_role("alert").filter(
            has_text=self.on._(
                "The card agent is not running on this computer, so the card cannot be read yet."
            )
        )
        expect(missing).to_be_visible()
        assert self.page.url.startswith(self.on.tab.base_url)
        self.on.tab.check()
        missing.get_by_role("link", name=self.on._("Set up your card reader")).click()
        return SetUpYourCardReaderPage(self.on.tab)

    def open_the_card_reader_app_and_come_straight_back(self, problem: str) -> YourCardPage:
        """The app sends the browser back at once, without asking for the PIN (a locked card,
        no card): the "Your card" page explains `problem` (the English id of its heading)."""
        self.launch.click()
        # The link asks the agent first (agent-launch.mjs), so the navigation starts a moment
        # after the click: wait for it rather than check the page it leaves.
        self.page.wait_for_url(re.compile(r"/relay/return\?"))
        return YourCardPage.showing(self.on.tab, problem)


class YourCardPage(PageObject):
    """Where the card reader app sends the browser back: the outcome, and what to do next."""

    heading_text = "Your card"

    @classmethod
    def showing(cls, tab: Tab, problem: str) -> YourCardPage:
        page = cls(tab)
        expect(page.problem).to_contain_text(tab.texts(problem))
        return page

    @property
    def problem(self) -> Locator:
        """The box explaining what went wrong and what to do."""
        return self.page.get_by_role("main").get_by_role("alert")

    def try_again(self) -> None:
        """Back to the page that started the card step; the caller builds it."""
        self.problem.get_by_role("link", name=self._("Try again")).click()


class TryYourCardPage(PageObject):
    heading_text = "Try your card reader"
    path = "/relay/try"

    @property
    def card_step(self) -> UseYourCard:
        return UseYourCard(self)

    def expect_the_card_works(self) -> None:
        expect(self.page.get_by_role("heading", name=self._("Your card works"))).to_be_visible()


class SetUpYourCardReaderPage(PageObject):
    """Whether the card agent runs (asked from the browser), and how to get it."""

    heading_text = "Set up your card reader"
    path = "/relay/setup"

    @property
    def agent_state(self) -> Locator:
        return self.page.get_by_test_id("agent-state")

    def expect_the_agent_is_missing(self) -> None:
        missing = (
            "The card agent is not running on this computer. Install it and start it (below), "
        )
        expect(self.agent_state).to_have_text(self._(missing + "then check again."))

    def expect_the_agent_runs(self, version: str, reader: str) -> None:
        running = self._(
            "The card agent is running on this computer (version %(version)s).", version=version
        )
        expect(self.agent_state).to_have_text(f"{running} {self._(reader)}")

    def check_again(self) -> None:
        self.page.get_by_role("button", name=self._("Check again")).click()

    def download_link(self, name: str) -> Locator:
        return self.page.get_by_role("link", name=self._(name))
