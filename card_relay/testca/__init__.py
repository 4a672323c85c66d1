"""A throw-away J-LIS-like CA on disk, shared by the simulated card and the verifying server.

Both processes call :func:`load_or_create` on the same directory (``CARD_RELAY_TESTCA_DIR``, or
:func:`default_dir`): the first call generates RSA keys (slow) and later calls load them, so the
simulator's certificates always chain to the CA certificates the server trusts.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from card_relay.testca import profile
from card_relay.testca.identity import DEFAULT, Identity

ENV_DIR = "CARD_RELAY_TESTCA_DIR"
PURPOSES = (profile.AUTH, profile.SIGN)
CRL_REFRESH_MARGIN = timedelta(days=30)


def default_dir() -> Path:
    """``$CARD_RELAY_TESTCA_DIR``, else a per-user cache dir, so every process finds the same CA."""
    if env := os.environ.get(ENV_DIR):
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "myna-guide" / "testca"


def variants() -> list[Identity]:
    """The default holder plus the broken variants tests and demos need."""
    return [
        DEFAULT,
        replace(
            DEFAULT,
            id="expired",
            valid_from=datetime(2015, 1, 1, tzinfo=UTC),
            valid_until=datetime(2020, 1, 1, tzinfo=UTC),
        ),
        replace(
            DEFAULT,
            id="not-yet-valid",
            valid_from=datetime(2090, 1, 1, tzinfo=UTC),
            valid_until=datetime(2095, 1, 1, tzinfo=UTC),
        ),
        replace(DEFAULT, id="revoked", revoked=True),
    ]


@dataclass(frozen=True)
class IssuedIdentity:
    """An identity with its two key pairs and certificates, ready to put on a simulated card."""

    identity: Identity
    auth_key: rsa.RSAPrivateKey
    auth_cert: x509.Certificate
    sign_key: rsa.RSAPrivateKey
    sign_cert: x509.Certificate
    auth_ca_cert: x509.Certificate
    sign_ca_cert: x509.Certificate


@dataclass(frozen=True)
class TestCa:
    """The two roots (user authentication, signature), their keys and CRLs, in ``directory``."""

    __test__ = False  # not a pytest test class despite the name

    directory: Path
    ca_certs: dict[str, x509.Certificate]
    ca_keys: dict[str, rsa.RSAPrivateKey]

    @property
    def auth_ca_path(self) -> Path:
        return self.directory / "auth-ca.pem"

    @property
    def sign_ca_path(self) -> Path:
        return self.directory / "sign-ca.pem"

    def crl_path(self, purpose: str) -> Path:
        return self.directory / f"{purpose}-ca.crl"

    def issue(self, identity: Identity = DEFAULT) -> IssuedIdentity:
        """Keys and certificates for ``identity``, generated once and cached on disk."""
        with _locked(self.directory):
            folder = (
                self.directory / "issued" / f"{identity.id}-{identity.certificate_fingerprint()}"
            )
            if not (folder / "sign.pem").exists():
                self._generate(identity, folder)
            keys = {p: _read_key(folder / f"{p}-key.pem") for p in PURPOSES}
            certs = {p: _read_cert(folder / f"{p}.pem") for p in PURPOSES}
        return IssuedIdentity(
            identity,
            keys[profile.AUTH],
            certs[profile.AUTH],
            keys[profile.SIGN],
            certs[profile.SIGN],
            self.ca_certs[profile.AUTH],
            self.ca_certs[profile.SIGN],
        )

    def _generate(self, identity: Identity, folder: Path) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        start = identity.valid_from or now - timedelta(days=1)
        end = identity.valid_until or start + timedelta(days=5 * 365)
        tmp = folder.with_suffix(".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        for purpose in PURPOSES:
            key = profile.new_key()
            cert = profile.build_end_entity(
                purpose,
                identity,
                key.public_key(),
                self.ca_certs[purpose],
                self.ca_keys[purpose],
                (start, end),
            )
            _write_key(tmp / f"{purpose}-key.pem", key)
            _write_cert(tmp / f"{purpose}.pem", cert)
            if identity.revoked:
                self._revoke(purpose, cert.serial_number)
        tmp.rename(folder)

    def _revoke(self, purpose: str, serial: int) -> None:
        revoked = self.revoked_serials()
        revoked[purpose].append(serial)
        (self.directory / "revoked.json").write_text(json.dumps(revoked))
        self._write_crl(purpose, revoked[purpose])

    def revoked_serials(self) -> dict[str, list[int]]:
        path = self.directory / "revoked.json"
        data = json.loads(path.read_text()) if path.exists() else {}
        return {p: list(data.get(p, [])) for p in PURPOSES}

    def _write_crl(self, purpose: str, serials: list[int]) -> None:
        crl = profile.build_crl(
            self.ca_certs[purpose], self.ca_keys[purpose], serials, datetime.now(UTC)
        )
        _atomic_write(self.crl_path(purpose), crl.public_bytes(serialization.Encoding.PEM))

    def crl(self, purpose: str) -> x509.CertificateRevocationList:
        return x509.load_pem_x509_crl(self.crl_path(purpose).read_bytes())


def load_or_create(directory: Path | None = None) -> TestCa:
    """Load the test CA from ``directory`` (default :func:`default_dir`), creating it if absent.

    Safe to call from several processes at once: creation happens under a file lock.
    """
    directory = directory or default_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with _locked(directory):
        certs: dict[str, x509.Certificate] = {}
        keys: dict[str, rsa.RSAPrivateKey] = {}
        now = datetime.now(UTC)
        for purpose in PURPOSES:
            key_path = directory / f"{purpose}-ca-key.pem"
            cert_path = directory / f"{purpose}-ca.pem"
            if not cert_path.exists():
                key = profile.new_key()
                _write_key(key_path, key)
                _write_cert(cert_path, profile.build_ca(purpose, key, now))
            keys[purpose] = _read_key(key_path)
            certs[purpose] = _read_cert(cert_path)
        ca = TestCa(directory, certs, keys)
        revoked = ca.revoked_serials()
        for purpose in PURPOSES:
            path = ca.crl_path(purpose)
            stale = (
                not path.exists() or ca.crl(purpose).next_update_utc - now < CRL_REFRESH_MARGIN  # type: ignore[operator]
            )
            if stale:
                ca._write_crl(purpose, revoked[purpose])
    return ca


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    with open(directory / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _atomic_write(path: Path, data: bytes, mode: int = 0o644) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.chmod(mode)
    tmp.replace(path)


def _write_key(path: Path, key: rsa.RSAPrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _atomic_write(path, pem, 0o600)


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    _atomic_write(path, cert.public_bytes(serialization.Encoding.PEM))


def _read_key(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError(f"{path} is not an RSA key")
    return key


def _read_cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())
