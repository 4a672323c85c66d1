"""AES-GCM encryption for personal fields and files kept at rest.

Each value is bound to where it is kept (the `context`, e.g. ``b"users.display_name"``) as
associated data, so a ciphertext copied into another column does not decrypt.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_VERSION = b"\x01"
_NONCE_BYTES = 12


class DecryptionError(ValueError):
    """The stored value was altered, or was written with another key or context."""


class FieldCipher:
    """Encrypts and decrypts values with one 256-bit key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the data key must be 32 bytes")
        self._aead = AESGCM(key)
        self._key = key

    def derive(self, purpose: bytes) -> FieldCipher:
        """A cipher with its own key for another use (HKDF-SHA256 of this key and `purpose`),
        so one configured key serves several uses without one use's ciphertext fitting another."""
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"myna-guide " + purpose)
        return FieldCipher(hkdf.derive(self._key))

    def encrypt(self, plaintext: bytes, *, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context)

    def decrypt(self, token: bytes, *, context: bytes) -> bytes:
        if token[:1] != _VERSION or len(token) < 1 + _NONCE_BYTES + 16:
            raise DecryptionError("not a value this application encrypted")
        nonce = token[1 : 1 + _NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, token[1 + _NONCE_BYTES :], context)
        except Exception as exc:  # InvalidTag: tampered, wrong key or wrong context
            raise DecryptionError("the value could not be decrypted") from exc

    def encrypt_text(self, text: str, *, context: bytes) -> bytes:
        return self.encrypt(text.encode("utf-8"), context=context)

    def decrypt_text(self, token: bytes, *, context: bytes) -> str:
        return self.decrypt(token, context=context).decode("utf-8")


def parse_key(encoded: str) -> bytes:
    """Decode a base64url key as given in `MYNA_DATA_KEY`."""
    padded = encoded.strip() + "=" * (-len(encoded.strip()) % 4)
    key = base64.urlsafe_b64decode(padded)
    if len(key) != 32:
        raise ValueError("MYNA_DATA_KEY must be 32 bytes, base64url-encoded")
    return key


def load_or_create_key_file(path: Path) -> bytes:
    """Read the instance key file, creating it (mode 0600) on first use."""
    if path.exists():
        return parse_key(path.read_text())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(base64.urlsafe_b64encode(key).decode("ascii"))
    return key
