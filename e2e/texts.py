"""What the user reads, in the language they chose, taken from the app's own catalogs.

Page objects name things by the app's English message ids, `texts("Sign out")`, and get
the words the user sees in the current language. A message with no Japanese translation
raises instead of silently matching the English fallback.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from app.domain import language_tags
from app.labels import Choices
from card_relay.languages import BY_CODE, RUBY

TRANSLATIONS = Path(__file__).resolve().parents[1] / "app" / "translations"
SOURCE_LANGUAGE = "en"


@cache
def _catalog(language: str) -> Catalog:
    found = BY_CODE[language]
    with (TRANSLATIONS / found.directory / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=found.babel_locale)


class Texts:
    """Looks up the words a user sees for an English message id, in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, message_id: str, **params: object) -> Any:
        """The words (a `str`), or for easy Japanese with furigana a pattern that matches them
        as the page shows them: the reading in <ruby> may or may not be part of an accessible
        name or a text, with or without spaces (Playwright takes either)."""
        text = self._lookup(message_id)
        return matching(text % params if params else text)

    def option(self, choices: Choices, value: str) -> str:
        """A choice from `app/labels` as the form offers it: the translation, and on pages not
        in Japanese the official Japanese beside it when the choices carry a caption
        ("Spouse (妻・夫)"), as `app.labels.option` draws it."""
        label = choices[value]
        translated = self(label.en)
        if BY_CODE[self.language].babel_locale == "ja" or not choices.caption:
            return translated
        return f"{translated} ({label.ja})"

    def _lookup(self, message_id: str) -> str:
        message = _catalog(self.language).get(message_id)
        if message is not None and message.string:
            return str(message.string)
        if self.language == SOURCE_LANGUAGE:
            return message_id
        raise KeyError(f"{message_id!r} has no {self.language} translation in the catalogs")


def matching(text: str) -> str | re.Pattern[str]:
    """What matches `text` as a page shows it: the text itself, or for easy Japanese with
    furigana a pattern (the reading in <ruby> may or may not be part of an accessible name or
    a text, with or without spaces: Playwright takes either)."""
    return _furigana_pattern(text) if RUBY.search(text) else text


def _furigana_pattern(text: str) -> re.Pattern[str]:
    """｜漢字《かんじ》 -> 漢字, then optionally かんじ, spaces allowed around either."""
    parts, end = [], 0
    for found in RUBY.finditer(text):
        parts.append(_plain(text[end : found.start()]))
        parts.append(rf"\s*{re.escape(found[1])}\s*(?:{re.escape(found[2])}\s*)?")
        end = found.end()
    parts.append(_plain(text[end:]))
    return re.compile("".join(parts))


def _plain(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split(" "))


def language_of(locale: str) -> str:
    """The site language a browser locale such as `ja-JP` or `zh-TW` asks for, matched as the
    app matches Accept-Language (app/domain/language_tags.py); Japanese for any other."""
    return language_tags.match([locale]) or "ja"
