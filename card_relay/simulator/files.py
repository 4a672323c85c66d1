"""The simulated card's file system: applications (DFs) holding binary, PIN and key EFs."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

from card_relay.digest import SHA256_DIGESTINFO_PREFIX

SIGNATURE_BLOCK = 256  # RSA-2048
MAX_SIGN_INPUT = SIGNATURE_BLOCK - 11  # PKCS#1 v1.5 needs 8 bytes of padding and 3 markers


@dataclass
class BinaryFile:
    """A transparent EF. ``needs`` lists PIN EFs of which any one opens it (empty = free)."""

    data: bytes
    needs: frozenset[int] = frozenset()


@dataclass
class PinFile:
    """A PIN key reference with its retry counter; the counter survives resets, as on a card."""

    secret: bytes
    max_tries: int
    tries_left: int = -1

    def __post_init__(self) -> None:
        if self.tries_left < 0:
            self.tries_left = self.max_tries

    @property
    def blocked(self) -> bool:
        return self.tries_left == 0

    def check(self, candidate: bytes) -> bool:
        """Compare and update the counter: a success restores it, a failure spends one try."""
        if hmac.compare_digest(candidate, self.secret):
            self.tries_left = self.max_tries
            return True
        self.tries_left -= 1
        return False


@dataclass
class KeyFile:
    """A private key EF; signing needs any one of the PIN EFs in ``needs`` verified."""

    key: rsa.RSAPrivateKey
    needs: frozenset[int]

    def sign_raw(self, data: bytes) -> bytes:
        """PKCS#1 v1.5 type-1 pad ``data`` on the card, then apply the raw RSA private operation.

        This is what ``80 2A 00 80`` does: the card does not look inside the bytes (a DigestInfo
        from the host), it only pads them, so the host's hash choice is the host's business.
        """
        if not 1 <= len(data) <= MAX_SIGN_INPUT:
            raise ValueError("signature input must be 1..245 bytes")
        if len(data) == len(SHA256_DIGESTINFO_PREFIX) + 32 and data.startswith(
            SHA256_DIGESTINFO_PREFIX
        ):
            # Same bytes as the padding below (PKCS#1 v1.5 is deterministic), computed by
            # OpenSSL instead of Python integers: about ten times faster.
            digest = data[len(SHA256_DIGESTINFO_PREFIX) :]
            return self.key.sign(digest, padding.PKCS1v15(), Prehashed(hashes.SHA256()))
        return self.raw_rsa(data)

    def raw_rsa(self, data: bytes) -> bytes:
        """Pad with ``00 01 FF.. 00`` and exponentiate; works for any 1..245 input bytes."""
        padded = b"\x00\x01" + b"\xff" * (SIGNATURE_BLOCK - 3 - len(data)) + b"\x00" + data
        numbers = self.key.private_numbers()
        m = int.from_bytes(padded, "big")
        # Chinese remainder theorem: about four times faster than pow(m, d, n).
        s1 = pow(m, numbers.dmp1, numbers.p)
        s2 = pow(m, numbers.dmq1, numbers.q)
        h = (numbers.iqmp * (s1 - s2)) % numbers.p
        return (s2 + h * numbers.q).to_bytes(SIGNATURE_BLOCK, "big")


EF = BinaryFile | PinFile | KeyFile


@dataclass
class Application:
    """A DF selected by AID; ``name`` is for logs and the simulator's access record."""

    name: str
    aid: bytes
    files: dict[int, EF] = field(default_factory=dict)
