"""Easy Japanese furigana in a finished HTML page: `｜漢字《かんじ》` in text becomes
`<ruby>漢字<rt>かんじ</rt></ruby>`; where markup cannot go it becomes the base text `漢字`.

Done once, on the page as sent (app/i18n.py), so every path a translated text takes (template
`_()`, form labels, flash messages, macros' params, attributes) is handled the same way. The
page's text was escaped by the templates before; the notation's characters are not special in
HTML, and the base and reading are taken from between two tags, so nothing but <ruby> and <rt>
can be added. Attributes (inside tags) and text-only elements (<title>, <option>, <textarea>,
<script>, <style>) get the base text.

Sources: none — pure mechanics of the notation agreed for issue 17 (Aozora Bunko's ruby
notation, `card_relay/languages.py` RUBY) and HTML's <ruby>/<rt> elements.
"""

from __future__ import annotations

import re

from card_relay.languages import RUBY, without_ruby

# A tag, with quoted attribute values that may hold ">"; comments and doctype alike.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TEXT_ONLY = re.compile(r"<(/?)(title|option|textarea|script|style)\b", re.IGNORECASE)


def ruby_html(text: str) -> str:
    """Text that is already escaped HTML, with each `｜base《reading》` drawn as <ruby>."""
    return RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", text)


def with_ruby(page: str) -> str:
    """The HTML page with its easy Japanese notation drawn as <ruby> in text and reduced to
    the base text in tags and text-only elements."""
    if "《" not in page:
        return page
    out: list[str] = []
    text_only = False
    position = 0
    for tag in _TAG.finditer(page):
        text = page[position : tag.start()]
        out.append(without_ruby(text) if text_only else ruby_html(text))
        opening = _TEXT_ONLY.match(tag.group())
        if opening:
            text_only = not opening.group(1)
        out.append(without_ruby(tag.group()))
        position = tag.end()
    tail = page[position:]
    out.append(without_ruby(tail) if text_only else ruby_html(tail))
    return "".join(out)
