"""Issue 17: every language is complete, or a page shows English (or a raw key) to its reader.

For each language of `card_relay/languages.py`: its catalogue has every message translated,
none fuzzy, every `%(name)s` placeholder kept, as many plural forms as its Babel locale has;
its photo checker and card agent texts have every key of the English ones with the same
`{placeholders}`; in easy Japanese, each furigana is well formed (`｜漢字《かんじ》`, the
reading in kana). These fail until the translators' catalogues are merged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from card_relay.languages import ALL, EASY_JAPANESE, RUBY, Language, without_ruby

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
BRACES = re.compile(r"\{(\w+)\}")
KANA = re.compile(r"^[\u3040-\u309f\u30a0-\u30ffー・]+$")
JSON_FILES = ("photo_checks/locales", "card_relay/agent/locales")


def catalogue(language: Language) -> Catalog:
    path = ROOT / "app/translations" / language.directory / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language.babel_locale)


def _forms(message: Message) -> list[str]:
    strings = message.string
    return list(strings) if isinstance(strings, list | tuple) else [strings]


def ruby_problems(text: str) -> list[str]:
    """What is wrong with a text's easy Japanese furigana (nothing for a text without)."""
    problems = []
    if set("｜《》") & set(without_ruby(text)):
        problems.append("furigana notation broken (write ｜漢字《かんじ》)")
    for match in RUBY.finditer(text):
        if not KANA.match(match.group(2)):
            problems.append(f"reading not kana: {match.group(0)}")
    return problems


def message_problems(message: Message, nplurals: int, *, easy: bool) -> list[str]:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    wanted = set(PLACEHOLDER.findall(ids[0])) | set(PLACEHOLDER.findall(ids[-1]))
    strings = _forms(message)
    problems = ["fuzzy"] if message.fuzzy else []
    if message.pluralizable and len(strings) != nplurals:
        problems.append(f"{len(strings)} plural forms, the language has {nplurals}")
    for string in strings:
        if not string.strip():
            problems.append("empty")
            continue
        got = set(PLACEHOLDER.findall(string))
        # A plural form may leave out the number where a form stands for one number only.
        if got != wanted and not (message.pluralizable and got <= wanted):
            problems.append(f"placeholders {sorted(got)}, want {sorted(wanted)}")
        if easy:
            problems += ruby_problems(string)
    return problems


@pytest.mark.parametrize("language", ALL, ids=lambda language: language.code)
def test_the_catalogue_is_complete(language: Language) -> None:
    if language.code == "en":
        pytest.skip("English is the message ids themselves")
    found = catalogue(language)
    problems = {
        str(message.id): found_problems
        for message in found
        if message.id
        and (
            found_problems := message_problems(
                message, found.num_plurals, easy=language.code == EASY_JAPANESE
            )
        )
    }
    assert problems == {}, f"{language.directory}: {len(problems)} messages not ready"


def _leaves(tree: dict[str, Any], path: str = "") -> dict[str, str]:
    leaves = {}
    for key, value in tree.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            leaves.update(_leaves(value, here))
        else:
            leaves[here] = value
    return leaves


@pytest.mark.parametrize("folder", JSON_FILES)
@pytest.mark.parametrize("language", ALL, ids=lambda language: language.code)
def test_the_photo_checker_and_agent_texts_are_complete(language: Language, folder: str) -> None:
    english = _leaves(json.loads((ROOT / folder / "en.json").read_text(encoding="utf-8")))
    path = ROOT / folder / f"{language.directory}.json"
    assert path.exists(), f"{path} is missing"
    mine = _leaves(json.loads(path.read_text(encoding="utf-8")))
    assert sorted(mine) == sorted(english), path
    problems = {}
    for key, text in mine.items():
        found = [] if isinstance(text, str) and text.strip() else ["empty"]
        if not found and sorted(BRACES.findall(text)) != sorted(BRACES.findall(english[key])):
            found.append(f"placeholders differ from {BRACES.findall(english[key])}")
        if not found and language.code == EASY_JAPANESE:
            found += ruby_problems(text)
        if found:
            problems[key] = found
    assert problems == {}, path


def test_the_checks_catch_a_broken_translation() -> None:
    """The rules above, on a small catalogue of deliberate mistakes."""
    catalog = Catalog(locale="ko")
    catalog.add("Hello %(name)s", "안녕")
    catalog.add(("%(num)d day", "%(num)d days"), ("%(num)d일", "%(num)d일"))
    catalog.add("Fine", "좋아요", flags=["fuzzy"])
    found = {
        str(m.id): message_problems(m, catalog.num_plurals, easy=False) for m in catalog if m.id
    }
    assert found["Hello %(name)s"] == ["placeholders [], want ['name']"]
    assert found["('%(num)d day', '%(num)d days')"] == ["2 plural forms, the language has 1"]
    assert found["Fine"] == ["fuzzy"]
    assert ruby_problems("｜漢字《かんじ》を｜読《よ》む") == []
    assert ruby_problems("｜漢字《kanji》") == ["reading not kana: ｜漢字《kanji》"]
    assert ruby_problems("漢字《かんじ》") == ["furigana notation broken (write ｜漢字《かんじ》)"]
