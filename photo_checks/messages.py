"""User-facing messages that say what to do, in every language of the site.

The texts are in `photo_checks/locales/<directory>.json` (one file per language of
`card_relay/languages.py`; ja and en were the first, the translators add the rest), keyed
by finding code: `messages.<key>`, with `{edge}`, `{problems}` and `{format}` filled from
`edges.*`, `consequences.*` and `formats.*` of the same file. Several edges or consequences
are joined with the language's list pattern (Babel, by the language's Babel locale).
A finding's message carries every language, so the page shows it in the reader's language
and a staff page in the staff member's, from the one stored report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from babel.lists import format_list

from card_relay.languages import ALL, DEFAULT_LANGUAGE, Language

LOCALES = Path(__file__).resolve().parent / "locales"


class Message(Mapping[str, str]):
    """One message in every language there is a file for: site code -> text."""

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    def __getitem__(self, code: str) -> str:
        return self._texts[code]

    def __iter__(self) -> Any:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._texts == other._texts

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._texts.items())))

    def __repr__(self) -> str:
        return f"Message({self._texts!r})"

    def in_(self, code: str) -> str:
        """The text in ``code``, Japanese when that language has no file."""
        return self._texts.get(code, self._texts[DEFAULT_LANGUAGE])

    @property
    def ja(self) -> str:
        return self._texts["ja"]

    @property
    def en(self) -> str:
        return self._texts["en"]


@cache
def texts() -> dict[Language, dict[str, dict[str, str]]]:
    """Each language's texts, read once: the languages whose file exists."""
    found = {}
    for language in ALL:
        path = LOCALES / f"{language.directory}.json"
        if path.exists():
            found[language] = json.loads(path.read_text(encoding="utf-8"))
    return found


def message_for(
    key: str,
    *,
    edges: Sequence[str] = (),
    problems: Sequence[str] = (),
    detected: str | None = None,
) -> Message:
    """The message ``key`` in every language, its ``{edge}``, ``{problems}`` and ``{format}``
    filled: ``edges`` and ``problems`` are keys of ``edges.*`` / ``consequences.*``;
    ``detected`` names the file's format (``formats.named``), else ``formats.not_jpeg``."""
    filled = {}
    for language, text in texts().items():
        fmt = text["formats"]["named" if detected else "not_jpeg"].format(detected=detected)
        filled[language.code] = text["messages"][key].format(
            edge=_joined(language, [text["edges"][e] for e in edges]),
            problems=_joined(language, [text["consequences"][p] for p in problems]),
            format=fmt,
        )
    return Message(filled)


def _joined(language: Language, items: list[str]) -> str:
    return format_list(items, locale=language.babel_locale) if items else ""


def known_keys() -> frozenset[str]:
    """All message keys, so a test can check every code has every language."""
    return frozenset(texts()[ALL[0]]["messages"])
