"""verify.py refuses every forged, stale, misused or mismatched result with a reason code."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.hazmat.primitives.serialization import Encoding

from card_relay.digest import authentication_message
from card_relay.testca import IssuedIdentity, TestCa, profile, variants
from card_relay.testca.identity import DEFAULT
from card_relay.verify import (
    Reason,
    TrustConfig,
    VerificationError,
    verify_authentication,
    verify_signing,
)
from tests.card_relay.conftest import ORIGIN

CHALLENGE = bytes(range(32))
DIGEST = hashlib.sha256(b"document").digest()


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


def auth_signature(
    key: rsa.RSAPrivateKey, origin: str = ORIGIN, challenge: bytes = CHALLENGE
) -> bytes:
    return key.sign(authentication_message(origin, challenge), padding.PKCS1v15(), hashes.SHA256())


def sign_signature(key: rsa.RSAPrivateKey, digest: bytes = DIGEST) -> bytes:
    return key.sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))


def check_auth(
    issued: IssuedIdentity,
    trust: TrustConfig,
    *,
    cert: x509.Certificate | None = None,
    signature: bytes | None = None,
    origin: str = ORIGIN,
    challenge: bytes = CHALLENGE,
    now: datetime | None = None,
) -> object:
    return verify_authentication(
        certificate=der(cert or issued.auth_cert),
        signature=auth_signature(issued.auth_key) if signature is None else signature,
        origin=origin,
        challenge=challenge,
        trust=trust,
        now=now,
    )


def refused(func: object, *args: object, **kwargs: object) -> Reason:
    with pytest.raises(VerificationError) as caught:
        func(*args, **kwargs)  # type: ignore[operator]
    return caught.value.reason


@pytest.fixture(scope="module")
def forged(testca: TestCa) -> IssuedIdentity:
    """A CA with the real CA's name but its own key, and a holder it "issued"."""
    now = datetime.now(UTC)
    ca_key = profile.new_key()
    ca_cert = profile.build_ca(profile.AUTH, ca_key, now)
    assert ca_cert.subject == testca.ca_certs["auth"].subject
    key = profile.new_key()
    cert = profile.build_end_entity(
        profile.AUTH,
        DEFAULT,
        key.public_key(),
        ca_cert,
        ca_key,
        (now - timedelta(days=1), now + timedelta(days=30)),
    )
    return replace(testca.issue(), auth_key=key, auth_cert=cert, auth_ca_cert=ca_cert)


@pytest.fixture(scope="module")
def variant(testca: TestCa) -> dict[str, IssuedIdentity]:
    return {identity.id: testca.issue(identity) for identity in variants()}


@pytest.fixture(scope="module")
def fresh_trust(testca: TestCa, variant: dict[str, IssuedIdentity]) -> TrustConfig:
    """Trust with CRLs read after the revoked variant was issued."""
    return TrustConfig(
        (testca.ca_certs["auth"],),
        (testca.ca_certs["sign"],),
        (testca.crl("auth"), testca.crl("sign")),
    )


def test_a_genuine_authentication_is_accepted(issued: IssuedIdentity, trust: TrustConfig) -> None:
    holder = verify_authentication(
        certificate=der(issued.auth_cert),
        signature=auth_signature(issued.auth_key),
        origin=ORIGIN,
        challenge=CHALLENGE,
        trust=trust,
    )
    assert holder.serial == issued.auth_cert.serial_number
    assert holder.not_after == issued.auth_cert.not_valid_after_utc


def test_a_forged_chain_with_the_same_ca_name_is_refused(
    forged: IssuedIdentity, trust: TrustConfig
) -> None:
    assert refused(check_auth, forged, trust) is Reason.CHAIN_INVALID


def test_a_certificate_from_another_ca_is_refused(
    issued: IssuedIdentity, forged: IssuedIdentity
) -> None:
    other = TrustConfig((forged.auth_ca_cert,), (forged.auth_ca_cert,))
    assert refused(check_auth, issued, other) is Reason.CHAIN_INVALID


def test_an_expired_certificate_is_refused(
    variant: dict[str, IssuedIdentity], trust: TrustConfig
) -> None:
    assert refused(check_auth, variant["expired"], trust) is Reason.EXPIRED


def test_a_not_yet_valid_certificate_is_refused(
    variant: dict[str, IssuedIdentity], trust: TrustConfig
) -> None:
    assert refused(check_auth, variant["not-yet-valid"], trust) is Reason.NOT_YET_VALID


