"""Page objects, named after what the user sees; each checks itself when it appears.

A page object's constructor waits for the page's `<h1>` (in the tab's language), then runs
`tab.check()`: axe, the console, and no sideways scrolling. Actions that lead elsewhere
return the page object of where the user lands, so a journey reads as a path through
the site.
"""

from __future__ import annotations

from typing import ClassVar, Self

from playwright.sync_api import Locator, expect

from card_relay.languages import LANGUAGES as LANGUAGE_NAMES
from e2e.browser import Tab
from e2e.texts import Texts

DEMO_BANNER = (
    "This is a demonstration. What you send or register here reaches only this demonstration's "
    "office pages. Nothing goes to J-LIS, the online qualification system "
    "(オンライン資格確認等システム), MynaPortal or a real ward office."
)


class PageObject:
    """A page the user can land on, identified by its main heading."""

    heading_text: ClassVar[str]  # English message id of the page's <h1>
    path: ClassVar[str | None] = None  # where `open()` goes, for pages with an address

    def __init__(self, tab: Tab) -> None:
        self.tab = tab
        self.page = tab.page
        self._ = tab.texts
        expect(self.heading).to_be_visible()
        # The e2e server is the demonstration `make run` starts: its banner is on every page.
        expect(self.page.locator(".demo-banner[role=note]")).to_have_text(self._(DEMO_BANNER))
        tab.check()

    @classmethod
    def open(cls, tab: Tab) -> Self:
        """Go to the page's address, as typing it or following a bookmark would."""
        assert cls.path is not None, f"{cls.__name__} has no address of its own"
        tab.goto(cls.path)
        return cls(tab)

    def reload(self) -> Self:
        self.page.reload()
        return type(self)(self.tab)

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1, name=self._(self.heading_text))

    @property
    def header(self) -> SiteHeader:
        return SiteHeader(self)

    def notification(self, message_id: str) -> Locator:
        """A success or status message shown at the top of the page."""
        return self.page.get_by_role("status").filter(has_text=self._(message_id))


class SiteHeader:
    """The header on every page: language switch, and the account links once signed in."""

    LANGUAGES = LANGUAGE_NAMES  # each language's name in itself (card_relay/languages.py)

    def __init__(self, on: PageObject) -> None:
        self._on = on
        self.page = on.page
        self._ = on.tab.texts
        self.nav = self.page.get_by_role("navigation", name=self._("Account"))

    def switch_language(self, language: str) -> PageObject:
        """Open the language switcher and follow the language's link; the same page comes
        back in that language."""
        switcher = self.nav.locator("details.language-switch")
        if switcher.get_attribute("open") is None:
            switcher.locator("summary").click()
        self.nav.get_by_role("link", name=self.LANGUAGES[language], exact=True).click()
        self._on.tab.texts = Texts(language)
        expect(self.page.locator("html")).to_have_attribute("lang", language)
        return type(self._on)(self._on.tab)

    def current_language(self) -> Locator:
        """The language switch entry for the language in use (not a link)."""
        return self.nav.locator("[aria-current=true]")

    def go_to_your_tasks(self) -> PageObject:
        from e2e.pages.account import YourTasksPage

        self.nav.get_by_role("link", name=self._("Your tasks"), exact=True).click()
        return YourTasksPage(self._on.tab)

    def go_to_your_account(self) -> PageObject:
        from e2e.pages.account import YourAccountPage

        self.nav.get_by_role("link", name=self._("Account"), exact=True).click()
        return YourAccountPage(self._on.tab)

    def sign_out(self) -> PageObject:
        from e2e.pages.home import HomePage

        self.nav.get_by_role("button", name=self._("Sign out")).click()
        return HomePage(self._on.tab)

    @property
    def sign_in_link(self) -> Locator:
        return self.nav.get_by_role("link", name=self._("Sign in"), exact=True)
