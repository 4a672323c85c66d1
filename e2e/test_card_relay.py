"""The card relay journeys on a desktop: a page starts a card authentication, the browser goes
to the real desktop agent, the user types the PIN into the agent's page, the agent talks to the
simulated card through REAL pcscd + vpcd, and the browser comes back to the page with the
result. Also: a wrong PIN, a card pulled out, the phone route with the reference reader as the
phone, and a watch over every request, log line and database row for the PIN."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from card_relay import pcsc
from card_relay.agent import AgentServer, PcscSource
from card_relay.errors import CardError
from card_relay.testca import TestCa, load_or_create
from e2e.browser import Tab
from e2e.pages import PageObject
from e2e.server import LiveServer
from tests.card_relay import test_pcscd
from tests.card_relay.test_pcscd import VPCD_PORT, WAIT, Simulator
from tests.card_relay.test_relay_support import site_config, start_agent

pytestmark = [pytest.mark.e2e, pytest.mark.card, pytest.mark.parametrize("device", ["desktop"])]
vpcd_reader = test_pcscd.vpcd_reader

# The card holder's PINs, chosen so that a search for them finds nothing by chance.
PIN, WRONG_PIN = "8642", "9753"
IDENTITY = {
    "id": "e2e-relay",
    "name": "番号　花子",
    "address": "神奈川県横浜市中区港町１－１",
    "birth_date": "1990-04-01",
    "sex": "2",
    "auth_pin": PIN,
}


# --- the machine: test CA, simulated card behind pcscd, the app, the agent ------------------
@pytest.fixture(scope="session")
def testca(tmp_path_factory: pytest.TempPathFactory) -> TestCa:
    return load_or_create(tmp_path_factory.mktemp("testca"))


@pytest.fixture
def simulator(vpcd_reader: str, testca: TestCa, tmp_path: Path) -> Iterator[Simulator]:
    """The card of IDENTITY in the vpcd reader, with a control socket to pull it out."""
    if pcsc.card_present(vpcd_reader):
        pytest.fail(f"another card occupies {vpcd_reader}; set CARD_RELAY_VPCD_PORT", False)
    identity = tmp_path / "identity.json"
    identity.write_text(json.dumps(IDENTITY, ensure_ascii=False))
    control = tmp_path / "control.sock"
    log = tmp_path / "simulator.log"
    command = [sys.executable, "-m", "card_relay.simulator", "--vpcd", "--port", str(VPCD_PORT)]
    command += ["--testca-dir", str(testca.directory), "--control-socket", str(control)]
    with log.open("wb") as out:
        proc = subprocess.Popen([*command, "--identity", str(identity)], stdout=out, stderr=out)
    try:
        pcsc.wait_for_card(vpcd_reader, timeout=WAIT)
    except CardError as exc:
        proc.kill()
        pytest.fail(f"the simulated card never showed up ({exc}): {log}", pytrace=False)
    yield Simulator(proc, control, vpcd_reader)
    proc.terminate()
    proc.wait(timeout=WAIT)


class Traffic:
    """Everything the app server received: method, address, headers and body of each request."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.requests: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = BytesIO(body)
        headers = {k: v for k, v in environ.items() if k.startswith("HTTP_")}
        self.requests.append(
            f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO')}?{environ.get('QUERY_STRING')}"
            f" {headers} {body.decode('utf-8', 'replace')}"
        )
        return self.app(environ, start_response)


@pytest.fixture
def live_server(tmp_path: Path, testca: TestCa) -> Iterator[LiveServer]:
    """The app trusting the test CA, every request it receives recorded (see `Traffic`)."""
    server = LiveServer.for_workdir(tmp_path, **site_config(testca))
    server.app.wsgi_app = Traffic(server.app.wsgi_app)  # type: ignore[method-assign]
    server.start()
    yield server
    server.stop()


@pytest.fixture
def agent(live_server: LiveServer, simulator: Simulator) -> Iterator[AgentServer]:
    httpd = start_agent(live_server, PcscSource(simulator.reader))
    yield httpd
    httpd.stop()


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(1)  # every logger of the app, werkzeug and the agent, APDU traffic too
    return caplog


