"""The rules of the codebase's shape, checked so they stay true as it grows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
# Pure rules: no web framework, no database, no card reader library.
PURE_PACKAGES = [
    "app/domain",
    "card_relay/apdu.py",
    "card_relay/verify.py",
    "photo_checks/rules.py",
]
FORBIDDEN_IN_PURE = {"flask", "sqlalchemy", "sqlite3", "smartcard", "psycopg", "werkzeug"}


def _python_files(relative: str) -> list[Path]:
    path = ROOT / relative
    if path.is_file():
        return [path]
    return sorted(path.rglob("*.py")) if path.exists() else []


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(
    "path",
    [p for rel in PURE_PACKAGES for p in _python_files(rel)] or [None],
    ids=lambda p: str(p.relative_to(ROOT)) if p else "none-yet",
)
def test_pure_rule_modules_import_no_framework_database_or_reader(path: Path | None) -> None:
    if path is None:
        return
    assert not (_imported_roots(path) & FORBIDDEN_IN_PURE), path


def test_only_pcsc_module_imports_pyscard() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in ROOT.glob("**/*.py")
        if ".venv" not in p.parts
        and "smartcard" in _imported_roots(p)
        and p.relative_to(ROOT).as_posix() != "card_relay/pcsc.py"
        and not p.relative_to(ROOT).as_posix().startswith(("tests/", "benchmarks/"))
    ]
    assert offenders == []


def test_every_route_is_either_public_or_requires_sign_in(app: Flask) -> None:
    unguarded = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static"
        and not getattr(view, "public", False)
        and not getattr(view, "login_required", False)
    ]
    assert unguarded == []


def test_urls_are_kebab_case_with_typed_parameters(app: Flask) -> None:
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for part in re.split(r"<[^>]+>", rule.rule):
            assert re.fullmatch(r"[a-z0-9/.\-]*", part), f"{rule.rule} is not kebab-case"
        for converter in re.findall(r"<([^>]+)>", rule.rule):
            assert ":" in converter, f"{rule.rule}: parameter {converter} has no type"


def test_no_module_grows_past_400_lines() -> None:
    sources = [
        p for pkg in ("app", "photo_checks", "card_relay") for p in (ROOT / pkg).rglob("*.py")
    ]
    too_long = [str(p.relative_to(ROOT)) for p in sources if len(p.read_text().splitlines()) > 400]
    assert too_long == []


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    pattern = re.compile(r"<script>|<script [^>]*>[^<]|style=\"|\son[a-z]+=\"|<style")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app" / "templates").rglob("*.html")
        if pattern.search(p.read_text())
    ]
    assert offenders == []
