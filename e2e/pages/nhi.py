"""NHI enrolment pages, named by their headings; one generic page object because the
journey's pages share their controls (radios, fields, dates, buttons)."""

from __future__ import annotations

from playwright.sync_api import Download, Locator

from app.labels import Choices
from e2e.browser import Tab
from e2e.pages import PageObject


class NhiPage(PageObject):
    """Any page of the journey; `heading_id` is the English message id of its h1."""

    def __init__(self, tab: Tab, heading_id: str, **params: object) -> None:
        self.heading_text = heading_id
        self.params = params
        super().__init__(tab)

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role(
            "heading", level=1, name=self._(self.heading_text, **self.params)
        )

    def choose(self, label_id: str) -> None:
        self.page.get_by_label(self._(label_id), exact=True).check()

    def choose_option(self, choices: Choices, value: str) -> None:
        """Choose one of the choices `app/labels` declares, by the words the form shows."""
        self.page.get_by_label(self.tab.texts.option(choices, value), exact=True).check()

    def fill(self, label_id: str, value: str) -> None:
        self.page.get_by_label(self._(label_id), exact=True).fill(value)

    def fill_date(self, name: str, year: str, month: str, day: str) -> None:
        for part, value in (("year", year), ("month", month), ("day", day)):
            self.page.locator(f"#{name}-{part}").fill(value)

    def press(self, button_id: str, lands_on: str) -> NhiPage:
        self.page.get_by_role("button", name=self._(button_id), exact=True).click()
        return NhiPage(self.tab, lands_on)

    def follow(self, link_id: str, lands_on: str) -> NhiPage:
        name = self._(link_id)
        link = self.page.get_by_role("link", name=name).or_(
            self.page.get_by_role("button", name=name)
        )
        link.first.click()
        return NhiPage(self.tab, lands_on)

    def answer(self, *choice_ids: str, then: str) -> NhiPage:
        """Pick the choices and continue to the page headed `then` (the one `answer()` shape)."""
        for choice_id in choice_ids:
            self.choose(choice_id)
        return self.press("Continue", then)

    def download(self, link_id: str) -> Download:
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name=self._(link_id)).click()
        return info.value
