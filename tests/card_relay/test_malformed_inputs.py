"""Crafted inputs are refused with the documented error type (issue 12, L1 and L7).

L1 (security.md B): a certificate whose X.509 version is 45, or whose key names an unknown
algorithm, escaped ``verify.py`` as ``InvalidVersion`` / ``UnsupportedAlgorithm``. L7:
``parse_basic_attributes`` let ``TlvError`` out instead of ``CardCommandError``.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from card_relay.errors import CardCommandError
from card_relay.jpki import parse_basic_attributes
from card_relay.testca import IssuedIdentity
from card_relay.verify import Reason, TrustConfig, VerificationError, verify_authentication
from tests.card_relay.conftest import ORIGIN

VERSION_3 = bytes.fromhex("a003020102")
VERSION_45 = bytes.fromhex("a00302012d")
RSA_OID = bytes.fromhex("2a864886f70d010101")
UNKNOWN_OID = bytes.fromhex("2a8648000000000000")


def crafted(issued: IssuedIdentity, old: bytes, new: bytes) -> bytes:
    """The genuine auth certificate with one field replaced, as the report's fuzzer did."""
    der = issued.auth_cert.public_bytes(Encoding.DER)
    assert der.count(old) == 1
    return der.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new"), [(VERSION_3, VERSION_45), (RSA_OID, UNKNOWN_OID)], ids=["version", "spki-oid"]
)
def test_a_crafted_certificate_is_refused_as_malformed(
    issued: IssuedIdentity, trust: TrustConfig, old: bytes, new: bytes
) -> None:
    with pytest.raises(VerificationError) as caught:
        verify_authentication(
            certificate=crafted(issued, old, new),
            signature=bytes(256),
            origin=ORIGIN,
            challenge=bytes(32),
            trust=trust,
        )
    assert caught.value.reason is Reason.MALFORMED


@pytest.mark.parametrize(
    "raw",
    [
        "ff2003df2101",  # the report's input: an inner TLV longer than its data
        "ff2002df",  # a truncated inner tag
        "ff20",  # no length
        "",  # nothing at all
    ],
)
def test_unreadable_basic_attributes_raise_the_card_error(raw: str) -> None:
    with pytest.raises(CardCommandError):
        parse_basic_attributes(bytes.fromhex(raw))


def test_a_file_claiming_megabytes_is_refused_before_reading_it() -> None:
    from card_relay.apdu import CommandApdu, ResponseApdu
    from card_relay.jpki import CertKind, JpkiCard

    class HugeFileCard:
        """Answers every command with 9000 and a header claiming a 16 MB certificate."""

        atr = b""
        reads = 0

        def transmit(self, apdu: CommandApdu) -> ResponseApdu:
            if apdu.ins == 0xB0:
                self.reads += 1
                return ResponseApdu.status(0x9000, bytes.fromhex("3083ffffff") + bytes(250))
            return ResponseApdu.status(0x9000)

        def reset(self) -> None: ...

        def close(self) -> None: ...

    card = HugeFileCard()
    with pytest.raises(CardCommandError):
        JpkiCard(card).read_certificate(CertKind.AUTH)  # type: ignore[arg-type]
    assert card.reads == 1


def test_a_signature_certificate_with_an_unreadable_name_extension_is_malformed(
    issued: IssuedIdentity,
) -> None:
    """Found by tests/fuzz/test_fuzz_verify.py: a subjectAltName that is not a SEQUENCE made
    ``signer_attributes`` raise ``ValueError`` (reachable only with a trusted CA's signature)."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtensionOID, NameOID

    from card_relay.verify import signer_attributes

    now = datetime.now(UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "crafted")])
    broken_san = x509.UnrecognizedExtension(ExtensionOID.SUBJECT_ALTERNATIVE_NAME, b"\x02\x01\x00")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(issued.sign_key.public_key())
        .serial_number(1)
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(broken_san, critical=False)
        .sign(issued.sign_key, hashes.SHA256())
    )
    with pytest.raises(VerificationError) as caught:
        signer_attributes(cert)
    assert caught.value.reason is Reason.MALFORMED
