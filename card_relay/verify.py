"""Checks what a card returned: certificate chain, validity, purpose, revocation, signature.

Pure (``cryptography`` only, no files, no network): the server passes in the CA certificates and
CRLs from its configuration. The order follows architecture.md section 6 (Web eID's order), and
every refusal is a :class:`VerificationError` with a stable :class:`Reason`, never another
exception type: the bytes come from outside (a reader side), so whatever ``cryptography`` raises
while reading them is a ``MALFORMED`` refusal (issue 12, L1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

from card_relay import oids
from card_relay.apdu import TlvError, parse_one
from card_relay.digest import authentication_message

MIN_KEY_BITS = 2048


class Reason(StrEnum):
    MALFORMED = "MALFORMED"
    UNSUPPORTED_KEY = "UNSUPPORTED_KEY"
    CHAIN_INVALID = "CHAIN_INVALID"
    WRONG_PURPOSE = "WRONG_PURPOSE"
    NOT_YET_VALID = "NOT_YET_VALID"
    EXPIRED = "EXPIRED"
    REVOKED = "REVOKED"
    REVOCATION_UNAVAILABLE = "REVOCATION_UNAVAILABLE"
    BAD_SIGNATURE = "BAD_SIGNATURE"


class VerificationError(Exception):
    """A refused result; ``reason`` is for logs, the audit trail and the user's help text."""

    def __init__(self, reason: Reason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class TrustConfig:
    """Trust anchors per purpose (all current J-LIS generations) and optional CRLs."""

    auth_cas: tuple[x509.Certificate, ...]
    sign_cas: tuple[x509.Certificate, ...]
    crls: tuple[x509.CertificateRevocationList, ...] = ()

    @classmethod
    def from_pem(
        cls, auth_ca_pem: bytes, sign_ca_pem: bytes, crl_pems: Sequence[bytes] = ()
    ) -> TrustConfig:
        """Build from PEM bytes; one PEM may hold several CA generations."""
        return cls(
            tuple(x509.load_pem_x509_certificates(auth_ca_pem)),
            tuple(x509.load_pem_x509_certificates(sign_ca_pem)),
            tuple(x509.load_pem_x509_crl(pem) for pem in crl_pems),
        )


@dataclass(frozen=True)
class AuthenticatedHolder:
    """Who authenticated: the certificate itself identifies them (no attributes inside)."""

    issuer: str
    serial: int
    subject: str
    not_after: datetime
    revocation_checked: bool


@dataclass(frozen=True)
class Signer:
    """Who signed: the four attributes from the signature certificate's subjectAltName."""

    name: str
    address: str
    birth_date: date
    sex: str
    issuer: str
    serial: int
    not_after: datetime
    revocation_checked: bool


def verify_authentication(
    *,
    certificate: bytes,
    signature: bytes,
    origin: str,
    challenge: bytes,
    trust: TrustConfig,
    now: datetime | None = None,
) -> AuthenticatedHolder:
    """Accept an authentication only if every check passes; ``origin`` comes from config."""
    cert, key, checked = _check_certificate(certificate, trust, auth=True, now=now)
    try:
        key.verify(
            signature,
            authentication_message(origin, challenge),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except InvalidSignature as exc:
        raise VerificationError(Reason.BAD_SIGNATURE, "not a signature of this challenge") from exc
    return AuthenticatedHolder(
        issuer=cert.issuer.rfc4514_string(),
        serial=cert.serial_number,
        subject=cert.subject.rfc4514_string(),
        not_after=cert.not_valid_after_utc,
        revocation_checked=checked,
    )


def verify_signing(
    *,
    certificate: bytes,
    signature: bytes,
    digest: bytes,
    trust: TrustConfig,
    now: datetime | None = None,
) -> Signer:
    """Accept a signature over ``digest`` (the server's SHA-256 of the document)."""
    if len(digest) != 32:
        raise VerificationError(Reason.MALFORMED, "the digest must be 32 bytes of SHA-256")
    cert, key, checked = _check_certificate(certificate, trust, auth=False, now=now)
    try:
        key.verify(signature, digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
    except InvalidSignature as exc:
        raise VerificationError(Reason.BAD_SIGNATURE, "not a signature of this digest") from exc
    name, address, birth_date, sex = signer_attributes(cert)
    return Signer(
        name=name,
        address=address,
        birth_date=birth_date,
        sex=sex,
        issuer=cert.issuer.rfc4514_string(),
        serial=cert.serial_number,
        not_after=cert.not_valid_after_utc,
        revocation_checked=checked,
    )


def _check_certificate(
    der: bytes, trust: TrustConfig, *, auth: bool, now: datetime | None
) -> tuple[x509.Certificate, rsa.RSAPublicKey, bool]:
    """Format, chain, validity, purpose, revocation; returns the certificate and its key."""
    now = now or datetime.now(UTC)
    cert, key = _parse(der)
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < MIN_KEY_BITS:
        raise VerificationError(Reason.UNSUPPORTED_KEY, "JPKI keys are RSA-2048")
    expected, other = (trust.auth_cas, trust.sign_cas) if auth else (trust.sign_cas, trust.auth_cas)
    ca = _issuer_among(cert, expected)
    if ca is None:
        if _issuer_among(cert, other) is not None:
            raise VerificationError(Reason.WRONG_PURPOSE, _purpose_text(auth))
        raise VerificationError(Reason.CHAIN_INVALID, "not issued by a trusted JPKI CA")
    for item, label in ((cert, "certificate"), (ca, "CA certificate")):
        if now < item.not_valid_before_utc:
            raise VerificationError(
                Reason.NOT_YET_VALID, f"{label} not valid before {item.not_valid_before_utc}"
            )
        if now > item.not_valid_after_utc:
            raise VerificationError(Reason.EXPIRED, f"{label} expired {item.not_valid_after_utc}")
    _check_purpose(cert, auth=auth)
    return cert, key, _check_revocation(cert, ca, trust.crls, now)


def _parse(der: bytes) -> tuple[x509.Certificate, CertificatePublicKeyTypes]:
    """Read every part of the certificate the checks use, now, so a bad one is ``MALFORMED``.

    ``cryptography`` parses the key, the extensions and the names lazily and signals bad input
    with several types besides ``ValueError`` (``InvalidVersion`` for a version it does not
    know, ``UnsupportedAlgorithm`` for an unknown key OID, ``DuplicateExtension``,
    ``UnsupportedGeneralNameType``...). Everything in this block only reads outside bytes, so
    any exception here means the sender's certificate cannot be read.
    """
    try:
        cert = x509.load_der_x509_certificate(der)
        key = cert.public_key()
        _ = (cert.extensions, cert.issuer, cert.subject, cert.serial_number)
        _ = (cert.not_valid_before_utc, cert.not_valid_after_utc)
    except Exception as exc:  # all of it is malformed input (see the docstring)
        raise VerificationError(Reason.MALFORMED, "not a readable DER certificate") from exc
    return cert, key


def _issuer_among(
    cert: x509.Certificate, cas: Sequence[x509.Certificate]
) -> x509.Certificate | None:
    """The anchor that signed ``cert``. Roots of all generations share a DN: check the key."""
    for ca in cas:
        try:
            cert.verify_directly_issued_by(ca)
        except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
            continue
        return ca
    return None


def _purpose_text(auth: bool) -> str:
    return (
        "a signature certificate where a user-authentication one is needed"
        if auth
        else ("a user-authentication certificate where a signature one is needed")
    )


def _check_purpose(cert: x509.Certificate, *, auth: bool) -> None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound as exc:
        raise VerificationError(Reason.WRONG_PURPOSE, "no key usage") from exc
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if is_ca or not usage.digital_signature:
        raise VerificationError(Reason.WRONG_PURPOSE, "not a signing end-entity certificate")
    has_attributes = bool(_attribute_values(cert))
    if auth and (usage.content_commitment or has_attributes):
        raise VerificationError(Reason.WRONG_PURPOSE, _purpose_text(auth))
    if not auth and not usage.content_commitment:
        raise VerificationError(Reason.WRONG_PURPOSE, _purpose_text(auth))


def _check_revocation(
    cert: x509.Certificate,
    ca: x509.Certificate,
    crls: Sequence[x509.CertificateRevocationList],
    now: datetime,
) -> bool:
    """True when a CRL was consulted; refuse when CRLs are configured but none is usable."""
    if not crls:
        return False
    usable = [
        crl
        for crl in crls
        if crl.issuer == ca.subject
        and crl.is_signature_valid(ca.public_key())  # type: ignore[arg-type]
        and crl.last_update_utc <= now
        and (crl.next_update_utc is None or now <= crl.next_update_utc)
    ]
    if not usable:
        raise VerificationError(Reason.REVOCATION_UNAVAILABLE, "no current CRL from this CA")
    if any(crl.get_revoked_certificate_by_serial_number(cert.serial_number) for crl in usable):
        raise VerificationError(Reason.REVOKED, f"serial {cert.serial_number:x} is revoked")
    return True


def _attribute_values(cert: x509.Certificate) -> dict[x509.ObjectIdentifier, str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return {}
    except Exception as exc:  # parsing the extensions of outside bytes, as in _parse
        raise VerificationError(Reason.MALFORMED, "unreadable extensions") from exc
    wanted = {oids.NAME, oids.SEX, oids.BIRTH_DATE, oids.ADDRESS}
    values: dict[x509.ObjectIdentifier, str] = {}
    for other in san.get_values_for_type(x509.OtherName):
        if other.type_id in wanted:
            try:
                values[other.type_id] = parse_one(other.value).value.decode("utf-8")
            except (TlvError, UnicodeDecodeError) as exc:
                raise VerificationError(Reason.MALFORMED, "unreadable attribute") from exc
    return values


def signer_attributes(cert: x509.Certificate) -> tuple[str, str, date, str]:
    """Name, address, birth date, sex. The birth date is an era digit + ``YYYYMMDD`` ([U])."""
    values = _attribute_values(cert)
    try:
        birth = values[oids.BIRTH_DATE][-8:]
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
        return values[oids.NAME], values[oids.ADDRESS], born, values[oids.SEX]
    except (KeyError, ValueError) as exc:
        raise VerificationError(Reason.MALFORMED, "signature certificate lacks attributes") from exc
