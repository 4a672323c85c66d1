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
from bisect import bisect_right
from collections.abc import Callable

from card_relay.languages import ruby_html, without_ruby

# A tag, with quoted attribute values that may hold ">"; comments and doctype alike.
_TAG = re.compile(r"""<(/?)([a-zA-Z][\w-]*)?(?:[^>"']|"[^"]*"|'[^']*')*>""")
_TEXT_ONLY = frozenset({"title", "option", "textarea", "script", "style"})

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


def with_ruby(page: str) -> str:
    """The page with its easy Japanese furigana drawn, or reduced where markup cannot go."""
    if "《" not in page:
        return page
    return _rewrite(page, ruby_html, without_ruby, without_ruby)


def with_japanese_marked(page: str, *, kana_only: bool = False) -> str:
    """The page with each run of Japanese outside a `lang="ja"` element in <span lang="ja">
    (``kana_only``: only runs with kana, for pages in Chinese).

    Runs on every page not in Japanese, so it looks only at the few runs of Japanese: a run
    inside a tag, a text-only element or a `lang="ja"` element is left as it is."""
    run = _KANA_RUN if kana_only else _JAPANESE_RUN
    found = list(run.finditer(page))
    if not found:
        return page
    starts, ends = _left_alone(page)
    out: list[str] = []
    position = 0
    for match in found:
        start = match.start()
        region = bisect_right(starts, start) - 1
        if region >= 0 and start < ends[region]:
            continue
        if page.rfind("<", 0, start) > page.rfind(">", 0, start):
            continue  # inside a tag: an attribute's value
        out += [page[position:start], '<span lang="ja">', match.group(), "</span>"]
        position = match.end()
    out.append(page[position:])
    return "".join(out)


_TEXT_ONLY_ELEMENT = re.compile(
    r"<(title|option|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
_LANG_JA = re.compile(r"""\slang=["']?ja\b""")
_NAME = re.compile(r"<([a-zA-Z][\w-]*)")


def _left_alone(page: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the text-only and `lang="ja"` elements, in order, outermost only."""
    regions = [(m.start(), m.end()) for m in _TEXT_ONLY_ELEMENT.finditer(page)]
    for attribute in _LANG_JA.finditer(page):
        start = page.rfind("<", 0, attribute.start())
        name = _NAME.match(page, start)
        if name is not None:
            after = page.find(">", attribute.end()) + 1
            regions.append((start, _element_end(page, name.group(1), after)))
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(regions):
        if not ends or start >= ends[-1]:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _element_end(page: str, name: str, after: int) -> int:
    """Where the element opened just before ``after`` closes, counting nested ones."""
    tags = re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)
    depth = 1
    for tag in tags.finditer(page, after):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(page)


def _rewrite(
    page: str,
    text_fn: Callable[[str], str],
    text_only_fn: Callable[[str], str],
    tag_fn: Callable[[str], str],
) -> str:
    """Rebuild the page: `text_fn` on text between tags, `text_only_fn` on the text of
    text-only elements, `tag_fn` on each tag."""
    out: list[str] = []
    text_only: str | None = None
    position = 0
    for tag in _TAG.finditer(page):
        text = page[position : tag.start()]
        out.append(text_only_fn(text) if text_only else text_fn(text))
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        position = tag.end()
        if text_only and not (closing and name == text_only):
            out.append(tag.group())  # `<` inside <script> or <textarea> text
            continue
        out.append(tag_fn(tag.group()))
        if closing and name == text_only:
            text_only = None
        elif not closing and name in _TEXT_ONLY:
            text_only = name
    tail = page[position:]
    out.append(text_only_fn(tail) if text_only else text_fn(tail))
    return "".join(out)
