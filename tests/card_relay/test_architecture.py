"""Layering rules: pure modules import no I/O library; only pcsc.py imports pyscard."""

from __future__ import annotations

import ast
from pathlib import Path

import card_relay

PACKAGE = Path(card_relay.__file__).parent
IO_LIBRARIES = {"smartcard", "flask", "sqlite3", "socket", "requests", "sqlalchemy"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_pure_modules_import_no_io_library() -> None:
    for name in ("apdu.py", "verify.py", "digest.py", "pins.py"):
        assert not imported_roots(PACKAGE / name) & IO_LIBRARIES, name


def test_only_pcsc_imports_pyscard() -> None:
    importers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "smartcard" in imported_roots(path)
    }
    assert importers == {"pcsc.py"}


def test_modules_stay_small() -> None:
    sizes = {p.name: len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")}
    assert max(sizes.values()) <= 400, sizes
