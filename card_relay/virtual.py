"""An in-process transport wired straight to a simulated card: no pcscd, microseconds per APDU.

Used by fast unit tests and by the ``make run`` demo, where the agent talks to the simulator
without any PC/SC stack installed.
"""

from __future__ import annotations

from typing import Protocol

from card_relay.apdu import CommandApdu, ResponseApdu
from card_relay.errors import CardRemoved
from card_relay.log import log_command, log_response


class ApduProcessor(Protocol):
    """What a simulated card offers (``card_relay.simulator.SimulatedCard`` implements it)."""

    atr: bytes

    def process(self, raw: bytes) -> bytes: ...

    def reset(self) -> None: ...


class VirtualTransport:
    """A :class:`~card_relay.transport.CardTransport` over a card object in the same process."""

    def __init__(self, card: ApduProcessor, name: str = "virtual") -> None:
        self.card = card
        self.name = name
        self._present = True
        card.reset()

    @property
    def atr(self) -> bytes:
        return self.card.atr

    def remove_card(self) -> None:
        """Simulate pulling the card out: the card loses its RAM state, later commands fail."""
        self._present = False
        self.card.reset()

    def transmit(self, apdu: CommandApdu) -> ResponseApdu:
        if not self._present:
            raise CardRemoved("the simulated card was removed")
        log_command(apdu, self.name)
        response = ResponseApdu.from_bytes(self.card.process(apdu.to_bytes()))
        log_response(response, self.name)
        return response

    def reset(self) -> None:
        if not self._present:
            raise CardRemoved("the simulated card was removed")
        self.card.reset()

    def close(self) -> None:
        """Nothing to release; kept for the CardTransport protocol."""
