"""One full authenticate exchange through pcscd + vpcd + simulator vs the in-process transport.

Exchange = select JPKI AP, read the auth certificate, PIN status, VERIFY, sign. Prints time per
exchange and per APDU and the ratio; asserts nothing. Needs pcscd with the vpcd driver running
(``make bench`` starts it) and a free vpcd slot 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from card_relay import pcsc
from card_relay.apdu import CommandApdu, ResponseApdu
from card_relay.jpki import JpkiCard
from card_relay.operations import run_authentication
from card_relay.simulator import build_card
from card_relay.testca import load_or_create
from card_relay.transport import CardTransport
from card_relay.virtual import VirtualTransport

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
ORIGIN = "https://myna-guide.example"


class Counting:
    """Wraps a transport and counts APDUs."""

    def __init__(self, inner: CardTransport) -> None:
        self.inner = inner
        self.count = 0

    @property
    def atr(self) -> bytes:
        return self.inner.atr

    def transmit(self, apdu: CommandApdu) -> ResponseApdu:
        self.count += 1
        return self.inner.transmit(apdu)

    def reset(self) -> None:
        self.inner.reset()

    def close(self) -> None:
        self.inner.close()


def measure(transport: CardTransport) -> tuple[float, float, int]:
    counting = Counting(transport)
    run_authentication(JpkiCard(counting), "1234", ORIGIN, os.urandom(32))  # warm-up
    counting.count = 0
    start = time.perf_counter()
    for _ in range(ROUNDS):
        # A new JpkiCard per exchange, so each starts with SELECT as a new job would.
        run_authentication(JpkiCard(counting), "1234", ORIGIN, os.urandom(32))
    elapsed = time.perf_counter() - start
    per_exchange = elapsed / ROUNDS
    apdus = counting.count // ROUNDS
    return per_exchange, elapsed / counting.count, apdus


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        ca = load_or_create(Path(tmp) / "testca")
        issued = ca.issue()
        virtual = measure(VirtualTransport(build_card(issued)))
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "card_relay.simulator",
                "--vpcd",
                "--testca-dir",
                str(ca.directory),
            ],
            stderr=subprocess.DEVNULL,
        )
        try:
            reader = pcsc.wait_for_card("Virtual PCD", timeout=20)
            transport = pcsc.connect(reader, timeout=20)
            try:
                real = measure(transport)
            finally:
                transport.close()
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"full authenticate exchange, {virtual[2]} APDUs, {ROUNDS} rounds each")
    for label, (exchange, apdu, _) in (("pcscd+vpcd", real), ("in-process", virtual)):
        print(f"  {label:11} {exchange * 1000:8.2f} ms/exchange {apdu * 1000:8.3f} ms/APDU")
    print(f"  ratio pcscd/in-process: {real[0] / virtual[0]:.1f}x per exchange")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
