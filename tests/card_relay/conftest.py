"""Shared fixtures: one test CA per session (RSA keys are slow), a fresh simulated card per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from card_relay.apdu import CommandApdu, ResponseApdu
from card_relay.jpki import JpkiCard
from card_relay.simulator import SimulatedCard, build_card
from card_relay.testca import IssuedIdentity, TestCa, load_or_create
from card_relay.testca.identity import DEFAULT
from card_relay.verify import TrustConfig
from card_relay.virtual import VirtualTransport

# The desktop agent's fixtures (a fake relay, a switchable card source, the agent, a visitor),
# for every agent test in this package; a module may still define its own `agent`.
from tests.card_relay.test_agent_helpers import (  # noqa: F401
    agent,
    agent_card_ca,
    relay,
    source,
    visitor,
)

ORIGIN = "https://myna-guide.example"


@pytest.fixture(scope="session")
def testca(tmp_path_factory: pytest.TempPathFactory) -> TestCa:
    return load_or_create(tmp_path_factory.mktemp("testca"))


@pytest.fixture(scope="session")
def issued(testca: TestCa) -> IssuedIdentity:
    return testca.issue(DEFAULT)


@pytest.fixture(scope="session")
def trust(testca: TestCa) -> TrustConfig:
    return TrustConfig(
        (testca.ca_certs["auth"],),
        (testca.ca_certs["sign"],),
        (testca.crl("auth"), testca.crl("sign")),
    )


@pytest.fixture
def card(issued: IssuedIdentity) -> SimulatedCard:
    return build_card(issued)


@pytest.fixture
def transport(card: SimulatedCard) -> VirtualTransport:
    return VirtualTransport(card)


@pytest.fixture
def jpki(transport: VirtualTransport) -> JpkiCard:
    return JpkiCard(transport)


@pytest.fixture
def now() -> datetime:
    return datetime.now(UTC)


class ScriptedTransport:
    """A transport that expects exact command APDUs and plays back scripted responses."""

    def __init__(self, script: list[tuple[str, str]]) -> None:
        self.script = [(c.replace(" ", "").upper(), r.replace(" ", "")) for c, r in script]
        self.sent: list[bytes] = []

    @property
    def atr(self) -> bytes:
        return bytes.fromhex("3BE000FF8131FE4514")

    def transmit(self, apdu: CommandApdu) -> ResponseApdu:
        raw = apdu.to_bytes()
        self.sent.append(raw)
        assert self.script, f"unexpected extra command {raw.hex(' ').upper()}"
        expected, response = self.script.pop(0)
        assert raw.hex().upper() == expected
        return ResponseApdu.from_bytes(bytes.fromhex(response))

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass

    def assert_done(self) -> None:
        assert not self.script, f"{len(self.script)} scripted commands were never sent"


@pytest.fixture
def scripted() -> Iterator[type[ScriptedTransport]]:
    yield ScriptedTransport