# --- page objects of this journey ---------------------------------------------------------
class TryYourCardPage(PageObject):
    heading_text = "Try your card reader"
    path = "/relay/try"

    def use_a_card_reader_on_this_computer(self) -> CardReaderPanel:
        self.page.get_by_role("button", name=self._("Use a card reader on this computer")).click()
        return CardReaderPanel(self)

    def use_my_phone_as_the_reader(self) -> PhonePanel:
        self.page.get_by_role("button", name=self._("Use my phone as the reader")).click()
        return PhonePanel(self)

    def expect_the_card_works(self) -> None:
        expect(self.page.get_by_role("heading", name=self._("Your card works"))).to_be_visible()


class CardReaderPanel:
    def __init__(self, on: PageObject) -> None:
        self.on = on
        self.page = on.page
        self.launch = self.page.get_by_role("link", name=on._("Open the card reader app"))
        expect(self.launch).to_be_visible()
        on.tab.check()

    def open_the_card_reader_app(self) -> AgentPinPage:
        self.launch.click()
        return AgentPinPage(self.on.tab)


class PhonePanel:
    def __init__(self, on: PageObject) -> None:
        self.on = on
        self.page = on.page
        self.app_link = self.page.get_by_role(
            "link", name=on._("Open in the reader app on this phone")
        )
        expect(self.app_link).to_be_visible()
        qr_code = self.page.get_by_role("img", name=on._("QR code for the phone reader app"))
        expect(qr_code).to_be_visible()
        on.tab.check()

    def type_the_code(self, code: str) -> TryYourCardPage:
        field = self.page.get_by_label(self.on._("The 6-digit code shown on your phone"))
        expect(field).to_be_visible()  # appears once the phone's result arrived (polling)
        self.on.tab.check()
        field.fill(code)
        self.page.get_by_role("button", name=self.on._("Continue")).click()
        return TryYourCardPage(self.on.tab)


AUTO_SUBMIT = "**/js/modules/auto-submit.mjs"


