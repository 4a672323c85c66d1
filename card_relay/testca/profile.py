"""Builds J-LIS-like certificates with ``cryptography``: two root CAs, end-entity certs, CRLs.

The profile follows jpki.md section 4: RSA-2048, sha256WithRSAEncryption, critical key usage,
the four attributes only in the signature certificate's subjectAltName (otherName, UTF8String).
Points jpki.md marks unconfirmed (subject DN layout, policies) are plausible guesses.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from card_relay import oids
from card_relay.apdu import encode_tlv
from card_relay.testca.identity import Identity, era_code

AUTH = "auth"
SIGN = "sign"
_CA_UNIT = {AUTH: "JPKI for user authentication", SIGN: "JPKI for digital signature"}


def new_key() -> rsa.RSAPrivateKey:
    """An RSA-2048 key, the size the card uses (slow: callers cache the result)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ca_name(purpose: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "JPKI"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, _CA_UNIT[purpose]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "myna-guide TEST CA, not J-LIS"),
        ]
    )


def build_ca(purpose: str, key: rsa.RSAPrivateKey, now: datetime) -> x509.Certificate:
    """A self-signed root with the real roots' extensions (keyCertSign + cRLSign, CA:TRUE)."""
    name = ca_name(purpose)
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DirectoryName(
                        x509.Name(
                            [
                                x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                                x509.NameAttribute(
                                    NameOID.ORGANIZATION_NAME, "公的個人認証サービス"
                                ),
                            ]
                        )
                    )
                ]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )


def _key_usage(
    *, cert_sign: bool = False, signature: bool = False, non_repudiation: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signature,
        content_commitment=non_repudiation,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _utf8_other_name(oid: x509.ObjectIdentifier, text: str) -> x509.OtherName:
    """otherName whose value is a UTF8String (tag 0C) inside the explicit [0] ([R] jpki.md)."""
    return x509.OtherName(oid, encode_tlv(0x0C, text.encode()))


def attribute_names(identity: Identity) -> list[x509.GeneralName]:
    """The four attributes as they appear in the signature certificate's subjectAltName."""
    birth = era_code(identity.birth_date) + identity.birth_date.strftime("%Y%m%d")
    return [
        _utf8_other_name(oids.NAME, identity.name),
        _utf8_other_name(oids.SEX, identity.sex),
        _utf8_other_name(oids.BIRTH_DATE, birth),
        _utf8_other_name(oids.ADDRESS, identity.address),
    ]


def build_end_entity(
    purpose: str,
    identity: Identity,
    public: rsa.RSAPublicKey,
    ca_cert: x509.Certificate,
    ca_key: rsa.RSAPrivateKey,
    validity: tuple[datetime, datetime],
) -> x509.Certificate:
    """The holder's user-authentication (``auth``) or signature (``sign``) certificate."""
    # The real subject DN is unconfirmed; the auth certificate's CN is an opaque identifier.
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.COMMON_NAME, secrets.token_hex(8).upper()),
        ]
    )
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(validity[0])
        .not_valid_after(validity[1])
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    if purpose == AUTH:
        usage = _key_usage(signature=True)
        policy = oids.POLICY_AUTHENTICATION
    else:
        usage = _key_usage(signature=True, non_repudiation=True)
        policy = oids.POLICY_SIGNATURE
        builder = builder.add_extension(
            x509.SubjectAlternativeName(attribute_names(identity)), critical=False
        )
    builder = builder.add_extension(usage, critical=True).add_extension(
        x509.CertificatePolicies([x509.PolicyInformation(policy, None)]), critical=False
    )
    return builder.sign(ca_key, hashes.SHA256())


def build_crl(
    ca_cert: x509.Certificate,
    ca_key: rsa.RSAPrivateKey,
    revoked_serials: list[int],
    now: datetime,
) -> x509.CertificateRevocationList:
    """A CRL valid for a year (a test CA has no publication schedule)."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=365))
    )
    for serial in revoked_serials:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(now - timedelta(minutes=5))
            .build()
        )
    return builder.sign(ca_key, hashes.SHA256())
