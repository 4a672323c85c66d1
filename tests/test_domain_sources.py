"""Every pure rule names where it comes from (issue 15: "facts carry their source").

Each module of `app/domain` opens with a docstring holding a `Sources:` section: either a list
of the documents its rules come from (a file in `../shared/docs/domain/sources/` or a summary in
`../shared/docs/domain/`, with the lines or section), or `Sources: none — <why>` for a module
of pure mechanics. The next review of the rules is then a lookup, not a search.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import architecture as rules

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_DOCS = ROOT.parent / "shared/docs/domain"


def test_every_domain_module_names_its_sources() -> None:
    assert rules.modules_without_sources(ROOT, "app/domain") == set()


@pytest.mark.skipif(not DOMAIN_DOCS.is_dir(), reason="../shared/docs/domain is missing")
def test_every_cited_source_exists() -> None:
    assert rules.cited_sources_missing(ROOT, "app/domain", DOMAIN_DOCS) == {}


def test_checkers_find_a_module_without_sources(tmp_path: Path) -> None:
    domain = tmp_path / "app/domain"
    domain.mkdir(parents=True)
    (domain / "__init__.py").write_text("")
    (domain / "cited.py").write_text(
        '"""Rule.\n\nSources:\n- sources/a.txt:1-2 (A): says so\n"""\n'
    )
    (domain / "far.py").write_text(
        '"""Rule.\n\nSources:\n- sources/b.txt:7-9 (B): past the end\n"""\n'
    )
    (domain / "mechanics.py").write_text('"""Dates.\n\nSources: none — arithmetic only.\n"""\n')
    (domain / "silent.py").write_text('"""A rule with no source."""\n')
    (domain / "empty_list.py").write_text('"""Rule.\n\nSources:\n\nMore text.\n"""\n')
    assert rules.modules_without_sources(tmp_path, "app/domain") == {
        "app/domain/silent.py",
        "app/domain/empty_list.py",
    }
    docs = tmp_path / "docs"
    (docs / "sources").mkdir(parents=True)
    (docs / "sources/b.txt").write_text("one\ntwo\n")
    assert rules.cited_sources_missing(tmp_path, "app/domain", docs) == {
        "app/domain/cited.py": {"sources/a.txt"},
        "app/domain/far.py": {"sources/b.txt:7-9"},
    }
