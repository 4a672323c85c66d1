"""Rate limits that work in production (security review M3).

Reproduction (review §B M3): behind the TLS proxy every request had the proxy's address, so
one client's 20 sign-in attempts a minute locked everyone out; and each gunicorn worker kept
its own count in memory, so 2 workers allowed 40 instead of 20.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from app.extensions import db
from tests.conftest import POSTGRES_URL, build_app, reset_postgres
from tests.helpers.client import PageClient

LIMITED = "/auth/sign-in/begin"


def _begin(client: PageClient, forwarded_for: str | None = None) -> int:
    headers = {"Accept": "application/json"}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    return client.post(LIMITED, headers=headers).status_code


def _limited_app(tmp_path: Path, url: str | None = None, **config: object) -> Flask:
    return build_app(
        tmp_path, url, RATELIMIT_ENABLED=True, RATELIMIT_CEREMONY="2 per minute", **config
    )


def test_behind_one_proxy_each_client_address_has_its_own_budget(tmp_path: Path) -> None:
    app = _limited_app(tmp_path, PROXY_HOPS=1)
    client = PageClient(app)
    assert [_begin(client, "203.0.113.7") for _ in range(3)] == [200, 200, 429]
    # Another resident behind the same proxy is not locked out by the first one.
    assert _begin(PageClient(app), "198.51.100.20") == 200


def test_a_forged_forwarded_for_entry_does_not_buy_a_new_budget(tmp_path: Path) -> None:
    app = _limited_app(tmp_path, PROXY_HOPS=1)
    client = PageClient(app)
    # The proxy appends the real address; whatever the client put before it is not trusted.
    statuses = [_begin(client, f"10.0.0.{i}, 203.0.113.7") for i in range(3)]
    assert statuses == [200, 200, 429]


def test_without_a_trusted_proxy_forwarded_for_is_ignored(tmp_path: Path) -> None:
    app = _limited_app(tmp_path)
    client = PageClient(app)
    assert [_begin(client, f"203.0.113.{i}") for i in range(3)] == [200, 200, 429]


WORKER = """
import sys
from pathlib import Path
from tests.conftest import build_app
from tests.helpers.client import PageClient
app = build_app(Path(sys.argv[1]), sys.argv[2], RATELIMIT_ENABLED=True,
                RATELIMIT_CEREMONY="2 per minute", SECRET_KEY="k", DATA_KEY=sys.argv[3])
client = PageClient(app)
print(client.post("/auth/sign-in/begin", headers={"Accept": "application/json"}).status_code)
"""


def _other_worker(tmp_path: Path, url: str, data_key: str) -> int:
    """One request from another process: a second gunicorn worker with its own memory."""
    (tmp_path / "worker").mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(tmp_path / "worker"), url, data_key],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_workers_on_one_database_share_one_count(tmp_path: Path, database: str) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    if database == "postgresql":
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    app = _limited_app(tmp_path, url)
    try:
        data_key = app.config["DATA_KEY"]
        assert _begin(PageClient(app)) == 200
        assert _other_worker(tmp_path, url, data_key) == 200
        assert _begin(PageClient(app)) == 429  # the other worker's request counted here
        assert _other_worker(tmp_path, url, data_key) == 429
    finally:
        db.engine_for(app).dispose()