def test_validity_is_judged_at_the_given_time(issued: IssuedIdentity, trust: TrustConfig) -> None:
    later = issued.auth_cert.not_valid_after_utc + timedelta(seconds=1)
    assert refused(check_auth, issued, trust, now=later) is Reason.EXPIRED


def test_a_revoked_certificate_is_refused(
    variant: dict[str, IssuedIdentity], fresh_trust: TrustConfig
) -> None:
    assert refused(check_auth, variant["revoked"], fresh_trust) is Reason.REVOKED
    revoked = variant["revoked"]
    reason = refused(
        verify_signing,
        certificate=der(revoked.sign_cert),
        signature=sign_signature(revoked.sign_key),
        digest=DIGEST,
        trust=fresh_trust,
    )
    assert reason is Reason.REVOKED


def test_revocation_is_not_claimed_without_a_crl(
    variant: dict[str, IssuedIdentity], trust: TrustConfig
) -> None:
    no_crl = replace(trust, crls=())
    holder = check_auth(variant["revoked"], no_crl)
    assert holder.revocation_checked is False  # type: ignore[attr-defined]


def test_a_crl_from_another_ca_does_not_count(
    issued: IssuedIdentity, trust: TrustConfig, testca: TestCa
) -> None:
    only_sign_crl = replace(trust, crls=(testca.crl("sign"),))
    assert refused(check_auth, issued, only_sign_crl) is Reason.REVOCATION_UNAVAILABLE


def test_a_signature_certificate_is_refused_for_authentication(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    signature = auth_signature(issued.sign_key)
    reason = refused(check_auth, issued, trust, cert=issued.sign_cert, signature=signature)
    assert reason is Reason.WRONG_PURPOSE


def test_an_auth_certificate_is_refused_for_signing(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    reason = refused(
        verify_signing,
        certificate=der(issued.auth_cert),
        signature=sign_signature(issued.auth_key),
        digest=DIGEST,
        trust=trust,
    )
    assert reason is Reason.WRONG_PURPOSE


def test_the_ca_certificate_itself_is_refused(issued: IssuedIdentity, trust: TrustConfig) -> None:
    reason = refused(check_auth, issued, trust, cert=issued.auth_ca_cert)
    assert reason is Reason.WRONG_PURPOSE


def test_a_signature_for_another_origin_is_refused(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    signature = auth_signature(issued.auth_key, origin="https://evil.example")
    assert refused(check_auth, issued, trust, signature=signature) is Reason.BAD_SIGNATURE


def test_a_signature_over_another_challenge_is_refused(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    signature = auth_signature(issued.auth_key, challenge=bytes(32))
    assert refused(check_auth, issued, trust, signature=signature) is Reason.BAD_SIGNATURE


def test_a_truncated_signature_is_refused(issued: IssuedIdentity, trust: TrustConfig) -> None:
    signature = auth_signature(issued.auth_key)[:-1]
    assert refused(check_auth, issued, trust, signature=signature) is Reason.BAD_SIGNATURE


def test_garbage_instead_of_a_certificate_is_malformed(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    reason = refused(
        verify_authentication,
        certificate=b"\x30\x82\x01\x00junk",
        signature=bytes(256),
        origin=ORIGIN,
        challenge=CHALLENGE,
        trust=trust,
    )
    assert reason is Reason.MALFORMED


def test_a_genuine_signature_yields_the_four_attributes(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    signer = verify_signing(
        certificate=der(issued.sign_cert),
        signature=sign_signature(issued.sign_key),
        digest=DIGEST,
        trust=trust,
    )
    assert (signer.name, signer.address, signer.sex) == (DEFAULT.name, DEFAULT.address, "2")
    assert signer.birth_date == DEFAULT.birth_date
    assert signer.not_after == issued.sign_cert.not_valid_after_utc


def test_a_signature_over_another_digest_is_refused(
    issued: IssuedIdentity, trust: TrustConfig
) -> None:
    reason = refused(
        verify_signing,
        certificate=der(issued.sign_cert),
        signature=sign_signature(issued.sign_key, hashlib.sha256(b"other").digest()),
        digest=DIGEST,
        trust=trust,
    )
    assert reason is Reason.BAD_SIGNATURE


def test_trust_can_be_loaded_from_the_pem_files_the_test_ca_writes(
    testca: TestCa, issued: IssuedIdentity
) -> None:
    trust = TrustConfig.from_pem(
        testca.auth_ca_path.read_bytes(),
        testca.sign_ca_path.read_bytes(),
        [testca.crl_path("auth").read_bytes(), testca.crl_path("sign").read_bytes()],
    )
    assert check_auth(issued, trust)
