"""The checks every journey relies on do catch what a user would suffer from.

Broken pages are served by the browser itself (`page.route`), so the app stays untouched.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Route

from e2e.browser import Tab

pytestmark = pytest.mark.e2e

BROKEN_PAGES = {
    "image-alt": '<img src="/static/icons/icon-192.png">',
    "scrolls sideways": '<div style="width: 1200px">A table too wide for a phone</div>',
    "the browser console reported errors": "<script>console.error('boom')</script>",
    "shows elements marked hidden": '<link rel="stylesheet" href="/static/css/broken.css">'
    '<button class="button" hidden>Take the photo</button>',
}


def serve(html: str) -> Callable[[Route], None]:
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"</head><body><main><h1>Broken</h1>{html}</main></body></html>"
    )
    return lambda route: route.fulfill(body=page, content_type="text/html")


@pytest.mark.parametrize("device", ["phone"])
@pytest.mark.parametrize(("problem", "html"), BROKEN_PAGES.items(), ids=BROKEN_PAGES)
def test_a_page_with_a_problem_fails_its_check(tab: Tab, problem: str, html: str) -> None:
    tab.page.route("**/broken", serve(html))
    # A component class that sets `display`, as `.button` did before `[hidden]` won over it.
    tab.page.route(
        "**/static/css/broken.css",
        lambda route: route.fulfill(
            body=".button { display: inline-flex }", content_type="text/css"
        ),
    )
    tab.goto("/broken")
    with pytest.raises(AssertionError, match=problem):
        tab.check()
    tab.console_errors.clear()  # expected here; any other test would fail at the end
    tab.visits[-1].checked = True


def test_a_page_visited_without_a_check_fails_the_journey(tab: Tab) -> None:
    tab.goto("/")
    with pytest.raises(AssertionError, match="pages visited without a check"):
        tab.verify()
    tab.check()
