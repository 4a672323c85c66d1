"""`make run`'s card agent: the simulated card in-process, no pcscd, trusted by the app's
fallback test CA, so a newcomer's first card authentication works right away."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo import start_simulated_agent
from card_relay.testca import ENV_DIR, TestCa
from e2e.server import LiveServer
from tests.card_relay.test_relay_support import SitePage


@pytest.fixture
def demo_site(
    tmp_path: Path, testca: TestCa, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LiveServer]:
    # No RELAY_*_CA settings: the app falls back to the test CA, as on a developer's machine.
    monkeypatch.setenv(ENV_DIR, str(testca.directory))
    server = LiveServer.for_workdir(tmp_path, SESSION_COOKIE_SECURE=False)
    agent = start_simulated_agent(server.app, server.url, 0)
    assert agent is not None and server.app.config["RELAY_AGENT_URL"] == agent.url
    server.start()
    yield server
    agent.stop()
    server.stop()


def test_the_demo_agent_authenticates_with_the_simulated_card(demo_site: LiveServer) -> None:
    page = SitePage(demo_site)
    launch = page.start("auth")
    pin_page = page.launch(launch)
    assert pin_page.status_code == 200
    assert "simulated card" in pin_page.text and "ABCD1234" in pin_page.text
    back = page.post_pin(pin_page, pin="1234")
    assert back.status_code == 303
    assert "Your card works" in page.claim(back.headers["Location"]).get_text()
