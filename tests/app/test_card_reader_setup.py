"""The "Set up your card reader" page: the agent download for the visitor's system, the status
check, and the card panel's check-before-launch (no browser error page for a missing agent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from app.domain.devices import System, system_of
from tests.app.relay_helpers import start_job
from tests.helpers.client import PageClient

LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/18.0"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
DEB, WHEEL = "myna-card-agent_0.1.0_all.deb", "myna_card_agent-0.1.0-py3-none-any.whl"


@pytest.mark.parametrize(
    ("agent", "system"),
    [
        (LINUX, System.LINUX),
        (MAC, System.MAC),
        (WINDOWS, System.WINDOWS),
        (ANDROID, System.PHONE),  # says Linux too, but it is a phone
        (IPHONE, System.PHONE),  # says Mac OS X too
        ("", System.OTHER),
    ],
)
def test_the_visitors_system_from_the_user_agent(agent: str, system: System) -> None:
    assert system_of(agent) is system


@pytest.fixture
def downloads(app: Flask, tmp_path: Path) -> Path:
    folder = tmp_path / "agent-dist"
    folder.mkdir()
    (folder / DEB).write_bytes(b"!<arch>\n" + b"x" * 3000)
    (folder / WHEEL).write_bytes(b"PK" + b"y" * 2000)
    (folder / "secret.txt").write_text("not offered")
    app.config["RELAY_AGENT_DOWNLOADS"] = str(folder)
    return folder


def test_linux_gets_the_deb_first_with_its_install_steps(
    client: PageClient, downloads: Path
) -> None:
    page = client.get_page("/relay/setup?lang=en", headers={"User-Agent": LINUX})
    assert page.h1 is not None and page.h1.get_text() == "Set up your card reader"
    first = page.select_one("#agent-get-title ~ p a[data-testid=download-deb]")
    assert first is not None and first["href"] == f"/relay/setup/download/{DEB}"
    text = page.get_text(" ", strip=True)
    assert f"sudo apt install ./{DEB}" in text
    assert "systemctl --user start myna-card-agent" in text
    assert "sudo apt remove myna-card-agent" in text
    # pipx for the others, behind "Other systems"
    assert (
        page.select_one("main details") is not None
        and "pipx install" in page.select_one("main details").get_text()
    )
    answer = client.get(first["href"])
    assert answer.status_code == 200
    assert answer.data == (downloads / DEB).read_bytes()
    assert "attachment" in answer.headers["Content-Disposition"]


@pytest.mark.parametrize("agent", [MAC, WINDOWS])
def test_mac_and_windows_get_pipx_and_the_command_with_this_site(
    client: PageClient, downloads: Path, agent: str
) -> None:
    page = client.get_page("/relay/setup?lang=en", headers={"User-Agent": agent})
    steps = page.select_one("#agent-get-title ~ ol")
    assert steps is not None
    text = steps.get_text(" ", strip=True)
    assert f"pipx install https://localhost/relay/setup/download/{WHEEL}" in text
    assert "myna-card-agent --server https://localhost" in text
    assert client.get(f"/relay/setup/download/{WHEEL}").status_code == 200


@pytest.mark.parametrize("name", ["secret.txt", "..%2Fsecret.txt", "myna-card-agent_9.9_all.deb"])
def test_only_the_built_packages_can_be_downloaded(
    client: PageClient, downloads: Path, name: str
) -> None:
    assert client.get(f"/relay/setup/download/{name}").status_code == 404


def test_without_built_packages_no_download_is_offered(
    client: PageClient, app: Flask, tmp_path: Path
) -> None:
    app.config["RELAY_AGENT_DOWNLOADS"] = str(tmp_path / "nothing-here")
    page = client.get_page("/relay/setup?lang=en", headers={"User-Agent": LINUX})
    assert page.select_one("[data-testid=no-downloads]") is not None
    assert not page.select("a[href*='/relay/setup/download/']")


def test_the_status_check_asks_the_configured_agent_and_the_csp_allows_only_it(
    client: PageClient, app: Flask, downloads: Path
) -> None:
    app.config["RELAY_AGENT_URL"] = "http://127.0.0.1:24999"
    page = client.get_page("/relay/setup?lang=en")
    box = page.select_one("#agent-status")
    assert box is not None and box["data-module"] == "agent-check"
    assert box["data-status-url"] == "http://127.0.0.1:24999/card-relay/v1/status"
    assert box["data-site"] == "https://localhost"
    assert "{version}" in box["data-text-running"]
    csp = client.get("/relay/setup").headers["Content-Security-Policy"]
    assert "connect-src 'self' http://127.0.0.1:24999;" in csp


def test_the_card_panel_checks_the_agent_before_launching(client: PageClient) -> None:
    job = start_job(client)
    panel = job.panel
    launcher = panel.select_one("[data-module=agent-launch]")
    assert launcher is not None
    assert launcher["data-status-url"] == "http://127.0.0.1:24730/card-relay/v1/status"
    assert launcher.select_one("a[data-testid=agent-launch]") is not None
    missing = launcher.select_one("[data-testid=agent-missing]")
    assert missing is not None and missing.has_attr("hidden")
    assert missing.select_one("a[href='/relay/setup']") is not None
    assert panel.select_one(".hint a[href='/relay/setup']") is not None  # without JavaScript too
