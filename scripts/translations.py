"""Extract messages and merge them into the ja and en catalogs, keeping every translation.

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
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from card_relay.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = tuple(LANGUAGES)


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


def merge(template: Catalog, language: str, *, prune: bool) -> None:
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        catalog = Catalog(locale=language, domain="messages")
    for message in template:
        if message.id and message.id not in catalog:
            catalog.add(
                message.id, string=("", "") if message.pluralizable else "", flags=message.flags
            )
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
    for language in LANGUAGES:
        merge(template, language, prune=args.prune)
    subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-m", "babel.messages.frontend", "compile", "-d", str(TRANSLATIONS)],
        check=True,
        capture_output=True,
    )


if __name__ == "__main__":
    main()
