"""The session cookie, encrypted as well as signed (security review L3).

Flask's cookie is only signed: anyone holding it can base64-decode the anonymous answers kept
there (date of birth, end of the period of stay, NHI eligibility). Here the payload is
encrypted with AES-GCM under a key derived from the data key (`FieldCipher.derive`), then
signed and timestamped by Flask as before, so the 8-hour idle expiry still works.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.sessions import session_json_serializer as tagged_json
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.storage.crypto import DecryptionError, FieldCipher

CONTEXT = b"session.cookie"


class EncryptedJSON:
    """The serializer itsdangerous calls: Flask's tagged JSON, then AES-GCM."""

    def __init__(self, cipher: FieldCipher) -> None:
        self._cipher = cipher

    def dumps(self, value: Any) -> bytes:
        return self._cipher.encrypt(tagged_json.dumps(value).encode(), context=CONTEXT)

    def loads(self, data: bytes) -> Any:
        try:
            return tagged_json.loads(self._cipher.decrypt(data, context=CONTEXT).decode())
        except DecryptionError as error:
            # A cookie from before this change or another key: Flask starts an empty session.
            raise BadSignature("the session cookie could not be decrypted") from error


class _CookieSerializer(URLSafeTimedSerializer):
    """Signs the encrypted bytes; answers text, as Flask's cookie code expects."""

    def dumps(self, obj: Any, salt: str | bytes | None = None) -> str:
        value = super().dumps(obj, salt)
        return value.decode("ascii") if isinstance(value, bytes) else value


class EncryptedCookieSessionInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        # Same keys as Flask's own interface: the current key last, fallbacks first.
        keys = [*(app.config["SECRET_KEY_FALLBACKS"] or []), app.secret_key]
        return _CookieSerializer(
            keys,
            salt=self.salt,
            serializer=EncryptedJSON(app.extensions["myna_cookie_cipher"]),
            signer_kwargs={
                "key_derivation": self.key_derivation,
                "digest_method": self.digest_method,
            },
        )


def init_app(app: Flask) -> None:
    app.extensions["myna_cookie_cipher"] = app.extensions["myna_cipher"].derive(CONTEXT)
    app.session_interface = EncryptedCookieSessionInterface()
