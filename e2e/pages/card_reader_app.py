"""The card reader app's own page (the desktop agent, `card-relay agent`, on 127.0.0.1): the
site that asks, the purpose, the document to sign, the tries left and the PIN field. Its texts
come from the agent (`card_relay/agent/strings.py`), in the browser's language."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from playwright.sync_api import Locator, Route, expect

from card_relay.agent.strings import text
from e2e.browser import Tab
from e2e.pages.card import YourCardPage
from e2e.texts import matching

Landing = TypeVar("Landing")
AUTO_SUBMIT = "**/js/modules/auto-submit.mjs"


def _no_auto_submit(route: Route) -> None:
    route.fulfill(status=200, content_type="text/javascript", body="export function init() {}")


class CardReaderAppPage:
    """ "Enter your PIN", served by the agent; the PIN goes to the card, never to the site."""

    def __init__(self, tab: Tab) -> None:
        self.tab = tab
        self.page = tab.page
        self.language = tab.texts.language
        expect(self.page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/card-relay/v1/launch"))
        expect(self.page.get_by_role("heading", level=1, name=self.text("h1_pin"))).to_be_visible()
        tab.check()

    def text(self, key: str) -> str | re.Pattern[str]:
        """The agent's words for `key` as its page shows them (furigana drawn in easy Japanese)."""
        return matching(text(self.language, key))

    def requested_by(self, origin: str) -> Locator:
        return self.page.get_by_text(origin, exact=True)

    def tries_left(self) -> str:
        return self.page.locator("#tries-left").inner_text()

    def document(self, title: str) -> Locator:
        """The summary of the document to sign, under its title."""
        return self.page.get_by_role("region", name=title)

    @property
    def disclosure_warning(self) -> Locator:
        return self.page.get_by_text(self.text("sign_warning"))

    def enter_pin(self, pin: str) -> None:
        label = self.page.get_by_label(self.text("label_auth")).or_(
            self.page.get_by_label(self.text("label_sign"))
        )
        label.fill(pin)
        self.page.get_by_role("button", name=self.text("continue")).click()

    def enter_pin_and_come_back(self, pin: str, lands_on: Callable[[Tab], Landing]) -> Landing:
        """Continue; the card is read, the browser comes back to "Your card", the result is
        claimed for this session and the site shows `lands_on`.

        The "Your card" page sends its claim by itself (auto-submit.mjs), too fast for the page
        checks to run, and holding the claim stalls them. So here the module is a no-op and the
        user presses the form's own button: the page's path without JavaScript.
        """
        # The service worker answers static files from its cache, past any route: bypass it.
        self.tab.cdp.send("Network.enable")
        self.tab.cdp.send("Network.setBypassServiceWorker", {"bypass": True})
        self.page.route(AUTO_SUBMIT, _no_auto_submit)
        try:
            self.enter_pin(pin)
            back = YourCardPage(self.tab)
            expect(back.page.get_by_text(back._("Your card was read and checked."))).to_be_visible()
            back.page.get_by_role("main").get_by_role("button", name=back._("Continue")).click()
            return lands_on(self.tab)
        finally:
            self.page.unroute(AUTO_SUBMIT)

    def enter_pin_and_see_a_problem(self, pin: str, problem: str) -> YourCardPage:
        """Continue; the card or the site refuses and "Your card" explains `problem`."""
        self.enter_pin(pin)
        return YourCardPage.showing(self.tab, problem)
