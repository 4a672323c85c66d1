"""PC/SC transport through pyscard: the only module that imports ``smartcard``.

Every pcsc-lite error becomes a ``card_relay.errors`` exception, so callers see ``NO_READER``,
``NO_CARD``, ``CARD_REMOVED`` or ``SERVICE_STOPPED`` rather than an SCARD_* number. A dead
context (pcscd restarted) is dropped and re-established while waiting for a card.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from smartcard import scard

from card_relay.apdu import CommandApdu, ResponseApdu
from card_relay.errors import (
    Cancelled,
    CardError,
    CardRemoved,
    NoCard,
    NoReader,
    ReaderBusy,
    ServiceUnavailable,
    Timeout,
)
from card_relay.log import log_command, log_response

PROTOCOLS = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1


def _code(value: int) -> int:
    return value & 0xFFFFFFFF


_ERRORS: dict[int, type[CardError]] = {
    _code(scard.SCARD_E_NO_SERVICE): ServiceUnavailable,
    _code(scard.SCARD_E_SERVICE_STOPPED): ServiceUnavailable,
    _code(scard.SCARD_E_INVALID_HANDLE): ServiceUnavailable,  # context died with pcscd
    _code(scard.SCARD_E_NO_READERS_AVAILABLE): NoReader,
    _code(scard.SCARD_E_UNKNOWN_READER): NoReader,
    _code(scard.SCARD_E_READER_UNAVAILABLE): NoReader,
    _code(scard.SCARD_W_REMOVED_CARD): CardRemoved,
    _code(scard.SCARD_E_NO_SMARTCARD): CardRemoved,
    _code(scard.SCARD_W_RESET_CARD): CardRemoved,
    _code(scard.SCARD_W_UNPOWERED_CARD): CardRemoved,
    _code(scard.SCARD_W_UNRESPONSIVE_CARD): CardRemoved,
    _code(scard.SCARD_E_NOT_TRANSACTED): CardRemoved,
    _code(scard.SCARD_E_SHARING_VIOLATION): ReaderBusy,
    _code(scard.SCARD_E_TIMEOUT): Timeout,
    _code(scard.SCARD_E_CANCELLED): Cancelled,
}


def check(hresult: int, action: str) -> None:
    """Raise the ``CardError`` matching a PC/SC result code (no-op on success)."""
    if _code(hresult) == scard.SCARD_S_SUCCESS:
        return
    kind = _ERRORS.get(_code(hresult), CardError)
    raise kind(f"{action}: {scard.SCardGetErrorMessage(hresult)} ({_code(hresult):08X})")


def establish_context() -> int:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    check(hresult, "connecting to pcscd")
    value: int = context
    return value


def list_readers(context: int | None = None) -> list[str]:
    """Reader names; an empty list when none is plugged in. Raises ``ServiceUnavailable``."""
    own = context is None
    ctx = establish_context() if context is None else context
    try:
        hresult, readers = scard.SCardListReaders(ctx, [])
        if _code(hresult) in (
            _code(scard.SCARD_E_NO_READERS_AVAILABLE),
            _code(scard.SCARD_E_READER_UNAVAILABLE),
        ):
            return []
        check(hresult, "listing readers")
        return list(readers)
    finally:
        if own:
            scard.SCardReleaseContext(ctx)


def _card_present(context: int, reader: str) -> bool:
    hresult, states = scard.SCardGetStatusChange(context, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
    check(hresult, f"reading the state of {reader}")
    state = states[0][1]
    return bool(state & scard.SCARD_STATE_PRESENT) and not state & scard.SCARD_STATE_MUTE


def card_present(reader: str) -> bool:
    """Whether a card sits in ``reader`` right now (without connecting to it)."""
    context = establish_context()
    try:
        return _card_present(context, reader)
    finally:
        _release(context)


class PcscTransport:
    """An exclusive connection to one card; ``close`` resets it so no PIN stays verified."""

    def __init__(self, context: int, handle: int, protocol: int, reader: str) -> None:
        self._context = context
        self._handle = handle
        self._protocol = protocol
        self.reader = reader
        self._closed = False
        hresult, _, _, _, atr = scard.SCardStatus(handle)
        check(hresult, "reading the card status")
        self._atr = bytes(atr)

    @property
    def atr(self) -> bytes:
        return self._atr

    def _raw(self, apdu: CommandApdu) -> ResponseApdu:
        log_command(apdu, self.reader)
        hresult, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu.to_bytes()))
        check(hresult, "sending a command to the card")
        result = ResponseApdu.from_bytes(bytes(response))
        log_response(result, self.reader)
        return result

    def transmit(self, apdu: CommandApdu) -> ResponseApdu:
        """Send ``apdu``; follow ``61xx`` with GET RESPONSE and retry ``6Cxx`` with its Le."""
        if self._closed:
            raise CardRemoved("the connection to the card is closed")
        response = self._raw(apdu)
        if response.sw.sw1 == 0x6C:
            response = self._raw(
                CommandApdu(apdu.cla, apdu.ins, apdu.p1, apdu.p2, apdu.data, response.sw.sw2 or 256)
            )
        data = response.data
        while response.sw.sw1 == 0x61:
            response = self._raw(CommandApdu(0x00, 0xC0, 0x00, 0x00, le=response.sw.sw2 or 256))
            data += response.data
        return ResponseApdu(data, response.sw)

    def reset(self) -> None:
        hresult, self._protocol = scard.SCardReconnect(
            self._handle, scard.SCARD_SHARE_EXCLUSIVE, PROTOCOLS, scard.SCARD_RESET_CARD
        )
        check(hresult, "resetting the card")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            scard.SCardDisconnect(self._handle, scard.SCARD_RESET_CARD)
        finally:
            scard.SCardReleaseContext(self._context)


def wait_for_card(
    reader: str | None = None,
    *,
    timeout: float = 60.0,
    cancel: threading.Event | None = None,
    poll: float = 0.2,
    on_wait: Callable[[str], None] | None = None,
) -> str:
    """Wait until a card sits in ``reader`` (or any reader whose name contains it); its name.

    Waits through a missing pcscd or reader until ``timeout``, then raises what was last
    wrong: ``ServiceUnavailable``, ``NoReader`` or ``NoCard``. ``cancel`` ends the wait early
    (``Cancelled``). ``on_wait`` hears ``"waiting_reader"``/``"waiting_card"`` for progress.
    """
    deadline = time.monotonic() + timeout
    context: int | None = None
    last: CardError = NoReader("no reader")
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled("waiting for the card was cancelled")
            try:
                if context is None:
                    context = establish_context()
                found = _find_card(context, reader)
                if found is not None:
                    return found
                readers = list_readers(context)
                last = NoCard("no card in the reader") if readers else NoReader("no reader")
            except ServiceUnavailable as exc:
                _release(context)
                context, last = None, exc  # pcscd gone or restarted: a new context later
            except (CardRemoved, NoReader) as exc:
                last = exc  # the card or reader vanished between two calls: keep waiting
            if on_wait is not None:
                on_wait("waiting_card" if isinstance(last, NoCard) else "waiting_reader")
            if time.monotonic() >= deadline:
                raise last
            if cancel is None:
                time.sleep(poll)
            else:
                cancel.wait(poll)
    finally:
        _release(context)


def connect(
    reader: str | None = None,
    *,
    timeout: float = 60.0,
    cancel: threading.Event | None = None,
    poll: float = 0.2,
    on_wait: Callable[[str], None] | None = None,
) -> PcscTransport:
    """:func:`wait_for_card`, then connect in exclusive mode (``ReaderBusy`` if held)."""
    name = wait_for_card(reader, timeout=timeout, cancel=cancel, poll=poll, on_wait=on_wait)
    context = establish_context()
    hresult, handle, protocol = scard.SCardConnect(
        context, name, scard.SCARD_SHARE_EXCLUSIVE, PROTOCOLS
    )
    try:
        check(hresult, f"connecting to the card in {name}")
        return PcscTransport(context, handle, protocol, name)
    except CardError:
        _release(context)
        raise


def _find_card(context: int, wanted: str | None) -> str | None:
    for name in list_readers(context):
        if wanted is not None and wanted not in name:
            continue
        if _card_present(context, name):
            return name
    return None


def _release(context: int | None) -> None:
    if context is not None:
        scard.SCardReleaseContext(context)
