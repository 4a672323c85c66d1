"""The My Number Card's applications over any transport: certificates, PINs, signatures.

``JpkiCard`` holds the APDU sequences of jpki.md section 2. It never reads the 12-digit
Individual Number (input-support EF 0001): no method selects it, and ``_select_file`` refuses to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from card_relay import aids
from card_relay.apdu import CommandApdu, ResponseApdu, TlvError, iter_tlvs, parse_header, parse_one
from card_relay.digest import authentication_digest, sha256_digest_info
from card_relay.errors import (
    CardCommandError,
    PinBlocked,
    PinRequired,
    PinWrong,
    WrongCard,
)
from card_relay.pins import PinKind, encode_pin, wipe
from card_relay.transport import CardTransport

HEADER_PROBE = 7  # covers "30 82 LL LL" and "FF 20 82 LL LL"
# No EF we read holds more (certificates are about 1.5 KB): a bigger length is a card fault,
# refused before reading 64 Ki chunks of a 16 MB "file".
MAX_EF_BYTES = 8192
CHUNK = 255
SIGNATURE_SIZE = 256


class CertKind(Enum):
    """The four certificate files of the JPKI AP; only ``SIGN`` needs a PIN first."""

    AUTH = aids.EF_AUTH_CERT
    AUTH_CA = aids.EF_AUTH_CA_CERT
    SIGN = aids.EF_SIGN_CERT
    SIGN_CA = aids.EF_SIGN_CA_CERT


class KeyKind(Enum):
    """The two private keys: user authentication (PIN ``AUTH``), signature (PIN ``SIGN``)."""

    AUTH = aids.KEY_AUTH
    SIGN = aids.KEY_SIGN


@dataclass(frozen=True)
class PinStatus:
    """What the empty VERIFY told us. ``tries_left`` is ``None`` when the PIN is verified."""

    kind: PinKind
    tries_left: int | None
    verified: bool = False

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0


@dataclass(frozen=True)
class BasicAttributes:
    """The four basic attributes (基本4情報). ``sex`` is the card's code: 1, 2, 9 (or 0)."""

    name: str
    address: str
    birth_date: date
    sex: str


def _fail(response: ResponseApdu, what: str) -> CardCommandError:
    return CardCommandError(response.sw.value, f"{what}: {response.sw}")


