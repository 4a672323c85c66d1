"""The site's origin comes from configuration, never from a Host header (issue 12, L6).

security.md B: with `MYNA_ORIGIN` unset, `POST /relay/v1/jobs` with `Host: evil.example:5322`
stored a job for `http://evil.example:5322`, and passkeys expected that origin too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import ConfigError
from app.extensions import db
from app.storage.models import RelayJob
from tests.conftest import build_app
from tests.helpers.client import PageClient


def _jobs(app: Flask) -> list[RelayJob]:
    with app.app_context():
        return list(db.session.query(RelayJob))


def _post_job(client: PageClient, host: str) -> int:
    """Start a job as a browser whose requests name ``host`` (its session copied there)."""
    token = client.csrf_token()
    cookie = client.http.get_cookie("__Host-session", domain="localhost")
    assert cookie is not None
    client.http.set_cookie("__Host-session", cookie.value, domain=host.split(":")[0])
    answer = client.http.post(
        "/relay/v1/jobs",
        base_url=f"https://{host}",
        data={"purpose": "auth", "device": "computer", "csrf_token": token},
        headers={"Referer": f"https://{host}/"},
    )
    return answer.status_code


def test_a_foreign_host_header_never_becomes_a_jobs_origin(client: PageClient, app: Flask) -> None:
    status = _post_job(client, "evil.example:5322")
    assert status == 421
    assert [job.origin for job in _jobs(app)] == []


@pytest.mark.parametrize("host", ["localhost", "localhost:5322", "127.0.0.1:5322"])
def test_a_developers_machine_still_derives_the_origin_from_localhost(
    client: PageClient, app: Flask, host: str
) -> None:
    assert _post_job(client, host) == 200
    assert [job.origin for job in _jobs(app)] == [f"https://{host}"]


def test_a_configured_origin_is_used_whatever_the_host_header(tmp_path: Path) -> None:
    app = build_app(tmp_path, ORIGIN="https://myna.example.jp/", RP_ID="myna.example.jp")
    client = PageClient(app)
    assert _post_job(client, "evil.example:5322") == 200
    assert [job.origin for job in _jobs(app)] == ["https://myna.example.jp"]
    db.engine_for(app).dispose()


def test_a_passkey_ceremony_expects_the_configured_origin(tmp_path: Path) -> None:
    from app.services.passkeys import relying_party

    app = build_app(tmp_path, ORIGIN="https://myna.example.jp", RP_ID="myna.example.jp")
    with app.test_request_context("/", base_url="https://evil.example"):
        assert relying_party().origin == "https://myna.example.jp"
    db.engine_for(app).dispose()


def test_a_passkey_ceremony_on_a_foreign_host_is_refused(client: PageClient) -> None:
    token = client.csrf_token()
    cookie = client.http.get_cookie("__Host-session", domain="localhost")
    assert cookie is not None
    client.http.set_cookie("__Host-session", cookie.value, domain="evil.example")
    answer = client.http.post(
        "/auth/sign-in/begin",
        base_url="https://evil.example",
        data={"csrf_token": token},
        headers={"Referer": "https://evil.example/", "Accept": "application/json"},
    )
    assert answer.status_code == 421


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"RP_ID": "myna.example.jp"}, "MYNA_ORIGIN"),
        ({"RP_ID": "myna.example.jp", "ORIGIN": "myna.example.jp"}, "MYNA_ORIGIN"),
        ({"RP_ID": "myna.example.jp", "ORIGIN": "https://myna.example.jp/apply"}, "MYNA_ORIGIN"),
        ({"RP_ID": "myna.example.jp", "ORIGIN": "https://other.example"}, "MYNA_RP_ID"),
    ],
)
def test_a_deployment_without_a_usable_origin_refuses_to_start(
    settings: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        create_app({"SECRET_KEY": "x", "DATA_KEY": "A" * 43 + "=", **settings})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"RECEIVER_INSURANCE_REGISTRATION": "office"}, "MYNA_RECEIVER_INSURANCE_REGISTRATION"),
        ({"RECEIVER_NHI_ENROLMENT": "office"}, "MYNA_OFFICE_NAME_JA"),
    ],
)
def test_a_receiver_no_page_could_state_truthfully_refuses_to_start(
    settings: dict[str, str], message: str
) -> None:
    """truthful-outcomes §4: refused at start, like a missing origin."""
    with pytest.raises(ConfigError, match=message):
        create_app({"SECRET_KEY": "x", "DATA_KEY": "A" * 43 + "=", **settings})
