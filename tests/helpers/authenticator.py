"""A software passkey authenticator, so the tests can run real WebAuthn ceremonies.

It builds the responses a browser would send (fmt "none" attestation, ES256 keys) from the
options the server returns, the way Chromium's virtual authenticator does in the e2e tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url, encode_cbor

FLAG_USER_PRESENT = 0x01
FLAG_USER_VERIFIED = 0x04
FLAG_ATTESTED = 0x40


@dataclass
class StoredKey:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    user_handle: bytes
    rp_id: str
    sign_count: int = 0


@dataclass
class SoftAuthenticator:
    origin: str = "https://localhost"
    keys: list[StoredKey] = field(default_factory=list)

    def create(self, options_json: str) -> str:
        """Answer `navigator.credentials.create()` options with a registration response."""
        options = json.loads(options_json)
        rp_id = options["rp"]["id"]
        key = StoredKey(
            credential_id=os.urandom(16),
            private_key=ec.generate_private_key(ec.SECP256R1()),
            user_handle=base64url_to_bytes(options["user"]["id"]),
            rp_id=rp_id,
        )
        self.keys.append(key)
        numbers = key.private_key.public_key().public_numbers()
        cose_key = {
            1: 2,  # kty: EC2
            3: -7,  # alg: ES256
            -1: 1,  # crv: P-256
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }
        attested = (
            bytes(16)  # AAGUID
            + struct.pack(">H", len(key.credential_id))
            + key.credential_id
            + encode_cbor(cose_key)
        )
        auth_data = self._auth_data(rp_id, FLAG_ATTESTED, 0) + attested
        attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"])
        return json.dumps(
            {
                "id": bytes_to_base64url(key.credential_id),
                "rawId": bytes_to_base64url(key.credential_id),
                "type": "public-key",
                "clientExtensionResults": {},
                "response": {
                    "clientDataJSON": bytes_to_base64url(client_data),
                    "attestationObject": bytes_to_base64url(attestation),
                    "transports": ["internal"],
                },
            }
        )

    def get(self, options_json: str, *, key: StoredKey | None = None) -> str:
        """Answer `navigator.credentials.get()` options with an assertion."""
        options = json.loads(options_json)
        key = key or self.keys[-1]
        key.sign_count += 1
        auth_data = self._auth_data(options["rpId"], 0, key.sign_count)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = key.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return json.dumps(
            {
                "id": bytes_to_base64url(key.credential_id),
                "rawId": bytes_to_base64url(key.credential_id),
                "type": "public-key",
                "clientExtensionResults": {},
                "response": {
                    "clientDataJSON": bytes_to_base64url(client_data),
                    "authenticatorData": bytes_to_base64url(auth_data),
                    "signature": bytes_to_base64url(signature),
                    "userHandle": bytes_to_base64url(key.user_handle),
                },
            }
        )

    def _auth_data(self, rp_id: str, extra_flags: int, sign_count: int) -> bytes:
        flags = FLAG_USER_PRESENT | FLAG_USER_VERIFIED | extra_flags
        return (
            hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", sign_count)
        )

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()
