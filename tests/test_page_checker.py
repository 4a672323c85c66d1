"""The page checker itself must catch what it claims to catch."""

from __future__ import annotations

import pytest

from tests.helpers.html import PageProblem, check_page

GOOD = (
    '<!doctype html><html lang="en"><head><title>T</title></head><body>'
    '<a class="skip-link" href="#main-content">Skip</a><main id="main-content">'
    '<div aria-live="polite"></div><h1>Hi</h1>{extra}</main></body></html>'
)


def test_a_good_page_passes() -> None:
    check_page(GOOD.format(extra=""))


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('<p id="main-content">x</p>', "duplicate ids"),
        ("<h1>Second</h1>", "one <h1>"),
        ("<script>alert(1)</script>", "inline <script>"),
        ('<p style="color:red">x</p>', "inline style"),
        ('<button onclick="x()">x</button>', "event handler"),
        ('<form method="post" action="/x"></form>', "CSRF"),
        ("<p>stray end tag</span></p>", "parse"),
    ],
)
def test_each_broken_rule_is_reported(extra: str, problem: str) -> None:
    with pytest.raises(PageProblem, match=problem):
        check_page(GOOD.format(extra=extra))
