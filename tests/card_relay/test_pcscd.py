"""Tier (c): the simulated card behind REAL pcscd + vsmartcard vpcd, driven through pyscard.

Needs pcscd running with the vpcd driver (``make test`` starts it via scripts/services.sh).
When it is missing these tests fail with a message saying so; they never skip.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from card_relay import pcsc
from card_relay.errors import (
    CardError,
    CardRemoved,
    NoCard,
    PinBlocked,
    PinRequired,
    PinWrong,
    ReaderBusy,
    ServiceUnavailable,
)
from card_relay.jpki import CertKind, JpkiCard, KeyKind
from card_relay.operations import run_authentication, run_signature
from card_relay.pins import PinKind
from card_relay.simulator.control import send_command
from card_relay.testca import TestCa
from card_relay.verify import TrustConfig, verify_authentication, verify_signing
from tests.card_relay.conftest import ORIGIN

pytestmark = pytest.mark.card

VPCD_BASE_PORT = 35963
VPCD_PORT = int(os.environ.get("CARD_RELAY_VPCD_PORT", str(VPCD_BASE_PORT)))
WAIT = 20.0


@pytest.fixture(scope="session")
def vpcd_reader() -> str:
    """The PC/SC reader name of our vpcd slot; fails loudly when pcscd or vpcd is missing."""
    try:
        readers = pcsc.list_readers()
    except ServiceUnavailable as exc:
        pytest.fail(
            f"pcscd is not running or not reachable ({exc}). The card tests need it: run "
            "`sudo bash scripts/services.sh start` (or `make test`, which does that).",
            pytrace=False,
        )
    virtual = sorted(r for r in readers if r.startswith("Virtual PCD"))
    slot = VPCD_PORT - VPCD_BASE_PORT
    if len(virtual) <= slot:
        pytest.fail(
            f"pcscd runs but shows no vsmartcard vpcd reader for port {VPCD_PORT} (readers: "
            f"{readers}). Install vsmartcard-vpcd and restart pcscd (scripts/services.sh).",
            pytrace=False,
        )
    return virtual[slot]


class Simulator:
    """A ``python -m card_relay.simulator --vpcd`` process and its control socket."""

    def __init__(self, proc: subprocess.Popen[bytes], control: Path, reader: str) -> None:
        self.proc = proc
        self.control = control
        self.reader = reader

    def command(self, text: str) -> str:
        return send_command(self.control, text)

    def wait_for(self, present: bool) -> None:
        deadline = time.monotonic() + WAIT
        while pcsc.card_present(self.reader) != present:
            if time.monotonic() > deadline:
                pytest.fail(f"the card did not {'appear' if present else 'go away'} in time")
            time.sleep(0.05)


@pytest.fixture
def simulator(vpcd_reader: str, testca: TestCa, tmp_path: Path) -> Iterator[Simulator]:
    if pcsc.card_present(vpcd_reader):
        pytest.fail(
            f"another virtual card already occupies {vpcd_reader}; stop it or set "
            "CARD_RELAY_VPCD_PORT to a free vpcd slot (35964)",
            pytrace=False,
        )
    control = tmp_path / "control.sock"
    log = (tmp_path / "simulator.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "card_relay.simulator",
            "--vpcd",
            "--port",
            str(VPCD_PORT),
            "--testca-dir",
            str(testca.directory),
            "--control-socket",
            str(control),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    sim = Simulator(proc, control, vpcd_reader)
    try:
        pcsc.wait_for_card(vpcd_reader, timeout=WAIT)
    except CardError as exc:
        proc.kill()
        pytest.fail(f"simulator never showed up in pcscd ({exc}): {log.name}", pytrace=False)
    yield sim
    proc.terminate()
    proc.wait(10)
    log.close()
    sim.wait_for(present=False)


@pytest.fixture
def card(simulator: Simulator) -> Iterator[JpkiCard]:
    transport = pcsc.connect(simulator.reader, timeout=WAIT)
    yield JpkiCard(transport)
    transport.close()


@pytest.fixture
def trust(testca: TestCa) -> TrustConfig:
    return TrustConfig(
        (testca.ca_certs["auth"],),
        (testca.ca_certs["sign"],),
        (testca.crl("auth"), testca.crl("sign")),
    )


def test_pcsc_scan_sees_the_simulated_card(simulator: Simulator) -> None:
    tool = shutil.which("pcsc_scan")
    assert tool, "pcsc_scan is missing: apt-get install pcsc-tools"
    out = subprocess.run([tool, "-c"], capture_output=True, text=True, timeout=30).stdout
    block = out.split(f"Reader {simulator.reader.split()[-1][-1]}: {simulator.reader}")[1]
    assert "Card inserted" in block.split("Reader")[0]
    assert "3B E0 00 FF 81 31 FE 45 14" in block.split("Reader")[0]


def test_full_authentication_through_pcscd_is_accepted(card: JpkiCard, trust: TrustConfig) -> None:
    assert card.transport.atr == bytes.fromhex("3BE000FF8131FE4514")
    challenge = os.urandom(32)
    result = run_authentication(card, "1234", ORIGIN, challenge)
    holder = verify_authentication(
        certificate=result.certificate,
        signature=result.signature,
        origin=ORIGIN,
        challenge=challenge,
        trust=trust,
    )
    assert holder.revocation_checked


def test_full_signature_through_pcscd_is_accepted(card: JpkiCard, trust: TrustConfig) -> None:
    digest = hashlib.sha256(b"NHI enrolment form").digest()
    result = run_signature(card, "ABCD1234", digest)
    signer = verify_signing(
        certificate=result.certificate, signature=result.signature, digest=digest, trust=trust
    )
    assert signer.name == "番号\u3000花子"


def test_input_support_attributes_through_pcscd(card: JpkiCard) -> None:
    card.verify_pin(PinKind.INPUT_SUPPORT, "1234")
    assert card.read_basic_attributes().address.startswith("東京都")


def test_three_wrong_pins_lock_and_stay_locked_across_connections(
    simulator: Simulator, card: JpkiCard
) -> None:
    assert card.pin_status(PinKind.AUTH).tries_left == 3
    for left in (2, 1):
        with pytest.raises(PinWrong) as caught:
            card.verify_pin(PinKind.AUTH, "9999")
        assert caught.value.tries_left == left
    with pytest.raises(PinBlocked):
        card.verify_pin(PinKind.AUTH, "9999")
    card.transport.close()
    again = JpkiCard(pcsc.connect(simulator.reader, timeout=WAIT))
    try:
        assert again.pin_status(PinKind.AUTH).blocked
        with pytest.raises(PinBlocked) as caught_blocked:
            run_authentication(again, "1234", ORIGIN, bytes(32))
        assert caught_blocked.value.code == "PIN_BLOCKED"
    finally:
        again.transport.close()


def test_card_removed_mid_flow_then_reinserted_needs_the_pin_again(
    simulator: Simulator, card: JpkiCard
) -> None:
    card.select_jpki()
    card.read_certificate(CertKind.AUTH)
    card.verify_pin(PinKind.AUTH, "1234")
    assert simulator.command("remove") == "ok"
    simulator.wait_for(present=False)
    with pytest.raises(CardRemoved) as caught:
        card.sign(KeyKind.AUTH, bytes(32))
    assert caught.value.code == "CARD_REMOVED"
    card.transport.close()
    assert simulator.command("insert") == "ok"
    again = JpkiCard(pcsc.connect(simulator.reader, timeout=WAIT))
    try:
        with pytest.raises(PinRequired):
            again.sign(KeyKind.AUTH, bytes(32))
    finally:
        again.transport.close()


def test_connect_waits_for_a_card_and_reports_no_card(simulator: Simulator) -> None:
    simulator.command("remove")
    simulator.wait_for(present=False)
    with pytest.raises(NoCard) as caught:
        pcsc.connect(simulator.reader, timeout=0.5)
    assert caught.value.code == "NO_CARD"


def test_exclusive_access_keeps_other_programs_out(simulator: Simulator, card: JpkiCard) -> None:
    card.select_jpki()
    with pytest.raises(ReaderBusy):
        pcsc.connect(simulator.reader, timeout=WAIT)


def test_closing_resets_the_card_so_no_pin_stays_verified(
    simulator: Simulator, card: JpkiCard
) -> None:
    card.verify_pin(PinKind.AUTH, "1234")
    card.transport.close()
    again = JpkiCard(pcsc.connect(simulator.reader, timeout=WAIT))
    try:
        assert again.pin_status(PinKind.AUTH).verified is False
    finally:
        again.transport.close()
