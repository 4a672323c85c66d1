"""Journeys in each site language (issue 17): the reader picks the language with the header's
switcher, as a person would, and from then on every page the journey lands on gets two more
checks than usual: no element wider than the viewport (Thai, Nepali and Vietnamese run long;
the usual check sees only the page's width) and the page checker's rules on the page as the
server sent it (`tests/helpers/html.py`: no text left in another language)."""

from __future__ import annotations

from e2e import checks
from e2e.browser import Tab
from e2e.pages import PageObject
from e2e.pages.home import HomePage
from tests.helpers.html import check_page


def speak(tab: Tab, code: str) -> PageObject:
    """Switch the tab's reader to the site language `code` and check its pages for it."""
    usual = tab.check

    def check() -> None:
        usual()
        url = tab.page.url
        checks.check_no_wide_element(url, lambda script: tab.page.evaluate(f"() => {script}"))
        sent = tab.page.context.request.get(url)  # the same cookies: the page as served
        if sent.ok and sent.headers.get("content-type", "").startswith("text/html"):
            check_page(sent.text())

    tab.check = check  # type: ignore[method-assign]
    home = HomePage.open(tab)
    if tab.texts.language == code:
        return home
    return home.header.switch_language(code)
