"""Fuzz target: certificate parsing and verification (card_relay/verify.py) refuse every mutated
certificate with ``VerificationError`` and nothing else (issue 12 L1 and item 6).

Seeds are the test CA's real certificates (auth, sign and both roots) and the two crafted ones
of the outside test (X.509 version 45, an unknown SPKI OID); mutations as in `mutations.py`.
"""

from __future__ import annotations

from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from hypothesis import given
from hypothesis import strategies as st

from card_relay import testca
from card_relay.verify import (
    TrustConfig,
    VerificationError,
    signer_attributes,
    verify_authentication,
    verify_signing,
)
from tests.fuzz.budget import fuzz_settings
from tests.fuzz.mutations import bytes_or_mutated

ORIGIN = "https://localhost"


@cache
def _trust_and_seeds() -> tuple[TrustConfig, tuple[bytes, ...]]:
    ca = testca.load_or_create()
    issued = ca.issue()
    trust = TrustConfig(
        (ca.ca_certs["auth"],), (ca.ca_certs["sign"],), (ca.crl("auth"), ca.crl("sign"))
    )
    certs = (issued.auth_cert, issued.sign_cert, ca.ca_certs["auth"], ca.ca_certs["sign"])
    seeds = [cert.public_bytes(Encoding.DER) for cert in certs]
    auth = seeds[0]
    seeds.append(auth.replace(bytes.fromhex("a003020102"), bytes.fromhex("a00302012d"), 1))
    seeds.append(auth.replace(bytes.fromhex("2a864886f70d010101"), bytes(9), 1))
    return trust, tuple(seeds)


SEEDS = st.integers(0, 5).map(lambda index: _trust_and_seeds()[1][index])


@fuzz_settings
@given(bytes_or_mutated(SEEDS, max_size=2000), st.sampled_from([256, 512]))
def test_a_mutated_certificate_is_refused_only_with_verification_error(
    der: bytes, signature_size: int
) -> None:
    trust = _trust_and_seeds()[0]
    signature = bytes(signature_size)
    for verify in (
        lambda: verify_authentication(
            certificate=der, signature=signature, origin=ORIGIN, challenge=bytes(32), trust=trust
        ),
        lambda: verify_signing(certificate=der, signature=signature, digest=bytes(32), trust=trust),
    ):
        try:
            verify()
        except VerificationError:
            continue
        raise AssertionError("a zero signature was accepted")


@fuzz_settings
@given(bytes_or_mutated(SEEDS, max_size=2000))
def test_reading_the_signers_attributes_raises_only_verification_error(der: bytes) -> None:
    """After the chain check only a trusted CA's certificate gets here; read any parsable one."""
    try:
        cert = x509.load_der_x509_certificate(der)
    except Exception:  # not loadable at all: verify refuses it earlier (the test above)
        return
    try:
        signer_attributes(cert)
    except VerificationError:
        return
