"""Fixtures for the journeys: a live server, Debian's Chromium, device profiles, tabs.

A journey asks for `tab` (a phone tab by default, see README.md) and drives it through
page objects from `e2e/pages/`; each page object checks the page it lands on. The card
journeys' fixtures (`card`, `card_reader`, `agent`, `pin_watch`) come from `e2e/card.py`.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from e2e.browser import BrowserSession, Tab, context_options
from e2e.card import agent, card, card_reader, pin_watch, testca, vpcd_reader  # noqa: F401
from e2e.server import LiveServer
from e2e.texts import language_of

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking switches Chromium keeps calling Google services,
# which in a closed network means a flood of failing connections and slow starts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_DEVICES = "phone"
# A click or a navigation that has not happened after this long will not happen.
ACTION_TIMEOUT_MS = 10_000
DEFAULT_LOCALE = "ja-JP"
REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    # The same group as pytest-playwright: where it already defines an option, it has the
    # same meaning here and its definition stays.
    group = parser.getgroup("playwright", "Playwright")
    for name, options in {
        "--headed": {"action": "store_true", "default": False, "help": "Show the browser."},
        "--slowmo": {"type": int, "default": 0, "help": "Milliseconds between actions."},
        "--device": {
            "default": None,
            "help": "Device profiles, comma-separated: phone, desktop or a Playwright "
            "device name (default: phone).",
        },
        "--output": {"default": "test-results", "help": "Where failed tests' traces go."},
    }.items():
        try:
            group.addoption(name, **options)
        except ValueError:
            pass  # pytest-playwright defines it
    group.addoption(
        "--locale",
        default=os.environ.get("E2E_LOCALE", DEFAULT_LOCALE),
        help="Browser locale, which picks the app's language (default: ja-JP).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "persistent_profile: run in a persistent (not incognito) browser profile, "
        "as installing the app requires",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each journey once per device profile chosen with `--device` (phone by default)."""
    if "device" not in metafunc.fixturenames:
        return
    for marker in metafunc.definition.iter_markers("parametrize"):
        names = marker.args[0]
        names = names.split(",") if isinstance(names, str) else names
        if "device" in [name.strip() for name in names]:
            return  # the journey names its own profiles
    chosen = metafunc.config.getoption("--device") or DEFAULT_DEVICES
    metafunc.parametrize("device", [name.strip() for name in chosen.split(",")])


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture
def locale(pytestconfig: pytest.Config) -> str:
    """The browser's locale (`--locale`); a journey may pin it with `parametrize`."""
    return str(pytestconfig.getoption("--locale"))


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app with a fresh database, on http://localhost:<ephemeral port>."""
    server = LiveServer.for_workdir(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium_launch_options(pytestconfig: pytest.Config) -> dict[str, Any]:
    headed = pytestconfig.getoption("--headed") or os.environ.get("HEADED") == "1"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    return {
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": not headed,
        "slow_mo": pytestconfig.getoption("--slowmo") or 0,
    }


@pytest.fixture(scope="session")
def chromium_browser(
    playwright_driver: Playwright, chromium_launch_options: dict[str, Any]
) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(**chromium_launch_options)
    yield browser
    browser.close()


class BrowserSessions:
    """Opens browser profiles (one per device a user works on) and closes them when the test
    ends: each tab verified, trace and screenshots kept on failure."""

    def __init__(
        self,
        request: pytest.FixtureRequest,
        playwright_driver: Playwright,
        chromium_launch_options: dict[str, Any],
        base_url: str,
        locale: str,
        workdir: Path,
    ) -> None:
        self.request = request
        self.driver = playwright_driver
        self.launch_options = chromium_launch_options
        self.base_url = base_url
        self.locale = locale
        self.workdir = workdir
        self.opened: list[tuple[str, BrowserContext, BrowserSession]] = []

    def open(self, device: str) -> BrowserSession:
        options = context_options(self.driver.devices, device, self.locale)
        context: BrowserContext
        if self.request.node.get_closest_marker("persistent_profile"):
            profile = self.workdir / (
                "profile" if not self.opened else f"profile-{len(self.opened)}"
            )
            context = self.driver.chromium.launch_persistent_context(
                profile, **self.launch_options, **options
            )
        else:
            browser = self.request.getfixturevalue("chromium_browser")
            context = browser.new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.tracing.start(
            title=self.request.node.nodeid, screenshots=True, snapshots=True, sources=True
        )
        session = BrowserSession(context, self.base_url, language_of(self.locale))
        self.opened.append((device, context, session))
        return session

    def close_all(self, artifacts: Path) -> None:
        problem: AssertionError | None = None
        for _, _, session in self.opened:
            try:
                for tab in session.tabs:
                    tab.verify()
            except AssertionError as error:
                problem = problem or error
        reports = self.request.node.stash.get(REPORTS, {})
        failed = problem is not None or any(report.failed for report in reports.values())
        for number, (device, context, session) in enumerate(self.opened):
            # The first profile's artifacts where they always were; others' beside them.
            folder = (
                artifacts
                if number == 0
                else artifacts.with_name(f"{artifacts.name}-{number + 1}-{device}")
            )
            _keep_or_discard_artifacts(context, session.tabs, folder, failed)
            context.close()
        if problem is not None:
            raise problem


@pytest.fixture
def browser_sessions(
    request: pytest.FixtureRequest,
    pytestconfig: pytest.Config,
    playwright_driver: Playwright,
    chromium_launch_options: dict[str, Any],
    live_server: LiveServer,
    locale: str,
    tmp_path: Path,
) -> Iterator[BrowserSessions]:
    """Browser profiles of one user: `browser_sessions.open("desktop")` is another device
    (its own cookies, storage and passkey authenticator), next to `browser_session`."""
    sessions = BrowserSessions(
        request, playwright_driver, chromium_launch_options, live_server.url, locale, tmp_path
    )
    yield sessions
    sessions.close_all(_artifacts_dir(pytestconfig, request))


@pytest.fixture
def browser_session(browser_sessions: BrowserSessions, device: str) -> BrowserSession:
    """A fresh browser profile for one user, traced; trace and screenshots kept on failure."""
    return browser_sessions.open(device)


def _artifacts_dir(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> Path:
    name = re.sub(r"[^\w.-]+", "-", request.node.nodeid.removeprefix("e2e/")).strip("-")
    return Path(pytestconfig.getoption("--output")).absolute() / name


def _keep_or_discard_artifacts(
    context: BrowserContext, tabs: list[Tab], folder: Path, failed: bool
) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    if not failed:
        context.tracing.stop()
        return
    folder.mkdir(parents=True, exist_ok=True)
    for number, tab in enumerate(tabs, start=1):
        if not tab.page.is_closed():
            tab.page.screenshot(path=folder / f"screenshot-{number}.png", full_page=True)
    context.tracing.stop(path=folder / "trace.zip")


@pytest.fixture
def tab(browser_session: BrowserSession) -> Tab:
    """The tab a journey starts in."""
    return browser_session.open_tab()
