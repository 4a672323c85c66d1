"""Parse a page and check what every page must satisfy (HTML, ids, heading, CSP rules, and
no text left in another language: tests/helpers/page_language.py)."""

from __future__ import annotations

from collections import Counter

import html5lib
from bs4 import BeautifulSoup

from card_relay.languages import LANGUAGES
from tests.helpers.page_language import language_problems

EVENT_ATTRIBUTE_PREFIX = "on"


class PageProblem(AssertionError):
    """A page broke one of the rules every page must keep."""


def parse_strict(markup: str) -> None:
    """Raise on any HTML parse error (unclosed tags, stray end tags, bad nesting)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(markup)
    except html5lib.html5parser.ParseError as error:
        raise PageProblem(f"HTML does not parse cleanly: {error}") from error


def check_page(markup: str, *, fragment: bool = False) -> BeautifulSoup:
    """Check a full page (or a fragment, with the page-only rules left out)."""
    if not fragment:
        parse_strict(markup)
    soup = BeautifulSoup(markup, "html5lib")
    _check_unique_ids(soup)
    _check_csp_rules(soup)
    _check_forms(soup)
    if not fragment:
        _check_page_frame(soup)
        problems = language_problems(soup)
        if problems:
            raise PageProblem("text in another language:\n" + "\n".join(problems))
    return soup


def _check_unique_ids(soup: BeautifulSoup) -> None:
    ids = [element["id"] for element in soup.select("[id]")]
    duplicated = [i for i, count in Counter(ids).items() if count > 1]
    if duplicated:
        raise PageProblem(f"duplicate ids: {duplicated}")


def _check_csp_rules(soup: BeautifulSoup) -> None:
    for element in soup.find_all(True):
        handlers = [a for a in element.attrs if a.lower().startswith(EVENT_ATTRIBUTE_PREFIX)]
        if handlers:
            raise PageProblem(f"inline event handler {handlers} on <{element.name}>")
        if "style" in element.attrs:
            raise PageProblem(f"inline style on <{element.name}>")
    if soup.select("style"):
        raise PageProblem("<style> element (the CSP forbids inline styles)")
    if any(not s.get("src") or s.string for s in soup.select("script")):
        raise PageProblem("inline <script> (the CSP forbids it)")


def _check_forms(soup: BeautifulSoup) -> None:
    for form in soup.select("form"):
        if not form.get("action"):
            raise PageProblem("a form without an action")
        is_post = form.get("method", "get").lower() == "post"
        if is_post and not form.select("input[name=csrf_token]"):
            raise PageProblem(f"POST form to {form['action']} has no CSRF token")


def _check_page_frame(soup: BeautifulSoup) -> None:
    html = soup.select_one("html")
    if html is None or html.get("lang") not in LANGUAGES:
        raise PageProblem("<html> has no lang of the site's languages")
    title = soup.select_one("title")
    if title is None or not title.get_text(strip=True):
        raise PageProblem("no <title>")
    if len(soup.select("h1")) != 1:
        raise PageProblem(f"expected one <h1>, found {len(soup.select('h1'))}")
    if not soup.select_one('a.skip-link[href="#main-content"]') or not soup.select_one(
        "#main-content"
    ):
        raise PageProblem("no skip link to #main-content")
    if not soup.select_one('[aria-live="polite"]'):
        raise PageProblem("no live region")


def reader_text(soup: BeautifulSoup) -> str:
    """The page's text as `get_text(" ", strip=True)` gives it, but with the `<span lang>`
    that mark Japanese (or English) inside a sentence (app/domain/page_text.py) not cutting
    the sentence: "can someone (代理人) collect", not "can someone ( 代理人 ) collect"."""
    copy = BeautifulSoup(str(soup), "html5lib")
    for span in copy.select("span[lang]:not([class])"):
        span.unwrap()
    copy.smooth()
    return str(copy.get_text(" ", strip=True))
