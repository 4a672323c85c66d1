"""Japanese is complete for every string, and the compiled catalogs match their sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from card_relay.languages import ALL

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"


def _extract(tmp_path: Path) -> list[Message]:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def _extract_current_messages(tmp_path: Path) -> set[str]:
    return {m.id for m in _extract(tmp_path)}


def test_every_template_with_text_is_read_by_the_extractor(tmp_path: Path) -> None:
    """A template the extractor cannot parse is skipped silently; its text would stay English."""
    sources = {Path(path).as_posix() for m in _extract(tmp_path) for path, _line in m.locations}
    templates = ROOT / "app" / "templates"
    with_text = {
        p.relative_to(ROOT).as_posix()
        for p in templates.rglob("*.html")
        if "_(" in p.read_text() or "ngettext(" in p.read_text()
    }
    assert with_text - sources == set()


def test_every_message_in_the_code_has_a_japanese_translation(tmp_path: Path) -> None:
    with (TRANSLATIONS / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if _translated(m)}
    missing = sorted(_extract_current_messages(tmp_path) - translated)
    assert missing == [], "run scripts/translations.sh and translate these in ja/messages.po"


def test_compiled_catalogs_match_their_po_files() -> None:
    for lang in ALL:
        folder = TRANSLATIONS / lang.directory / "LC_MESSAGES"
        with (folder / "messages.po").open("rb") as po, (folder / "messages.mo").open("rb") as mo:
            source = {_key(m.id): _key(m.string) for m in read_po(po) if _translated(m)}
            compiled = {  # an untranslated plural is compiled as its own msgid
                _key(m.id): _key(m.string)
                for m in read_mo(mo)
                if m.id and not _untranslated_plural(m)
            }
        assert compiled == source, f"{lang.code}: run `.venv/bin/python scripts/translations.py`"


def _untranslated_plural(message: Message) -> bool:
    """write_mo compiles an untranslated plural as its msgids, as many as the language's forms."""
    ids = _key(message.id)
    strings = _key(message.string)
    return isinstance(ids, tuple) and isinstance(strings, tuple) and set(strings) <= set(ids)


def _key(value: object) -> object:
    """Plural messages come back as lists from one reader and tuples from the other."""
    return tuple(value) if isinstance(value, list | tuple) else value


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return bool(message.id) and all(strings) and not message.fuzzy


def _japanese() -> list[Message]:
    with (TRANSLATIONS / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_review_wording_fixes_hold_in_the_catalogue() -> None:
    """Issue 15 (docs/domain-review-plan.md): B12/H6 the 追記欄 is on the front; F1/H7 the reset
    app is 「JPKI暗証番号リセット」; F4/H15 no "card's back"; H2 no colloquial 当てずっぽう; H3 the
    official 個人番号通知書; H13 no colon joining clauses in running Japanese."""
    banned_ja = [
        "裏面の追記欄",
        "JPKI利用者ソフト",
        "マイナポータルアプリを使ってコンビニ",
        "当てずっぽう",
        "マイナンバーのお知らせ",
        "で：",
    ]
    for message in _japanese():
        for string in (
            message.string if isinstance(message.string, list | tuple) else [message.string]
        ):
            assert not [b for b in banned_ja if b in string], (message.id, string)
        ids = message.id if isinstance(message.id, list | tuple) else [message.id]
        assert not [i for i in ids if "card's back" in i or "back of my card" in i], message.id


def test_one_english_name_for_the_qualification_confirmation_form() -> None:
    """Review plan D14: 資格確認書 is "qualification confirmation form" on every page; a second
    English name ("qualification certificate") made residents think of two documents."""
    with (TRANSLATIONS / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        ids = [m.id for m in read_po(handle) if m.id]
    name = "qualification confirmation form (資格確認書)"
    named = [i for i in ids if name in str(i)]
    assert named, "the official term's English name is used"
    assert not [i for i in ids if "qualification certificate" in str(i).lower()]
