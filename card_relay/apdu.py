"""Command and response APDUs, status words and BER-TLV parsing.

Pure: no I/O and no PC/SC imports, so the card client, the simulator and tests share one encoding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

MAX_SHORT_LC = 255
MAX_SHORT_LE = 256
MAX_EXTENDED = 65536


class ApduError(ValueError):
    """Bytes that are not a well-formed APDU."""


@dataclass(frozen=True)
class CommandApdu:
    """An ISO 7816-4 command. ``le`` is the expected response length, ``None`` for none."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            value = getattr(self, name)
            if not 0 <= value <= 0xFF:
                raise ApduError(f"{name} must be one byte, got {value!r}")
        if len(self.data) >= MAX_EXTENDED:
            raise ApduError("command data too long")
        if self.le is not None and not 1 <= self.le <= MAX_EXTENDED:
            raise ApduError(f"le must be 1..65536, got {self.le}")

    @property
    def extended(self) -> bool:
        return len(self.data) > MAX_SHORT_LC or (self.le is not None and self.le > MAX_SHORT_LE)

    def to_bytes(self) -> bytes:
        """Encode in the short form when possible, else the extended form (ISO 7816-4 5.1)."""
        header = bytes((self.cla, self.ins, self.p1, self.p2))
        if not self.extended:
            body = bytes((len(self.data),)) + self.data if self.data else b""
            if self.le is not None:
                body += bytes((self.le % MAX_SHORT_LE,))
            return header + body
        body = b"\x00" + len(self.data).to_bytes(2, "big") + self.data if self.data else b"\x00"
        if self.le is not None:
            body += (self.le % MAX_EXTENDED).to_bytes(2, "big")
        return header + body

    @classmethod
    def from_bytes(cls, raw: bytes) -> CommandApdu:
        """Parse the four ISO cases, short and extended."""
        if len(raw) < 4:
            raise ApduError("an APDU has at least 4 header bytes")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or MAX_SHORT_LE)
        if body[0] != 0:
            lc = body[0]
            data = body[1 : 1 + lc]
            rest = body[1 + lc :]
            if len(data) != lc or len(rest) > 1:
                raise ApduError("Lc does not match the data length")
            le = (rest[0] or MAX_SHORT_LE) if rest else None
            return cls(cla, ins, p1, p2, data, le)
        return cls._from_extended(cla, ins, p1, p2, body)

    @classmethod
    def _from_extended(cls, cla: int, ins: int, p1: int, p2: int, body: bytes) -> CommandApdu:
        if len(body) == 3:
            return cls(cla, ins, p1, p2, le=int.from_bytes(body[1:3], "big") or MAX_EXTENDED)
        lc = int.from_bytes(body[1:3], "big")
        data = body[3 : 3 + lc]
        rest = body[3 + lc :]
        if lc == 0 or len(data) != lc or len(rest) not in (0, 2):
            raise ApduError("extended Lc does not match the data length")
        le = (int.from_bytes(rest, "big") or MAX_EXTENDED) if rest else None
        return cls(cla, ins, p1, p2, data, le)

    def __str__(self) -> str:
        return self.to_bytes().hex(" ").upper()


_MEANINGS = {
    0x9000: "success",
    0x6281: "part of the returned data may be corrupted",
    0x6282: "end of file reached before Le bytes",
    0x6300: "verification failed (no retry counter)",
    0x6581: "memory failure",
    0x6700: "wrong length",
    0x6881: "logical channel not supported",
    0x6882: "secure messaging not supported",
    0x6981: "command incompatible with file structure",
    0x6982: "security status not satisfied (PIN needed)",
    0x6983: "authentication method blocked",
    0x6984: "PIN blocked (referenced data locked)",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current EF)",
    0x6A80: "incorrect data",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A86: "incorrect P1-P2",
    0x6A88: "referenced data not found",
    0x6B00: "offset beyond the end of the file",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}


