"""The card step of the journeys, for real: the simulated My Number Card in pcscd's vpcd reader,
the desktop agent (`card-relay agent`) for the live server, and a watch for the PIN.

A journey that reads the card asks for `agent` (the agent for this live server, reading the
vpcd reader through PC/SC) and `card` (HANAKO's card in that reader) or `card_reader` (the
reader, empty until the test inserts a card of its choice); the page objects for the user's
side are in `e2e/pages/card.py` (the site) and `e2e/pages/card_reader_app.py` (the agent's
page). The fixtures are registered for every journey by `e2e/conftest.py`.

Needs pcscd with the vsmartcard vpcd driver (`sudo bash scripts/services.sh start`, which
`make test` runs); without it these journeys fail saying so. They use vpcd slot 0 (port 35963)
unless `CARD_RELAY_VPCD_PORT=35964` picks slot 1.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest

from card_relay import pcsc
from card_relay.agent import AgentServer, PcscSource
from card_relay.errors import CardError, PinBlocked, PinWrong
from card_relay.jpki import JpkiCard
from card_relay.pins import PinKind
from card_relay.testca import TestCa, load_or_create, variants
from card_relay.testca.identity import DEFAULT, Identity, to_toml
from e2e.server import LiveServer
from tests.card_relay import test_pcscd
from tests.card_relay.test_pcscd import VPCD_PORT, WAIT, Simulator
from tests.card_relay.test_relay_support import site_config, start_agent

# The card holder of the journeys: the simulator's default identity (番号　花子, born
# 1990-04-01, signature PIN ABCD1234) with a user-authentication PIN of its own, chosen with
# WRONG_PIN so that the PIN watch's search for them finds nothing by chance.
PIN, WRONG_PIN = "8642", "9753"
SIGNATURE_PIN = DEFAULT.signature_pin  # "ABCD1234"
HANAKO = replace(DEFAULT, id="e2e-hanako", auth_pin=PIN)
# The same holder with certificates that expired on 2020-01-01.
EXPIRED = replace(next(i for i in variants() if i.id == "expired"), auth_pin=PIN)

vpcd_reader = test_pcscd.vpcd_reader  # the session's vpcd reader name; fails without pcscd


@pytest.fixture(scope="session")
def testca(tmp_path_factory: pytest.TempPathFactory) -> TestCa:
    """The session's test CA: it issues the simulated cards, and the live server trusts it."""
    return load_or_create(tmp_path_factory.mktemp("testca"))


class CardReader:
    """The vpcd reader and the simulated card in it: one `card_relay.simulator --vpcd`
    process per card, issued by the session's test CA for the identity given."""

    def __init__(self, reader: str, testca: TestCa, workdir: Path) -> None:
        self.reader = reader
        self.testca = testca
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.simulator: Simulator | None = None
        self.logs: list[Path] = []

    def insert(self, identity: Identity = HANAKO) -> None:
        """Put `identity`'s card in the reader (taking out the one there first)."""
        self.take_away()
        if pcsc.card_present(self.reader):
            pytest.fail(
                f"another card occupies {self.reader}; stop it or set CARD_RELAY_VPCD_PORT "
                "to a free vpcd slot (35964)",
                pytrace=False,
            )
        number = len(self.logs) + 1
        identity_file = self.workdir / f"card-{number}.toml"
        identity_file.write_text(to_toml(identity), encoding="utf-8")
        control = self.workdir / f"card-{number}.sock"
        log = self.workdir / f"card-{number}.log"
        self.logs.append(log)
        command = [sys.executable, "-m", "card_relay.simulator", "--vpcd"]
        command += ["--port", str(VPCD_PORT), "--testca-dir", str(self.testca.directory)]
        command += ["--control-socket", str(control), "--identity", str(identity_file)]
        with log.open("wb") as out:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            pcsc.wait_for_card(self.reader, timeout=WAIT)
        except CardError as exc:
            proc.kill()
            pytest.fail(f"the simulated card never showed up ({exc}): {log}", pytrace=False)
        self.simulator = Simulator(proc, control, self.reader)

    def pull_out(self) -> None:
        """The user takes the card off the reader (the simulator keeps running)."""
        assert self.simulator is not None, "no card in the reader"
        assert self.simulator.command("remove") == "ok"
        self.simulator.wait_for(present=False)

    def lock(self, kind: PinKind = PinKind.AUTH, wrong_pin: str = WRONG_PIN) -> None:
        """Spend every try left of the card's PIN of `kind` with a wrong PIN, straight through
        PC/SC (as another program would): the card's state when its owner forgot the PIN."""
        card = JpkiCard(pcsc.connect(self.reader, timeout=WAIT))
        try:
            card.select_jpki()
            while True:
                try:
                    card.verify_pin(kind, wrong_pin)
                except PinWrong:
                    continue
                except PinBlocked:
                    break
                raise AssertionError("the wrong PIN was accepted")
        finally:
            card.transport.close()

    def take_away(self) -> None:
        """The card leaves for good: its simulator stops, the reader is empty."""
        if self.simulator is None:
            return
        self.simulator.proc.terminate()
        self.simulator.proc.wait(timeout=WAIT)
        self.simulator.wait_for(present=False)
        self.simulator = None

    def output(self) -> str:
        """What every simulator of the test wrote (for the PIN watch)."""
        return "\n".join(log.read_text("utf-8", "replace") for log in self.logs if log.exists())


