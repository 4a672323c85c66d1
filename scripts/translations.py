"""Extract messages and merge them into every language's catalog, keeping every translation.

One catalog per language of `card_relay/languages.py`, in its directory (`zh-Hant` ->
`zh_Hant`), read and written with its Babel locale so its plural forms and Language header
are that locale's (`tl` -> `fil`, easy Japanese `ja_x_easy` -> `ja`).

Unlike `pybabel update`, nothing is marked obsolete: several people change templates at once,
and a string one of them removes may still be in someone else's branch. `--prune` drops the
entries no code uses any more (run it when the tree is quiet). Then it compiles the catalogs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from card_relay.languages import ALL, Language

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "translations"
POT = TRANSLATIONS / "messages.pot"


def extract() -> Catalog:
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [
            *pybabel,
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(POT),
            "--no-location",
            "--sort-output",
            "-w",
            "1000",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with POT.open("rb") as handle:
        return read_po(handle)


def catalog_path(language: Language) -> Path:
    return TRANSLATIONS / language.directory / "LC_MESSAGES" / "messages.po"


def merge(template: Catalog, language: Language, *, prune: bool) -> None:
    path = catalog_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language.babel_locale)
    else:
        catalog = Catalog(locale=language.babel_locale, domain="messages")
    for message in template:
        if message.id and message.id not in catalog:
            empty = ("",) * catalog.num_plurals if message.pluralizable else ""
            catalog.add(message.id, string=empty, flags=message.flags)
    if prune:
        for message in list(catalog):
            if message.id and message.id not in template:
                del catalog[message.id]
    with path.open("wb") as handle:
        write_po(handle, catalog, width=1000, sort_output=True, ignore_obsolete=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prune", action="store_true", help="drop entries no code uses")
    args = parser.parse_args()
    template = extract()
    for language in ALL:
        merge(template, language, prune=args.prune)
    for language in ALL:
        compile_catalog(language)


def compile_catalog(language: Language) -> None:
    """Write the .mo beside the .po, leaving out fuzzy entries. `pybabel compile -d` cannot:
    it takes each directory's name for a locale, and `ja_x_easy` is not one."""
    path = catalog_path(language)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language.babel_locale)
    errors = [f"{message.id!r}: {error}" for message, found in catalog.check() for error in found]
    if errors:
        raise SystemExit(f"{path}:\n" + "\n".join(errors))
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


if __name__ == "__main__":
    main()
