"""The size limits users read come from the limits the checks use (`app/domain/files.py`):
no template or route writes a number of megabytes itself."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEGABYTES = re.compile(r"\b\d+\s?MB\b")


def test_no_template_or_route_writes_a_size_limit_itself() -> None:
    places = [*ROOT.glob("app/templates/**/*.html"), *ROOT.glob("app/routes/**/*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in places
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if MEGABYTES.search(line)
    ]
    assert found == []


def test_the_checker_finds_a_written_limit() -> None:
    assert MEGABYTES.search('_("The selected file must be smaller than 10 MB")')
    assert not MEGABYTES.search('_("smaller than %(size)s MB", size=rule.megabytes)')