@pytest.fixture
def card_reader(
    vpcd_reader: str, testca: TestCa, live_server: LiveServer, tmp_path: Path
) -> Iterator[CardReader]:
    """The vpcd reader, empty: `card_reader.insert(identity)` puts a card in. The live server
    trusts the test CA that issues the cards."""
    live_server.app.config.update(site_config(testca))
    live_server.app.extensions.pop("relay_trust", None)  # trust anchors are loaded once
    reader = CardReader(vpcd_reader, testca, tmp_path / "card-reader")
    yield reader
    reader.take_away()


@pytest.fixture
def card(card_reader: CardReader) -> CardReader:
    """The reader with HANAKO's card in it (PINs: PIN, and SIGNATURE_PIN for signing)."""
    card_reader.insert(HANAKO)
    return card_reader


@pytest.fixture
def agent(live_server: LiveServer, card_reader: CardReader) -> Iterator[AgentServer]:
    """The real desktop agent for the live server's origin, reading the vpcd reader through
    PC/SC; the server's launch links point at it."""
    httpd = start_agent(live_server, PcscSource(card_reader.reader))
    yield httpd
    httpd.stop()


# --- the PIN watch --------------------------------------------------------------------------
_IN_A_LONGER_VALUE = r"[A-Za-z0-9+/_-]"  # digits, letters, base64: the PIN would be part of it


def mentions(text: str, pin: str) -> bool:
    """Whether `text` holds `pin` as a value of its own, or its ASCII as hex (an APDU dump).

    Not when the digits are part of a longer value: an ETag or a timestamp ("…3619753086"),
    a certificate serial, a base64 signature or token. Those hold any 4 digits by chance now
    and then (an ETag did, for one checkout's file times), which would make the watch flaky.
    """
    as_value = rf"(?<!{_IN_A_LONGER_VALUE}){re.escape(pin)}(?!{_IN_A_LONGER_VALUE})"
    as_hex = "[ :]?".join(f"{byte:02x}" for byte in pin.encode())
    return re.search(f"{as_value}|{as_hex}", text, re.IGNORECASE) is not None


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
        query, text = environ.get("QUERY_STRING", ""), body.decode("utf-8", "replace")
        self.requests.append(
            f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO')}?{query} {headers} {text}"
            f"\n(decoded) {unquote_plus(query)} {unquote_plus(text)}"
        )
        return self.app(environ, start_response)


class PinWatch:
    """Records every request the app receives and every log record (the app's, werkzeug's and
    the in-process agent's, APDU traffic included) so a journey can show the PIN reached none
    of them, nor the database."""

    def __init__(self, server: LiveServer, caplog: pytest.LogCaptureFixture) -> None:
        self.server = server
        self.caplog = caplog
        self.traffic = Traffic(server.app.wsgi_app)
        server.app.wsgi_app = self.traffic  # type: ignore[method-assign]
        caplog.set_level(1)

    def database_values(self) -> tuple[list[str], list[str]]:
        database = Path(self.server.app.config["DATABASE_URL"].removeprefix("sqlite:///"))
        with sqlite3.connect(database) as connection:
            tables = [
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            values = [
                value.decode("latin-1") if isinstance(value, bytes) else str(value)
                for table in tables
                for row in connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - ours
                for value in row
            ]
        return tables, values

    def assert_never_seen(self, *pins: str, elsewhere: str = "") -> None:
        """None of `pins` in any request to the app (raw and URL-decoded), log record or
        database value, nor in `elsewhere` (other programs' output: the simulator, the phone's
        reader). See `mentions` for what counts."""
        assert self.traffic.requests, "the app received no request"
        tables, values = self.database_values()
        assert any("relay" in table for table in tables)
        places = {
            "requests to the app": "\n".join(self.traffic.requests),
            "logs": self.caplog.text,
            "database": "\n".join(values),
            "other programs' output": elsewhere,
        }
        for pin in pins:
            for where, content in places.items():
                assert not mentions(content, pin), f"the PIN appears in the {where}"


@pytest.fixture
def pin_watch(live_server: LiveServer, caplog: pytest.LogCaptureFixture) -> PinWatch:
    return PinWatch(live_server, caplog)
