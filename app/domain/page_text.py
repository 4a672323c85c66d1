"""The finished page's text in the reader's language (issue 17), done once on the page as
sent (app/i18n.py), so that every path a text takes (template `_()`, form labels, flash
messages, macros' params, data such as official names) is handled the same way:

- Easy Japanese furigana: `｜漢字《かんじ》` in text becomes `<ruby>漢字<rt>かんじ</rt></ruby>`;
  in tags (attributes) and text-only elements (<title>, <option>, <textarea>) the base
  text `漢字`.
- Japanese inside a page in another language (an official term beside its translation, a
  button's Japanese label) is marked `<span lang="ja">`, so a screen reader reads it as
  Japanese. On Chinese pages only runs with kana are (Chinese is written in Han too).

The page's text was escaped by the templates before; these take text from between two
tags only and add nothing but <ruby>, <rt> and <span lang="ja">.

Sources: none — pure mechanics of the notation agreed for issue 17 (Aozora Bunko's ruby
notation, `card_relay/languages.py` RUBY), HTML's <ruby>/<rt> and `lang` attribute (WCAG
3.1.2 Language of Parts).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from card_relay.languages import RUBY, without_ruby

# A tag, with quoted attribute values that may hold ">"; comments and doctype alike.
_TAG = re.compile(r"""<(/?)([a-zA-Z][\w-]*)?(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TEXT_ONLY = frozenset({"title", "option", "textarea", "script", "style"})
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # HTML §13.1.2
)
_LANG_JA = re.compile(r"""\slang=["']?ja\b""")

_KANA = "\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\u3005\u3006"
_PUNCT = "\u3000\u3001\u3002\u300c-\u300f\u3010\u3011\u30fb\uff08\uff09\uff1a\uff5e"
# A run starts and ends with a letter or a bracket (not a space or a comma).
_JAPANESE_RUN = re.compile(
    f"[「『（【]*[{_KANA}{_HAN}](?:[{_KANA}{_HAN}{_PUNCT}]*[{_KANA}{_HAN}」』）】。])?"
)
# Chinese pages: a bracketed phrase with kana in it, else a run from its first kana.
_KANA_RUN = re.compile(
    f"[（「『][^（）「」『』<]*[{_KANA}][^（）「」『』<]*[）」』]|[{_KANA}][{_KANA}{_HAN}{_PUNCT}]*"
)


def ruby_html(text: str) -> str:
    """Text that is already escaped HTML, with each `｜base《reading》` drawn as <ruby>."""
    return RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", text)


def with_ruby(page: str) -> str:
    """The page with its easy Japanese furigana drawn, or reduced where markup cannot go."""
    if "《" not in page:
        return page
    return _rewrite(page, lambda text, _ja: ruby_html(text), without_ruby, without_ruby)


def with_japanese_marked(page: str, *, kana_only: bool = False) -> str:
    """The page with each run of Japanese outside a `lang="ja"` element in <span lang="ja">
    (``kana_only``: only runs with kana, for pages in Chinese)."""
    run = _KANA_RUN if kana_only else _JAPANESE_RUN

    def mark(text: str, inside_ja: bool) -> str:
        if inside_ja:
            return text
        return run.sub(lambda m: f'<span lang="ja">{m.group()}</span>', text)

    return _rewrite(page, mark, lambda text: text, lambda tag: tag)


def _rewrite(
    page: str,
    text_fn: Callable[[str, bool], str],
    text_only_fn: Callable[[str], str],
    tag_fn: Callable[[str], str],
) -> str:
    """Rebuild the page: `text_fn(text, inside a lang="ja" element)` on text between tags,
    `text_only_fn` on the text of text-only elements, `tag_fn` on each tag."""
    out: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # (name, inside Japanese)
    text_only: str | None = None
    position = 0
    for tag in _TAG.finditer(page):
        text = page[position : tag.start()]
        inside_ja = bool(open_elements) and open_elements[-1][1]
        out.append(text_only_fn(text) if text_only else text_fn(text, inside_ja))
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if text_only and not (closing and name == text_only):
            out.append(tag.group())  # `<` inside <script> or <textarea> text
            position = tag.end()
            continue
        out.append(tag_fn(tag.group()))
        position = tag.end()
        if not name:
            continue
        if closing:
            text_only = None
            while open_elements and open_elements.pop()[0] != name:
                pass
        elif name in _TEXT_ONLY:
            text_only = name
        elif name not in _VOID and not tag.group().endswith("/>"):
            ja = bool(_LANG_JA.search(tag.group())) or (inside_ja and " lang=" not in tag.group())
            open_elements.append((name, ja))
    tail = page[position:]
    out.append(text_only_fn(tail) if text_only else text_fn(tail, False))
    return "".join(out)
