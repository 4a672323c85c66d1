"""The one interface every card connection implements (PC/SC, in-process simulator, relay)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from card_relay.apdu import CommandApdu, ResponseApdu


@runtime_checkable
class CardTransport(Protocol):
    """Sends command APDUs to one card and returns its responses.

    Implementations raise :class:`card_relay.errors.CardError` subclasses (``CardRemoved``,
    ``ServiceUnavailable``, ``NoReader``) rather than library-specific exceptions.
    """

    @property
    def atr(self) -> bytes:
        """The card's answer to reset."""
        ...

    def transmit(self, apdu: CommandApdu) -> ResponseApdu:
        """Send one command and return the card's response (after GET RESPONSE chaining)."""
        ...

    def reset(self) -> None:
        """Warm-reset the card; this clears every verified PIN."""
        ...

    def close(self) -> None:
        """Release the card (idempotent)."""
        ...
