"""Fixtures for the unit and integration tests: an app on a fresh database, a checking client."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from PIL import ImageFile
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db
from app.storage import migrate
from tests.helpers.client import PageClient

POSTGRES_URL = os.environ.get(
    "MYNA_TEST_POSTGRES_URL", "postgresql+psycopg://myna:myna@127.0.0.1:5432/myna_test"
)


def reset_postgres(url: str) -> None:
    """Give each test an empty schema; fail loudly when the server is not there."""
    try:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    except Exception as error:  # pragma: no cover - the message is the point
        pytest.fail(
            f"PostgreSQL is not reachable at {url} ({error.__class__.__name__}). "
            "Run `make test`, which starts it (scripts/services.sh), or set MYNA_TEST_POSTGRES_URL."
        )


def build_app(tmp_path: Path, database_url: str | None = None, **overrides: Any) -> Flask:
    config = {
        "TESTING": True,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "RATELIMIT_ENABLED": False,
        # The demonstration, as `make run` starts it: every journey has its Send button and
        # its demo wording. A test of `none` or `office` overrides DEMO and MYNA_RECEIVER_*.
        "DEMO": True,
    }
    config.update(overrides)
    app = create_app(config)
    migrate.upgrade(db.engine_for(app))
    return app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = build_app(tmp_path)
    yield application
    db.engine_for(application).dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """The same app on each supported database: the storage tests run on both."""
    url = None
    if request.param == "postgresql":
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    application = build_app(tmp_path, url)
    yield application
    db.engine_for(application).dispose()


@pytest.fixture
def client(app: Flask) -> PageClient:
    return PageClient(app)


@pytest.fixture
def signed_in(client: PageClient) -> PageClient:
    client.sign_up("Hanako")
    return client


@pytest.fixture
def pillow_decodes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """The size of every image Pillow decodes during the test (loads with data to decode)."""
    seen: list[tuple[int, int]] = []
    original = ImageFile.ImageFile.load

    def spy(self: ImageFile.ImageFile):  # type: ignore[no-untyped-def]
        if self.tile:
            seen.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return seen
