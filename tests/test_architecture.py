"""The rules of the codebase's shape, checked so they stay true as it grows.

The checkers live in `tests/helpers/architecture.py`; each rule is also tried on a small fake
tree below, so a rule that silently stopped finding anything would fail here too.
Allow-lists name today's offenders; an engineer removes a line when their module is done
(docs/architecture.md, "Architecture tests").
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from flask import Blueprint, Flask

from tests.helpers import architecture as rules

ROOT = Path(__file__).resolve().parents[1]
# Pure rules: no web framework, no database, no card reader library.
PURE_PACKAGES = [
    "app/domain",
    "card_relay/apdu.py",
    "card_relay/verify.py",
    "photo_checks/rules.py",
]
FORBIDDEN_IN_PURE = {"flask", "sqlalchemy", "sqlite3", "smartcard", "psycopg", "werkzeug"}
# `app/domain` is also apart from the app's own I/O layers.
FORBIDDEN_IN_DOMAIN = ("app.storage", "app.services", "app.extensions")

# "Today" comes from `app/domain/clock.py` only.
CLOCK = "app/domain/clock.py"


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def unaudited_staff_views(app: Flask) -> set[str]:
    """Endpoints of the office blueprints whose view is not marked by `staff_action`."""
    return {
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint.split(".")[0].startswith("office") and not getattr(view, "staff_action", None)
    }


@pytest.mark.parametrize("relative", PURE_PACKAGES)
def test_pure_rule_modules_import_no_framework_database_or_reader(relative: str) -> None:
    for path in rules.python_files(ROOT, relative):  # a missing path fails here
        assert not (_imported_roots(path) & FORBIDDEN_IN_PURE), path


def test_domain_imports_no_storage_services_or_extensions() -> None:
    assert rules.modules_importing(ROOT, "app/domain", FORBIDDEN_IN_DOMAIN) == {}


def test_routes_import_no_storage() -> None:
    offenders = set(rules.modules_importing(ROOT, "app/routes", ("app.storage",)))
    assert offenders == set(), "routes call services, not storage"


def test_routes_never_commit() -> None:
    offenders = rules.commit_calls(ROOT, "app/routes")
    assert offenders == set(), "services own transactions"


def test_no_route_module_imports_a_private_name_from_another() -> None:
    assert rules.private_imports(ROOT, "app/routes", "app.routes") == set()


def test_no_import_cycles_among_app_modules() -> None:
    assert rules.import_cycles(ROOT, "app") == set()


def test_today_comes_from_the_clock_only() -> None:
    counts = rules.today_calls(ROOT, "app", CLOCK)
    assert counts == {}, f"use {CLOCK} (today_in_japan / now_in_japan / now_utc)"


def test_every_staff_view_records_a_staff_action(app: Flask) -> None:
    assert unaudited_staff_views(app) == set(), "decorate it with staff_action"


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


def test_every_class_the_stylesheet_styles_is_used() -> None:
    """app.css keeps no dead rules: each class it styles is written in a template, a script or
    Python, or completed by a template from a prefix (`task-list__status--{{ task.status }}`,
    `{{ kind }}__item`, `input--{{ params.width }}`)."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "app/static/css/app.css").read_text(), flags=re.S)
    sources = (ROOT / "app").rglob("*")
    used = "\n".join(p.read_text() for p in sources if p.suffix in {".html", ".mjs", ".py"})

    def found(name: str) -> bool:
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", used):
            return True
        prefix, modifier, _ = name.rpartition("--")
        element = name.partition("__")[2].partition("--")[0]
        return bool(modifier and f"{prefix}--{{{{" in used) or bool(
            element and f"}}}}__{element}" in used
        )

    assert sorted(n for n in set(re.findall(r"\.([a-z][\w-]*)", css)) if not found(n)) == []


# The checkers themselves, on a small fake tree: each rule must catch a deliberate violation.


@pytest.fixture
def fake(tmp_path: Path) -> Path:
    files = {
        "app/__init__.py": "",
        "app/domain/__init__.py": "",
        "app/domain/rule.py": "from app.storage import things\n",
        "app/domain/clock.py": "from datetime import date\ndef today():\n    return date.today()\n",
        "app/storage/__init__.py": "",
        "app/storage/things.py": "import datetime\nNOW = datetime.datetime.now()\n",
        "app/storage/models.py": "",
        "app/routes/__init__.py": "",
        "app/routes/good.py": (
            "from typing import TYPE_CHECKING\nfrom app.services import a\n"
            "if TYPE_CHECKING:\n    from app.storage.models import Thing\n"
            "COMMIT = 'db.session.commit()'\n"
        ),
        "app/routes/bad.py": "from ..storage import things\ndef v(db):\n    db.session.commit()\n",
        "app/routes/late.py": "def v():\n    from app.storage.models import Thing\n",
        "app/routes/borrow.py": "from app.routes.good import _helper, public\n",
        "app/services/__init__.py": "",
        "app/services/a.py": "def f():\n    from app.services import b\n",
        "app/services/b.py": "from . import a\n",
        "app/services/c.py": "from app.services import a\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_checkers_find_route_storage_imports_relative_and_in_functions(fake: Path) -> None:
    found = rules.modules_importing(fake, "app/routes", ("app.storage",))
    assert set(found) == {"app/routes/bad.py", "app/routes/late.py"}  # not TYPE_CHECKING ones


def test_checkers_find_private_names_borrowed_between_routes(fake: Path) -> None:
    found = rules.private_imports(fake, "app/routes", "app.routes")
    assert found == {"app/routes/borrow.py: app.routes.good._helper"}


def test_checkers_find_commits_in_code_not_strings(fake: Path) -> None:
    assert rules.commit_calls(fake, "app/routes") == {"app/routes/bad.py"}


def test_checkers_find_import_cycles_through_function_level_imports(fake: Path) -> None:
    assert rules.import_cycles(fake, "app") == {("app.services.a", "app.services.b")}


def test_checkers_find_impure_domain_modules(fake: Path) -> None:
    found = rules.modules_importing(fake, "app/domain", FORBIDDEN_IN_DOMAIN)
    assert found == {"app/domain/rule.py": {"app.storage.things"}}


def test_checkers_fail_on_a_missing_path(fake: Path) -> None:
    with pytest.raises(FileNotFoundError):
        rules.python_files(fake, "app/nowhere.py")


def test_checkers_find_a_second_today(fake: Path) -> None:
    assert rules.today_calls(fake, "app", "app/domain/clock.py") == {"app/storage/things.py": 1}


def test_checkers_find_a_staff_view_without_audit() -> None:
    fake_app = Flask(__name__)
    office = Blueprint("office_fake", __name__)

    @office.get("/a")
    def audited() -> str:
        return ""

    audited.staff_action = "viewed"  # type: ignore[attr-defined]

    @office.get("/b")
    def silent() -> str:
        return ""

    fake_app.register_blueprint(office)
    assert unaudited_staff_views(fake_app) == {"office_fake.silent"}