class JpkiCard:
    """A My Number Card reached through ``transport``; every method selects what it needs."""

    def __init__(self, transport: CardTransport) -> None:
        self.transport = transport
        self._current_aid: bytes | None = None

    def reset(self) -> None:
        """Reset the card (every PIN becomes unverified) and forget the selected application."""
        self._current_aid = None
        self.transport.reset()

    # --- applications and files --------------------------------------------------------------

    def select_jpki(self) -> None:
        """Select the JPKI AP; a card without it is not a My Number Card (``WRONG_CARD``)."""
        self._select_application(aids.JPKI_AID)

    def select_input_support(self) -> None:
        """Select the card-info input-support AP (券面事項入力補助AP)."""
        self._select_application(aids.INPUT_SUPPORT_AID)

    def _select_application(self, aid: bytes) -> None:
        response = self.transport.transmit(CommandApdu(0x00, 0xA4, 0x04, 0x0C, aid))
        if response.sw.value in (0x6A82, 0x6A86, 0x6D00, 0x6E00):
            self._current_aid = None
            raise WrongCard(f"no application {aid.hex().upper()}: {response.sw}")
        if not response.sw.ok:
            raise _fail(response, "SELECT application")
        self._current_aid = aid

    def _ensure(self, aid: bytes) -> None:
        # Selecting another AP clears the verified PINs of the one we leave, so only on change.
        if self._current_aid != aid:
            self._select_application(aid)

    def _select_file(self, fid: int) -> None:
        if self._current_aid == aids.INPUT_SUPPORT_AID and fid == aids.EF_INDIVIDUAL_NUMBER:
            raise PermissionError("card_relay never reads the Individual Number")
        response = self.transport.transmit(
            CommandApdu(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))
        )
        if not response.sw.ok:
            raise _fail(response, f"SELECT EF {fid:04X}")

    def _read_binary(self, offset: int, length: int) -> bytes:
        response = self.transport.transmit(
            CommandApdu(0x00, 0xB0, offset >> 8, offset & 0xFF, le=length)
        )
        if response.sw.value == 0x6982:
            raise PinRequired(f"reading needs a verified PIN: {response.sw}")
        if not response.sw.ok:
            raise _fail(response, f"READ BINARY at {offset}")
        return response.data

    def _read_tlv_file(self, fid: int) -> bytes:
        """Read one EF holding a single BER object, sized by its header (files carry filler)."""
        self._select_file(fid)
        head = self._read_binary(0, HEADER_PROBE)
        try:
            _, length, header = parse_header(head)
        except TlvError as exc:
            raise CardCommandError(0x9000, f"EF {fid:04X} does not start with a TLV") from exc
        total = header + length
        if total > MAX_EF_BYTES:
            raise CardCommandError(0x9000, f"EF {fid:04X} claims {total} bytes")
        data = bytearray(head[:total])
        while len(data) < total:
            chunk = self._read_binary(len(data), min(CHUNK, total - len(data)))
            if not chunk:
                raise CardCommandError(0x9000, f"EF {fid:04X} ended early")
            data += chunk
        return bytes(data[:total])

    # --- JPKI AP -----------------------------------------------------------------------------

    def token_label(self) -> str:
        """The JPKI token label, e.g. ``JPKIAPICCTOKEN2`` on a My Number Card."""
        self._ensure(aids.JPKI_AID)
        self._select_file(aids.EF_TOKEN_INFO)
        return self._read_binary(0, 32).decode("ascii", "replace").strip(" \x00")

    def read_certificate(self, kind: CertKind) -> bytes:
        """DER bytes of a certificate; ``SIGN`` raises ``PinRequired`` before its PIN."""
        self._ensure(aids.JPKI_AID)
        return self._read_tlv_file(kind.value)

    def pin_status(self, kind: PinKind) -> PinStatus:
        """Tries left, read with the empty VERIFY, which never spends a try."""
        self._ensure(kind.spec.aid)
        self._select_file(kind.spec.fid)
        response = self.transport.transmit(CommandApdu(0x00, 0x20, 0x00, 0x80))
        tries = response.sw.tries_left
        if tries is not None:
            return PinStatus(kind, tries)
        if response.sw.ok:
            return PinStatus(kind, None, verified=True)
        if response.sw.value in (0x6983, 0x6984):
            return PinStatus(kind, 0)
        raise _fail(response, "PIN status")

    def verify_pin(self, kind: PinKind, pin: str) -> None:
        """VERIFY ``pin``; ``PinFormatError`` (nothing sent), ``PinWrong`` or ``PinBlocked``."""
        buffer = encode_pin(kind, pin)
        try:
            self._ensure(kind.spec.aid)
            self._select_file(kind.spec.fid)
            response = self.transport.transmit(CommandApdu(0x00, 0x20, 0x00, 0x80, bytes(buffer)))
        finally:
            wipe(buffer)
        tries = response.sw.tries_left
        if response.sw.ok:
            return
        if tries == 0 or response.sw.value in (0x6983, 0x6984):
            raise PinBlocked(f"the {kind.spec.label} is blocked")
        if tries is not None:
            raise PinWrong(tries)
        raise _fail(response, "VERIFY")

    def sign(self, key: KeyKind, digest: bytes) -> bytes:
        """RSA PKCS#1 v1.5 signature over a SHA-256 ``digest``; the card pads the DigestInfo."""
        info = sha256_digest_info(digest)
        self._ensure(aids.JPKI_AID)
        self._select_file(key.value)
        response = self.transport.transmit(CommandApdu(0x80, 0x2A, 0x00, 0x80, info, le=256))
        if response.sw.value == 0x6982:
            raise PinRequired(f"signing needs the PIN first: {response.sw}")
        if not response.sw.ok or len(response.data) != SIGNATURE_SIZE:
            raise _fail(response, "COMPUTE DIGITAL SIGNATURE")
        return response.data

    def authenticate(self, origin: str, challenge: bytes) -> bytes:
        """Sign ``SHA-256(SHA-256(origin) || SHA-256(challenge))`` with the auth key."""
        return self.sign(KeyKind.AUTH, authentication_digest(origin, challenge))

    # --- input-support AP --------------------------------------------------------------------

    def read_basic_attributes(self) -> BasicAttributes:
        """Name, address, birth date and sex; needs ``PinKind.INPUT_SUPPORT`` verified."""
        self._ensure(aids.INPUT_SUPPORT_AID)
        return parse_basic_attributes(self._read_tlv_file(aids.EF_BASIC_ATTRIBUTES))


def parse_basic_attributes(raw: bytes) -> BasicAttributes:
    """Decode EF 0002 (``FF 20`` { ``DF 21`` offsets, ``DF 22``..``DF 25`` }).

    The bytes come from the card: anything unreadable is the documented ``CardCommandError``
    (``TlvError`` is a ``ValueError``, so the TLV parsing sits inside the ``try``; issue 12 L7).
    """
    try:
        outer = parse_one(raw)
        if outer.tag != aids.TAG_ATTRIBUTES:
            raise CardCommandError(0x9000, f"unexpected attributes tag {outer.tag:X}")
        values = {item.tag: item.value for item in iter_tlvs(outer.value)}
        birth = values[aids.TAG_BIRTH_DATE].decode("ascii")
        return BasicAttributes(
            name=values[aids.TAG_NAME].decode("utf-8"),
            address=values[aids.TAG_ADDRESS].decode("utf-8"),
            birth_date=date(int(birth[:4]), int(birth[4:6]), int(birth[6:8])),
            sex=values[aids.TAG_SEX].decode("ascii"),
        )
    except (KeyError, ValueError) as exc:
        raise CardCommandError(0x9000, "malformed basic attributes") from exc