class AgentPinPage:
    """The agent's own page on 127.0.0.1 (texts from the agent, in the page's language)."""

    def __init__(self, tab: Tab) -> None:
        from card_relay.agent.strings import text

        self.tab = tab
        self.page = tab.page
        self.language = tab.texts.language
        self._text = text
        expect(self.page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/card-relay/v1/launch"))
        expect(self.page.get_by_role("heading", level=1, name=self.text("h1_pin"))).to_be_visible()
        tab.check()

    def text(self, key: str) -> str:
        return self._text(self.language, key)

    def tries_left(self) -> str:
        return self.page.locator("#tries-left").inner_text()

    def enter_pin(self, pin: str) -> None:
        self.page.get_by_label(self.text("label_auth")).fill(pin)
        self.page.get_by_role("button", name=self.text("continue")).click()

    def enter_pin_and_come_back(self, pin: str) -> TryYourCardPage:
        """Continue, land on the return page, send its claim, arrive on the try page.

        The return page submits its claim by itself (auto-submit.mjs), too fast for its checks
        to run, and holding the claim stalls the checks. So here the module is a no-op and the
        user presses the form's own button, the page's path without JavaScript.
        """
        # The service worker answers static files from its cache, past any route: bypass it.
        self.tab.cdp.send("Network.enable")
        self.tab.cdp.send("Network.setBypassServiceWorker", {"bypass": True})
        self.page.route(
            AUTO_SUBMIT,
            lambda route: route.fulfill(
                status=200, content_type="text/javascript", body="export function init() {}"
            ),
        )
        try:
            self.enter_pin(pin)
            back = ReturnPage(self.tab)
            expect(back.page.get_by_text(back._("Your card was read and checked."))).to_be_visible()
            back.page.get_by_role("main").get_by_role("button", name=back._("Continue")).click()
            return TryYourCardPage(self.tab)
        finally:
            self.page.unroute(AUTO_SUBMIT)

    def enter_pin_and_see_a_problem(self, pin: str, heading: str) -> ReturnPage:
        self.enter_pin(pin)
        page = ReturnPage(self.tab)
        expect(self.page.get_by_role("heading", name=self.tab.texts(heading))).to_be_visible()
        return page


class ReturnPage(PageObject):
    heading_text = "Your card"


# --- the PIN watch --------------------------------------------------------------------------
def assert_no_pin_anywhere(
    server: LiveServer, caplog: pytest.LogCaptureFixture, *extra: str
) -> None:
    """No PIN in any request the app received, any log record, or any database value."""
    traffic = server.app.wsgi_app
    assert isinstance(traffic, Traffic) and traffic.requests
    database = Path(server.app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    with sqlite3.connect(database) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        values = [
            value.decode("latin-1") if isinstance(value, bytes) else str(value)
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our tables
            for value in row
        ]
    assert any("relay" in table for table in tables)
    places = {
        "requests to the app": "\n".join(traffic.requests),
        "logs": caplog.text,
        "database": "\n".join(values),
        "reader output": "\n".join(extra),
    }
    for pin in (PIN, WRONG_PIN):
        for where, content in places.items():
            assert pin not in content, f"the PIN appears in the {where}"


# --- journeys -------------------------------------------------------------------------------
def test_sign_in_with_the_card_through_the_desktop_agent(
    tab: Tab,
    agent: AgentServer,
    live_server: LiveServer,
    everything_logged: pytest.LogCaptureFixture,
) -> None:
    panel = TryYourCardPage.open(tab).use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()
    expect(pin_page.page.get_by_text(live_server.url, exact=True)).to_be_visible()  # the origin
    assert pin_page.tries_left() == "3"
    done = pin_page.enter_pin_and_come_back(PIN)
    done.expect_the_card_works()
    assert_no_pin_anywhere(live_server, everything_logged)


def test_a_wrong_pin_shows_the_tries_left_then_the_right_one_works(
    tab: Tab,
    agent: AgentServer,
    live_server: LiveServer,
    everything_logged: pytest.LogCaptureFixture,
) -> None:
    panel = TryYourCardPage.open(tab).use_a_card_reader_on_this_computer()
    back = panel.open_the_card_reader_app().enter_pin_and_see_a_problem(
        WRONG_PIN, "The PIN was wrong"
    )
    # A plural message (the harness's texts have singular ids only): the count is what matters.
    expect(back.page.get_by_role("alert")).to_contain_text("2")

    back.page.get_by_role("link", name=back._("Try again")).click()
    panel = TryYourCardPage(tab).use_a_card_reader_on_this_computer()
    pin_page = panel.open_the_card_reader_app()
    assert pin_page.tries_left() == "2"
    pin_page.enter_pin_and_come_back(PIN).expect_the_card_works()
    assert_no_pin_anywhere(live_server, everything_logged)


def test_the_card_pulled_out_before_the_pin_is_sent(
    tab: Tab, agent: AgentServer, simulator: Simulator
) -> None:
    pin_page = (
        TryYourCardPage.open(tab).use_a_card_reader_on_this_computer().open_the_card_reader_app()
    )
    simulator.command("remove")
    simulator.wait_for(present=False)
    pin_page.enter_pin_and_see_a_problem(PIN, "The card was not found or was moved")


def test_the_phone_as_the_reader_with_the_6_digit_code(
    tab: Tab,
    live_server: LiveServer,
    simulator: Simulator,
    everything_logged: pytest.LogCaptureFixture,
) -> None:
    panel = TryYourCardPage.open(tab).use_my_phone_as_the_reader()
    app_link = panel.app_link.get_attribute("href")
    assert app_link and "#t=" in app_link
    phone = subprocess.run(
        [str(Path(sys.executable).with_name("card-relay")), "reader", "--server", live_server.url]
        + ["--ticket", app_link, "--pin-env", "PHONE_PIN", "--reader", simulator.reader],
        capture_output=True,
        text=True,
        env={"PHONE_PIN": PIN, "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )
    assert phone.returncode == 0, phone.stdout + phone.stderr
    code = re.search(r"^code: (\d{6})$", phone.stdout, re.MULTILINE)
    assert code, phone.stdout
    panel.type_the_code(code.group(1)).expect_the_card_works()
    assert_no_pin_anywhere(live_server, everything_logged, phone.stdout, phone.stderr)
