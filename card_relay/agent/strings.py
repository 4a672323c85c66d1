"""The agent's page texts, in every language of the site (a plain dict: the agent has no
Flask-Babel).

One JSON file per language, `card_relay/agent/locales/<directory>.json` (key -> text; the
directory of `card_relay/languages.py`), shipped in the agent's package
(scripts/build_agent_package.py). The site passes its language with each job (protocol.py);
a language without a file gets Japanese. Easy Japanese texts keep their furigana
(`｜漢字《かんじ》`): the pages draw them as <ruby> (`card_relay/agent/pages.py`), and the
<title> keeps the base text.
"""

from __future__ import annotations

import json
from pathlib import Path

from card_relay.languages import ALL, DEFAULT_LANGUAGE

LOCALES = Path(__file__).resolve().parent / "locales"


def _load() -> dict[str, dict[str, str]]:
    found = {}
    for language in ALL:
        path = LOCALES / f"{language.directory}.json"
        if path.exists():
            texts = json.loads(path.read_text(encoding="utf-8"))
            found[language.code] = texts
    return found


STRINGS: dict[str, dict[str, str]] = _load()


def text(lang: str, key: str) -> str:
    """The string ``key`` in ``lang`` (Japanese for any language we do not have)."""
    return STRINGS.get(lang, STRINGS[DEFAULT_LANGUAGE])[key]
