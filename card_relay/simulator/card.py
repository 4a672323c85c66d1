"""A simulated My Number Card: answers command APDUs the way jpki.md says the real card does.

It knows nothing about sockets; ``virtual.py`` calls it in-process and ``vpcd.py`` puts it
behind pcscd. State that a real card keeps in RAM (current DF/EF, verified PINs) is cleared by
reset and power-off; PIN retry counters are "EEPROM" and survive both.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from card_relay.apdu import ApduError, CommandApdu, ResponseApdu, encode_tlv
from card_relay.simulator.files import EF, Application, BinaryFile, KeyFile, PinFile

# T=1, no historical bytes; the "JUKICARD" ATR OpenSC's jpki driver matches (jpki.md section 5).
DEFAULT_ATR = bytes.fromhex("3BE000FF8131FE4514")
ISSUER_SECURITY_DOMAIN = bytes.fromhex("A0000001510000")

Handler = Callable[[CommandApdu], ResponseApdu]


def _sw(value: int, data: bytes = b"") -> ResponseApdu:
    return ResponseApdu.status(value, data)


class SimulatedCard:
    """One card. ``process`` takes raw command bytes and returns raw response bytes.

    ``accessed`` records every (application name, file id) a command touched, so tests can
    prove which files the client never went near.
    """

    def __init__(self, applications: Iterable[Application], atr: bytes = DEFAULT_ATR) -> None:
        self.atr = atr
        self.applications = {app.aid: app for app in applications}
        self.accessed: set[tuple[str, int]] = set()
        self.powered = True
        self._lock = threading.RLock()
        self._app: Application | None = None
        self._ef: int | None = None
        self._verified: dict[str, set[int]] = {}
        self._handlers: dict[tuple[int, int], Handler] = {
            (0x00, 0xA4): self._select,
            (0x00, 0xB0): self._read_binary,
            (0x00, 0x20): self._verify,
            (0x80, 0x2A): self._compute_signature,
        }

    # --- power -------------------------------------------------------------------------------

    def reset(self) -> None:
        """Warm or cold reset: back to the issuer security domain, every PIN unverified."""
        with self._lock:
            self._app = None
            self._ef = None
            self._verified.clear()

    def power_off(self) -> None:
        with self._lock:
            self.reset()
            self.powered = False

    def power_on(self) -> None:
        with self._lock:
            self.reset()
            self.powered = True

    # --- inspection for tests ----------------------------------------------------------------

    def application(self, name: str) -> Application:
        return next(app for app in self.applications.values() if app.name == name)

    def pin(self, app_name: str, fid: int) -> PinFile:
        ef = self.application(app_name).files[fid]
        assert isinstance(ef, PinFile)  # noqa: S101 - a programming error in a test
        return ef

    # --- dispatch ----------------------------------------------------------------------------

    def process(self, raw: bytes) -> bytes:
        """Answer one command APDU (raw bytes in, raw bytes out)."""
        with self._lock:
            return self._process(raw).to_bytes()

    def _process(self, raw: bytes) -> ResponseApdu:
        if not self.powered:
            return _sw(0x6F00)
        try:
            apdu = CommandApdu.from_bytes(raw)
        except ApduError:
            return _sw(0x6700)
        if apdu.cla & 0x03:
            return _sw(0x6881)  # only logical channel 0 works
        if apdu.cla & 0x0C:
            return _sw(0x6882)  # no secure messaging
        handler = self._handlers.get((apdu.cla, apdu.ins))
        if handler is not None:
            return handler(apdu)
        if any(ins == apdu.ins for _, ins in self._handlers):
            return _sw(0x6E00)
        return _sw(0x6D00)

    # --- SELECT ------------------------------------------------------------------------------

    def _select(self, apdu: CommandApdu) -> ResponseApdu:
        if apdu.p2 not in (0x0C, 0x00):
            return _sw(0x6A86)
        if apdu.p1 == 0x04:
            return self._select_application(apdu.data, fci=apdu.p2 == 0x00)
        if apdu.p1 == 0x02:
            if len(apdu.data) != 2:
                return _sw(0x6700)
            return self._select_file(int.from_bytes(apdu.data, "big"))
        if apdu.p1 == 0x00:
            # "Select MF" is refused right after reset and changes nothing later ([R] jpki.md 1).
            return _sw(0x6A86) if self._app is None else _sw(0x9000)
        return _sw(0x6A86)

    def _select_application(self, aid: bytes, *, fci: bool) -> ResponseApdu:
        target = self.applications.get(aid)
        if target is None and aid != ISSUER_SECURITY_DOMAIN:
            return _sw(0x6A82)
        if self._app is not None and self._app is not target:
            # Leaving an application clears its security status ([R] jpki.md 1).
            self._verified.pop(self._app.name, None)
        self._app = target
        self._ef = None
        if fci:
            return _sw(0x9000, encode_tlv(0x6F, encode_tlv(0x84, aid)))
        return _sw(0x9000)

    def _select_file(self, fid: int) -> ResponseApdu:
        if self._app is None or fid not in self._app.files:
            return _sw(0x6A82)
        self._ef = fid
        self.accessed.add((self._app.name, fid))
        return _sw(0x9000)

    def _target(self, p2_or_p1: int, *, sfi_mask: int = 0x1F) -> tuple[int | None, int]:
        """Resolve "current EF" (``80``) or a short EF identifier (``80|SFI``) to a file id.

        Returns ``(fid, 0x9000)`` or ``(None, error status word)``.
        """
        sfi = p2_or_p1 & sfi_mask
        if sfi == 0:
            return (self._ef, 0x9000) if self._ef is not None else (None, 0x6986)
        if self._app is None or sfi not in self._app.files:
            return None, 0x6A82
        self._ef = sfi
        self.accessed.add((self._app.name, sfi))
        return sfi, 0x9000

    def _file(self, fid: int) -> EF:
        assert self._app is not None  # noqa: S101 - _target only returns fids of the current DF
        return self._app.files[fid]

    def _is_open(self, needs: frozenset[int]) -> bool:
        assert self._app is not None  # noqa: S101
        return not needs or bool(needs & self._verified.get(self._app.name, set()))

    # --- READ BINARY -------------------------------------------------------------------------

    def _read_binary(self, apdu: CommandApdu) -> ResponseApdu:
        if apdu.data:
            return _sw(0x6700)
        if apdu.p1 & 0x80:
            fid, status = self._target(apdu.p1)
            offset = apdu.p2
        else:
            fid, status = self._target(0)
            offset = (apdu.p1 << 8) | apdu.p2
        if fid is None:
            return _sw(status)
        ef = self._file(fid)
        if not isinstance(ef, BinaryFile):
            return _sw(0x6981)
        if not self._is_open(ef.needs):
            return _sw(0x6982)
        if offset >= len(ef.data):
            return _sw(0x6B00)
        length = apdu.le if apdu.le is not None else 256
        return _sw(0x9000, ef.data[offset : offset + length])

    # --- VERIFY ------------------------------------------------------------------------------

    def _verify(self, apdu: CommandApdu) -> ResponseApdu:
        if apdu.p1 != 0x00 or not apdu.p2 & 0x80:
            return _sw(0x6A86)
        fid, status = self._target(apdu.p2)
        if fid is None:
            return _sw(status)
        ef = self._file(fid)
        if not isinstance(ef, PinFile):
            return _sw(0x6981)
        assert self._app is not None  # noqa: S101
        verified = self._verified.setdefault(self._app.name, set())
        if not apdu.data:
            # The retry-counter query: never spends a try.
            if fid in verified:
                return _sw(0x9000)
            return _sw(0x63C0 | ef.tries_left)
        if ef.blocked:
            return _sw(0x6984)
        if ef.check(apdu.data):
            verified.add(fid)
            return _sw(0x9000)
        verified.discard(fid)
        return _sw(0x63C0 | ef.tries_left)

    # --- COMPUTE DIGITAL SIGNATURE -----------------------------------------------------------

    def _compute_signature(self, apdu: CommandApdu) -> ResponseApdu:
        if apdu.p1 != 0x00:
            return _sw(0x6A86)  # only the "pad what you are given" mode is simulated
        if not apdu.p2 & 0x80:
            return _sw(0x6A86)
        fid, status = self._target(apdu.p2)
        if fid is None:
            return _sw(status)
        ef = self._file(fid)
        if not isinstance(ef, KeyFile):
            return _sw(0x6981)
        if not self._is_open(ef.needs):
            return _sw(0x6982)
        try:
            return _sw(0x9000, ef.sign_raw(apdu.data))
        except ValueError:
            return _sw(0x6700)
