"""Where the agent's card comes from: a PC/SC reader, or the in-process simulated card.

Every job opens a fresh connection and closes it at the end, so an unplugged reader or a
restarted pcscd costs at most the job that was running: the next one connects anew.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from card_relay.transport import CardTransport
from card_relay.virtual import ApduProcessor, VirtualTransport

OnWait = Callable[[str], None]


class CardSource(Protocol):
    """Opens one exclusive connection to a card for one job."""

    @property
    def simulated(self) -> bool:
        """True when the card is the built-in simulated one (the agent's page says so)."""
        ...

    def connect(self, timeout: float, cancel: threading.Event, on_wait: OnWait) -> CardTransport:
        """Wait up to ``timeout`` s for a card; raise a ``CardError`` with a stable code."""
        ...

    def reader_state(self) -> str:
        """``ready``, ``no_card``, ``no_reader``, ``service_stopped`` or ``simulated``, without
        connecting to the card (the reader-setup page asks while another program may use it)."""
        ...


class PcscSource:
    """A card in a PC/SC reader (any, or the first whose name contains ``reader``)."""

    simulated = False

    def __init__(self, reader: str | None = None) -> None:
        self.reader = reader

    def connect(self, timeout: float, cancel: threading.Event, on_wait: OnWait) -> CardTransport:
        # Imported here so the pcscd-less demo and the unit tests never load pyscard.
        from card_relay import pcsc

        return pcsc.connect(self.reader, timeout=timeout, cancel=cancel, on_wait=on_wait)

    def reader_state(self) -> str:
        from card_relay import pcsc
        from card_relay.errors import CardError

        try:
            readers = [r for r in pcsc.list_readers() if self.reader is None or self.reader in r]
            if not readers:
                return "no_reader"
            return "ready" if any(pcsc.card_present(r) for r in readers) else "no_card"
        except CardError:
            return "service_stopped"  # pcscd not running (or not answering)


class VirtualSource:
    """The simulated card in this process; the same card object for every job, as in real life
    (its retry counters carry over from one job to the next)."""

    simulated = True

    def __init__(self, card: ApduProcessor) -> None:
        self.card = card
        self._lock = threading.Lock()

    def connect(self, timeout: float, cancel: threading.Event, on_wait: OnWait) -> CardTransport:
        with self._lock:
            return VirtualTransport(self.card, name="simulated")

    def reader_state(self) -> str:
        return "simulated"
