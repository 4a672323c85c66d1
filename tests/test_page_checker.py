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


def _page(lang: str, body: str) -> str:
    return GOOD.replace('lang="en"', f'lang="{lang}"').format(extra=body)


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("es", "<p>Necesitas tu tarjeta y el PIN de 4 dígitos (en la oficina del barrio).</p>"),
        ("tl", "<p>Kailangan mo ang iyong card at ang PIN sa ward office.</p>"),
        ("id", "<p>Anda memerlukan kartu dan PIN 4 digit dari kantor.</p>"),
        (
            "ko",
            '<p>카드가 필요합니다 <span lang="ja">マイナンバーカード</span> (My Number Card).</p>',
        ),
        ("ko", '<p>접수: <span lang="en">weekdays 9:30–20:00, for the card and the PIN</span></p>'),
        ("en", '<p>Your card <span class="caption" lang="ja">マイナンバーカード</span></p>'),
        ("ja", "<p>マイナンバーカードの申請（My Number Card）</p>"),
        ("zh-Hans", "<p>您需要个人编号卡。</p>"),
    ],
)
def test_a_translated_page_passes_the_language_rules(lang: str, body: str) -> None:
    check_page(_page(lang, body))


@pytest.mark.parametrize(
    ("lang", "body", "problem"),
    [
        (
            "es",
            "<p>Tu tarjeta.</p><p>Take the photo with the rear camera of your phone.</p>",
            "English",
        ),
        ("ko", "<p>카드 <a href='/x'>Read the guide</a> for the card and your PIN.</p>", "English"),
        ("ja-x-easy", "<p>You need the card and the PIN.</p>", "English"),
        ("ko", "<p>카드가 필요합니다 (マイナンバーカード)</p>", "kana"),
        ("en", "<p>You need your card (マイナンバーカード).</p>", "kana"),
        ("en", "<p>You need your card (카드).</p>", "Hangul"),
        ("ja", "<p>カードが必要です（บัตร）</p>", "Thai"),
    ],
)
def test_text_left_in_another_language_is_reported(lang: str, body: str, problem: str) -> None:
    with pytest.raises(PageProblem, match=problem):
        check_page(_page(lang, body))
