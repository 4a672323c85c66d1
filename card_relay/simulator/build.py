"""Lays out an issued identity as the card's files (jpki.md sections 1.1 and 1.2)."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from card_relay import aids
from card_relay.apdu import encode_tlv
from card_relay.simulator.card import SimulatedCard
from card_relay.simulator.files import Application, BinaryFile, KeyFile, PinFile
from card_relay.testca import IssuedIdentity
from card_relay.testca.identity import Identity

AUTH_PIN_TRIES = 3
SIGN_PIN_TRIES = 5
INPUT_SUPPORT_PIN_TRIES = 3
# Unconfirmed on real cards (jpki.md section 9, point 1): we chose the 4-digit PINs' limit.
VERIFICATION_CODE_TRIES = 3


def _padded(data: bytes, filler: int = 0xFF, block: int = 256) -> bytes:
    """Real EFs are fixed-size with filler after the object, so clients must use the TLV length."""
    size = (len(data) // block + 1) * block
    return data + bytes([filler]) * (size - len(data))


def token_info() -> bytes:
    """EF 0006: a 160-byte CK_TOKEN_INFO-like record starting with a space-padded label."""
    return aids.TOKEN_LABEL.encode().ljust(32, b" ") + bytes(128)


def attributes_file(identity: Identity) -> bytes:
    """EF 0002 of the input-support AP: ``FF 20`` with an offset table and four UTF-8 fields."""
    fields = [
        encode_tlv(aids.TAG_NAME, identity.name.encode()),
        encode_tlv(aids.TAG_ADDRESS, identity.address.encode()),
        encode_tlv(aids.TAG_BIRTH_DATE, identity.birth_date.strftime("%Y%m%d").encode()),
        encode_tlv(aids.TAG_SEX, identity.sex.encode()),
    ]
    table_size = 3 + 8
    inner_size = table_size + sum(len(f) for f in fields)
    outer_header = len(encode_tlv(aids.TAG_ATTRIBUTES, bytes(inner_size))) - inner_size
    offsets = b""
    position = outer_header + table_size
    for item in fields:
        offsets += position.to_bytes(2, "big")
        position += len(item)
    body = encode_tlv(aids.TAG_OFFSETS, offsets) + b"".join(fields)
    return _padded(encode_tlv(aids.TAG_ATTRIBUTES, body), filler=0x00)


def individual_number_file(identity: Identity) -> bytes:
    """EF 0001: ``FF 10 0C`` + 12 ASCII digits + two filler bytes (17 bytes)."""
    return encode_tlv(0xFF10, identity.individual_number.encode()) + b"\xff\xff"


def _cert_file(cert: x509.Certificate, needs: frozenset[int] = frozenset()) -> BinaryFile:
    return BinaryFile(_padded(cert.public_bytes(Encoding.DER)), needs)


def jpki_application(issued: IssuedIdentity) -> Application:
    identity = issued.identity
    sign_pin = frozenset({aids.PIN_SIGN})
    return Application(
        "jpki",
        aids.JPKI_AID,
        {
            aids.EF_SIGN_CERT: _cert_file(issued.sign_cert, sign_pin),
            aids.EF_SIGN_CA_CERT: _cert_file(issued.sign_ca_cert),
            aids.EF_TOKEN_INFO: BinaryFile(token_info()),
            aids.EF_CERT_PRESENCE: BinaryFile(bytes.fromhex("8F8F00")),
            aids.EF_AUTH_CERT: _cert_file(issued.auth_cert),
            aids.EF_AUTH_CA_CERT: _cert_file(issued.auth_ca_cert),
            aids.KEY_AUTH: KeyFile(issued.auth_key, frozenset({aids.PIN_AUTH})),
            aids.PIN_AUTH: PinFile(identity.auth_pin.encode(), AUTH_PIN_TRIES),
            aids.KEY_SIGN: KeyFile(issued.sign_key, sign_pin),
            aids.PIN_SIGN: PinFile(identity.signature_pin.encode(), SIGN_PIN_TRIES),
        },
    )


def input_support_application(issued: IssuedIdentity) -> Application:
    identity = issued.identity
    expiry_year = issued.auth_cert.not_valid_after_utc.year
    pin = aids.PIN_INPUT_SUPPORT
    return Application(
        "input_support",
        aids.INPUT_SUPPORT_AID,
        {
            aids.EF_INDIVIDUAL_NUMBER: BinaryFile(
                individual_number_file(identity), frozenset({pin, aids.CODE_A})
            ),
            aids.EF_BASIC_ATTRIBUTES: BinaryFile(
                attributes_file(identity), frozenset({pin, aids.CODE_B})
            ),
            pin: PinFile(identity.input_support_pin.encode(), INPUT_SUPPORT_PIN_TRIES),
            aids.CODE_A: PinFile(identity.individual_number.encode(), VERIFICATION_CODE_TRIES),
            aids.CODE_B: PinFile(
                identity.verification_code_b(expiry_year).encode(), VERIFICATION_CODE_TRIES
            ),
        },
    )


def build_card(issued: IssuedIdentity) -> SimulatedCard:
    """A fresh simulated card (all PIN counters full) for an issued identity."""
    return SimulatedCard([jpki_application(issued), input_support_application(issued)])
