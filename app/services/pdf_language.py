"""The language a PDF prints beside the Japanese (issue 17: "what the resident downloads
carries their language beside the Japanese where the document is official").

The Japanese is always there: it is what the official forms, the office and the counter use.
Beside it goes the resident's language: English on an English or a Japanese page (what the
documents have always shown), and on the other pages that page's language. A PDF is not
always made in the resident's request (the office issues the NHI notice from its own,
Japanese, pages), so the language is named by the caller, not read from the request, and the
text comes from the language's catalogue directly rather than Flask-Babel's request locale.

Easy Japanese (`ja-x-easy`) prints its kanji with the reading in brackets, 漢字(かんじ): a PDF
cannot carry `<ruby>`, and the readings are the reason easy Japanese exists; bracketed
readings are how printed easy-Japanese notices show them when ruby is not available.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations

from app.catalogues import load
from card_relay.languages import BY_CODE, EASY_JAPANESE, RUBY

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
# Languages whose documents print the English message id itself beside the Japanese.
ENGLISH_BESIDE = ("ja", "en")


def document_language(code: str | None) -> str:
    """A known site language, or "en" (the documents' second language before issue 17)."""
    return code if code in BY_CODE else "en"


def beside(language: str, english: str) -> str:
    """`english` (a message id) as `language`'s documents print it beside the Japanese."""
    if language in ENGLISH_BESIDE or language not in BY_CODE:
        return english
    translated = str(catalogue(BY_CODE[language].directory).ugettext(english))
    return with_readings(translated) if language == EASY_JAPANESE else translated


def with_readings(text: str) -> str:
    """｜漢字《かんじ》 -> 漢字(かんじ): the reading kept where no ruby can go."""
    return RUBY.sub(r"\1(\2)", text)


@cache
def catalogue(directory: str) -> NullTranslations:
    """The compiled catalogue of a language directory (`zh_Hant`), loaded once."""
    return load((TRANSLATIONS,), directory)
