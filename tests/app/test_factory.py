"""The factory: settings from defaults, environment and the caller; the CLI commands."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app import create_app
from app.config import load_config
from app.extensions import db
from app.storage import users
from app.storage.models import User
from tests.conftest import build_app


def test_config_reads_myna_variables_and_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MYNA_RP_ID", "myna.example.jp")
    monkeypatch.setenv("MYNA_CHALLENGE_TTL_SECONDS", "120")
    monkeypatch.setenv("MYNA_SESSION_COOKIE_SECURE", "false")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/myna")
    config = load_config({"RP_NAME": "Ward"})
    assert config["RP_ID"] == "myna.example.jp"
    assert config["CHALLENGE_TTL_SECONDS"] == 120
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["DATABASE_URL"] == "postgresql+psycopg://u:p@db/myna"
    assert config["RP_NAME"] == "Ward"


def test_embedded_default_is_a_sqlite_file_in_the_instance_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    app = create_app({"SECRET_KEY": "x", "DATA_KEY": key})
    assert app.config["DATABASE_URL"] == f"sqlite:///{Path(app.instance_path) / 'myna.sqlite3'}"
    db.engine_for(app).dispose()


def test_make_staff_grants_the_staff_role_by_display_name(tmp_path: Path) -> None:
    app = build_app(tmp_path)
    with app.app_context():
        users.create_user(db.session, "Ward Clerk")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["users", "make-staff", "Ward Clerk"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalars(select(User)).one().is_staff is True
    missing = app.test_cli_runner().invoke(args=["users", "make-staff", "Nobody"])
    assert missing.exit_code != 0 and "no account named" in missing.output


def test_staff_pages_refuse_residents(app: Flask) -> None:
    from app.auth import staff_required

    @app.get("/office-probe")
    @staff_required
    def probe() -> str:
        return "office"

    from tests.helpers.client import PageClient

    client = PageClient(app)
    assert client.get("/office-probe").status_code == 302
    client.sign_up("Resident")
    assert client.get("/office-probe").status_code == 403
    with app.app_context():
        db.session.scalars(select(User)).one().is_staff = True
        db.session.commit()
    assert client.get("/office-probe").get_data(as_text=True) == "office"
