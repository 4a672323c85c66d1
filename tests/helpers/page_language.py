"""Text left in another language (issue 17): the page checker's language rules.

Each run of text is judged in the language it is marked with (the nearest `lang`), joined
per block (a paragraph, a list item, a heading, a button...) so that a sentence split by a
link is still one sentence:
- not English, yet English: three or more common English function words ("the", "your",
  "with"...), at least two of them different (a Spanish, Tagalog or Indonesian sentence
  has none of these; an official English name in parentheses has one or two);
- not Japanese, yet kana: Japanese must be marked `lang="ja"` (the official terms beside
  their translation, the site's Japanese name), so screen readers read it as Japanese;
- English or Japanese, yet another script: Hangul, Thai or Devanagari left from another
  page (Chinese has no script of its own apart from Japanese kanji, so it is not judged).
Text-only elements (<title>, <option>, <textarea>) cannot hold a `lang` span: they are
judged for English only.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

ENGLISH_WORDS = frozenset(
    "the and of to is are your you for with this that it be or not by from will have has was "
    "were if we our what when which who can an on".split()
)
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]")
OTHER_SCRIPTS = {
    "Hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
    "Thai": re.compile(r"[\u0e00-\u0e7f]"),
    "Devanagari": re.compile(r"[\u0900-\u097f]"),
}
BLOCKS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 td th dt dd label legend summary button caption figcaption "
    "blockquote title option textarea div section main header footer nav form fieldset body "
    "details ul ol table tr article aside".split()
)
TEXT_ONLY = frozenset({"title", "option", "textarea"})
SKIPPED = frozenset({"script", "style", "template", "noscript", "code", "pre", "kbd", "samp"})


def language_problems(soup: BeautifulSoup) -> list[str]:
    """Each block of text that is in another language than the one it is marked with."""
    groups: dict[tuple[int, int], tuple[str, Tag, list[str]]] = {}
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString) or not node.strip():
            continue
        parents = list(node.parents)
        if any(parent.name in SKIPPED for parent in parents):
            continue
        marked = next((p for p in parents if isinstance(p, Tag) and p.get("lang")), None)
        block = next((p for p in parents if p.name in BLOCKS), None)
        if marked is None or block is None:
            continue
        key = (id(block), id(marked))
        groups.setdefault(key, (str(marked["lang"]), block, []))[2].append(str(node))
    problems = []
    for lang, block, texts in groups.values():
        text = " ".join(" ".join(texts).split())
        problem = _problem(lang, text, text_only=block.name in TEXT_ONLY)
        if problem:
            problems.append(f"{problem} in <{block.name}> marked lang={lang}: {text[:120]!r}")
    return problems


def _problem(lang: str, text: str, *, text_only: bool) -> str | None:
    primary = lang.split("-")[0].lower()
    if primary != "en":
        words = [w.lower() for w in WORD.findall(text) if w.lower() in ENGLISH_WORDS]
        if len(words) >= 3 and len(set(words)) >= 2:
            return "English"
    if text_only:
        return None
    if primary != "ja" and KANA.search(text):
        return "Japanese kana"
    if primary in {"en", "ja"}:
        for script, pattern in OTHER_SCRIPTS.items():
            if pattern.search(text):
                return f"{script} script"
    return None
