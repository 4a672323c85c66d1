"""Fixtures for the WebKit journeys: one Xvfb display and certificate per session, a fresh
HTTPS live server and a fresh WebKit window per test.

A journey asks for `webkit_tab` (public pages) or `signed_in_webkit_tab` (a session the
harness made with the software passkey, since this engine has no virtual authenticator),
and `language` ("ja" unless the test parametrizes it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.server import LiveServer
from e2e.webkit.engine import PACKAGES, Display, WebKit, missing_tools
from e2e.webkit.tab import WebKitTab
from e2e.webkit.tls import make_localhost_certificate
from tests.helpers.client import PageClient


@pytest.fixture(scope="session")
def localhost_tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_localhost_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def webkit(
    tmp_path_factory: pytest.TempPathFactory, localhost_tls: tuple[Path, Path]
) -> Iterator[WebKit]:
    missing = missing_tools()
    if missing:
        pytest.fail(f"WebKit is missing ({', '.join(missing)}): `make test` installs {PACKAGES}")
    display = Display()
    yield WebKit(display, tmp_path_factory.mktemp("webkit"), {"localhost": localhost_tls[0]})
    display.stop()


@pytest.fixture
def language() -> str:
    return "ja"


@pytest.fixture
def https_server(tmp_path: Path, localhost_tls: tuple[Path, Path]) -> Iterator[LiveServer]:
    """The app with a fresh database on https://localhost:<port>."""
    server = LiveServer.for_workdir(tmp_path, tls=localhost_tls).start()
    yield server
    server.stop()


@pytest.fixture
def webkit_tab(
    webkit: WebKit, https_server: LiveServer, language: str, tmp_path: Path
) -> Iterator[WebKitTab]:
    with webkit.session(tmp_path / "profile") as driver:
        yield WebKitTab(driver, https_server.url, language)


@pytest.fixture
def signed_in_webkit_tab(webkit_tab: WebKitTab, https_server: LiveServer) -> WebKitTab:
    """Signed in as "はなこ": the account made with the software passkey through the app's own
    endpoints, its session cookie handed to WebKit as a synced browser would have it."""
    client = PageClient(https_server.app)
    client.sign_up("はなこ")
    # A page first, so the session handed over already holds its CSRF token: after a
    # Chromium journey in the same run, WebKit kept the injected cookie over the one the
    # first page set (cause not found), and every form then failed its CSRF check.
    client.get_page("/")
    cookie_name = https_server.app.config["SESSION_COOKIE_NAME"]
    cookie = client.http.get_cookie(cookie_name, domain="localhost")
    assert cookie is not None, "signing up gave no session cookie"
    webkit_tab.goto("/offline")  # a page of the origin, so the cookie can be set for it
    webkit_tab.driver.add_cookie(
        {
            "name": cookie_name,
            "value": cookie.value,
            "path": "/",
            "secure": True,
            "httpOnly": True,
            "sameSite": "Lax",
        }
    )
    return webkit_tab
