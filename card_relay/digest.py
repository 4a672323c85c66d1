"""The bytes the card signs: SHA-256 DigestInfo and the origin-bound authentication digest.

Shared by the agent (which builds what the card signs) and ``verify`` (which rebuilds it), so
the two can never disagree about the construction.
"""

from __future__ import annotations

import hashlib

SHA256_DIGESTINFO_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def sha256_digest_info(digest: bytes) -> bytes:
    """Wrap a 32-byte SHA-256 digest in a DER DigestInfo; the card pads it with PKCS#1 v1.5."""
    if len(digest) != 32:
        raise ValueError(f"a SHA-256 digest is 32 bytes, got {len(digest)}")
    return SHA256_DIGESTINFO_PREFIX + digest


def authentication_message(origin: str, challenge: bytes) -> bytes:
    """``SHA-256(origin) || SHA-256(challenge)``: what an authentication signs (Web eID style)."""
    return hashlib.sha256(origin.encode()).digest() + hashlib.sha256(challenge).digest()


def authentication_digest(origin: str, challenge: bytes) -> bytes:
    """SHA-256 of :func:`authentication_message`; the card signs its DigestInfo (RS256)."""
    return hashlib.sha256(authentication_message(origin, challenge)).digest()
