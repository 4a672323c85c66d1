"""What a browser engine without WebAuthn, or without Secure cookies on http://localhost, meets.

Found in WebKit (`../shared/docs/reviews/webkit.md`, W1–W3): a passkey form the browser posts
itself must get a page saying what to do, never the options JSON; and `make run`'s plain
http://localhost must not depend on a `Secure` cookie.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from app.config import plain_http_localhost
from tests.conftest import build_app
from tests.helpers.client import PageClient
from tests.helpers.html import check_page


@pytest.mark.parametrize(
    ("path", "data", "back"),
    [
        ("/auth/sign-in/begin", {}, "/sign-in"),
        ("/auth/register/begin", {"display_name": "Hanako"}, "/account/create"),
    ],
    ids=["sign-in", "sign-up"],
)
def test_a_passkey_form_posted_by_the_browser_gets_a_page_not_json(
    client: PageClient, path: str, data: dict[str, str], back: str
) -> None:
    response = client.post(path + "?lang=en", data, headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    soup = check_page(response.get_data(as_text=True))
    assert soup.h1 is not None and soup.h1.get_text() == "This browser could not use a passkey"
    assert "up-to-date Safari, Chrome, Edge or Firefox" in soup.get_text()
    assert soup.select_one(f'main a[href="{back}"]') is not None


def test_adding_a_passkey_without_the_script_gets_a_page_not_json(signed_in: PageClient) -> None:
    response = signed_in.post(
        "/account/passkeys/add/begin?lang=en", headers={"Accept": "text/html"}
    )
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "challenge" not in response.get_data(as_text=True)


def test_the_script_still_gets_the_options(client: PageClient) -> None:
    response = client.post("/auth/sign-in/begin", headers={"Accept": "application/json"})
    assert response.status_code == 200 and "challenge" in response.get_json()


def make_run_app(tmp_path: Path, site: str) -> Flask:
    return build_app(tmp_path, **plain_http_localhost(site))


def test_make_run_on_http_localhost_uses_a_cookie_every_engine_keeps(tmp_path: Path) -> None:
    app = make_run_app(tmp_path, "http://localhost:5000")
    http = app.test_client()
    response = http.get("/?lang=en", base_url="http://localhost:5000")
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "Secure" not in session_cookie and "__Host-" not in session_cookie
    language_cookie = next(c for c in cookies if c.startswith("lang="))
    assert "Secure" not in language_cookie


@pytest.mark.parametrize(
    "site", ["https://localhost:5000", "http://myna.example.jp", "http://localhost.evil.example"]
)
def test_anywhere_else_the_cookie_stays_host_prefixed_and_secure(site: str) -> None:
    assert plain_http_localhost(site) == {}


def test_production_defaults_keep_the_host_prefixed_secure_cookie(client: PageClient) -> None:
    response = client.get("/")
    session_cookie = next(
        c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-session=")
    )
    assert "Secure" in session_cookie