@dataclass(frozen=True)
class StatusWord:
    """SW1-SW2 with a readable meaning: ``str(StatusWord(0x63C2))`` -> ``63C2 wrong PIN, ...``."""

    value: int

    @property
    def sw1(self) -> int:
        return self.value >> 8

    @property
    def sw2(self) -> int:
        return self.value & 0xFF

    @property
    def ok(self) -> bool:
        return self.value == 0x9000

    @property
    def tries_left(self) -> int | None:
        """The retry counter carried by ``63Cx``, else ``None``."""
        return self.value & 0x0F if self.value & 0xFFF0 == 0x63C0 else None

    @property
    def meaning(self) -> str:
        tries = self.tries_left
        if tries is not None:
            return "PIN blocked, 0 tries left" if tries == 0 else f"wrong PIN, {tries} tries left"
        if self.sw1 == 0x61:
            return f"{self.sw2} more bytes available"
        if self.sw1 == 0x6C:
            return f"wrong Le, use {self.sw2}"
        return _MEANINGS.get(self.value, "unknown status")

    def __str__(self) -> str:
        return f"{self.value:04X} {self.meaning}"


@dataclass(frozen=True)
class ResponseApdu:
    """Response data plus the status word."""

    data: bytes
    sw: StatusWord

    @classmethod
    def from_bytes(cls, raw: bytes) -> ResponseApdu:
        if len(raw) < 2:
            raise ApduError("a response has at least the two status bytes")
        return cls(bytes(raw[:-2]), StatusWord(int.from_bytes(raw[-2:], "big")))

    @classmethod
    def status(cls, sw: int, data: bytes = b"") -> ResponseApdu:
        return cls(data, StatusWord(sw))

    def to_bytes(self) -> bytes:
        return self.data + self.sw.value.to_bytes(2, "big")

    def __str__(self) -> str:
        return f"{len(self.data)} bytes, {self.sw}"


# --- BER-TLV -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tlv:
    """One BER-TLV object. ``tag`` keeps the tag's bytes as an int (``0xFF20``, ``0xDF22``)."""

    tag: int
    value: bytes
    header_length: int

    @property
    def total_length(self) -> int:
        return self.header_length + len(self.value)

    @property
    def constructed(self) -> bool:
        first = self.tag.to_bytes((self.tag.bit_length() + 7) // 8 or 1, "big")[0]
        return bool(first & 0x20)


class TlvError(ValueError):
    """Bytes that are not valid BER-TLV."""


def parse_header(raw: bytes) -> tuple[int, int, int]:
    """Read a tag and a definite length; return ``(tag, length, header_length)``.

    Enough of the file's start to call this: 7 bytes cover every tag and length the card uses
    (a certificate's ``30 82 LL LL``, the input-support AP's ``FF 20 82 LL LL``).
    """
    if not raw:
        raise TlvError("empty input")
    pos = 1
    tag = raw[0]
    if raw[0] & 0x1F == 0x1F:
        while True:
            if pos >= len(raw):
                raise TlvError("truncated tag")
            tag = (tag << 8) | raw[pos]
            pos += 1
            if not raw[pos - 1] & 0x80:
                break
    if pos >= len(raw):
        raise TlvError("missing length")
    first = raw[pos]
    pos += 1
    if first < 0x80:
        return tag, first, pos
    count = first & 0x7F
    if count == 0 or count > 3:
        raise TlvError("indefinite or oversized length")
    if pos + count > len(raw):
        raise TlvError("truncated length")
    length = int.from_bytes(raw[pos : pos + count], "big")
    return tag, length, pos + count


def parse_one(raw: bytes) -> Tlv:
    """Parse the TLV at the start of ``raw``; anything after it (card filler) is ignored."""
    tag, length, header = parse_header(raw)
    if header + length > len(raw):
        raise TlvError(f"value of tag {tag:X} is truncated")
    return Tlv(tag, bytes(raw[header : header + length]), header)


def iter_tlvs(raw: bytes) -> Iterator[Tlv]:
    """Parse consecutive TLVs, stopping at filler (``00`` or ``FF`` padding)."""
    pos = 0
    while pos < len(raw):
        if raw[pos] == 0x00 or (raw[pos] == 0xFF and not _is_ff_tag(raw, pos)):
            return
        item = parse_one(raw[pos:])
        yield item
        pos += item.total_length


def _is_ff_tag(raw: bytes, pos: int) -> bool:
    """``FF 20`` is a real tag, ``FF FF`` is filler."""
    return pos + 1 < len(raw) and raw[pos] == 0xFF and raw[pos + 1] != 0xFF


def encode_tlv(tag: int, value: bytes) -> bytes:
    """Encode a TLV with a definite length (used by the simulator and test fixtures)."""
    tag_bytes = tag.to_bytes((tag.bit_length() + 7) // 8 or 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes((n,))
    else:
        size = (n.bit_length() + 7) // 8
        length = bytes((0x80 | size,)) + n.to_bytes(size, "big")
    return tag_bytes + length + value
