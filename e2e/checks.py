"""The checks every page gets in every engine, as scripts both suites run in the page.

The Playwright suite (`e2e/browser.py`) and the WebKit suite (`e2e/webkit/`) evaluate the
same scripts and raise the same messages, so a page passes or fails for the same reasons
in Chromium and in Safari's engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The layout viewport's width, not innerWidth: a phone zooms out to fit wide content, which
# stretches innerWidth to the content and would hide the problem.
WIDTHS_JS = "[document.scrollingElement.scrollWidth, document.documentElement.clientWidth]"

# Elements marked `hidden` that are on screen all the same (a component class overriding it).
VISIBLE_HIDDEN_JS = (
    "[...document.querySelectorAll('[hidden]')]"
    ".filter((e) => getComputedStyle(e).display !== 'none')"
    ".map((e) => e.outerHTML.slice(0, 160))"
)


# Elements wider than the layout viewport (a long Thai or Nepali word, a table): those a
# scrolling container clips still make the reader scroll that part sideways.
WIDE_ELEMENTS_JS = (
    "[...document.querySelectorAll('body *')]"
    ".filter((e) => e.getBoundingClientRect().width > document.documentElement.clientWidth)"
    ".map((e) => e.outerHTML.slice(0, 160))"
)


def check_no_wide_element(url: str, evaluate: Callable[[str], Any]) -> None:
    """No element is wider than the viewport (`check_layout` sees only the page's width)."""
    wide = evaluate(WIDE_ELEMENTS_JS)
    assert not wide, f"{url} has elements wider than the viewport:\n" + "\n".join(
        f"- {html}" for html in wide
    )


def check_layout(url: str, evaluate: Callable[[str], Any]) -> None:
    """The page fits its viewport and shows nothing it marked `hidden`.

    `evaluate` runs an expression in the page and returns its value (Playwright's
    `page.evaluate` with an arrow function, Selenium's `execute_script` with `return`).
    """
    content, viewport = evaluate(WIDTHS_JS)
    assert content <= viewport, (
        f"{url} scrolls sideways: content {content} px wide in a {viewport} px viewport"
    )
    shown = evaluate(VISIBLE_HIDDEN_JS)
    assert not shown, f"{url} shows elements marked hidden:\n" + "\n".join(
        f"- {html}" for html in shown
    )
