"""The session cookie, encrypted as well as signed (security review L3).

Flask's cookie is only signed: anyone holding it can base64-decode the anonymous answers kept
there (date of birth, end of the period of stay, NHI eligibility). Here the payload is
encrypted with AES-GCM under a key derived from the data key (`FieldCipher.derive`), then
signed and timestamped by Flask as before, so the 8-hour idle expiry still works.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask.sessions import session_json_serializer as tagged_json
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.storage.crypto import DecryptionError, FieldCipher

CONTEXT = b"session.cookie"
# An unchanged session's cookie is re-signed (its idle timer restarted) at most this often.
REFRESH_AFTER = 60


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


class TimedSession(SecureCookieSession):
    """The session, knowing when its cookie was last signed (None for a new session)."""

    signed_at: float | None = None


class EncryptedCookieSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session, encrypted; built for the request path's cost.

    The serializer is built once per app and key set (building one encrypts a probe value),
    and an unchanged session's cookie is re-signed at most every `REFRESH_AFTER` seconds
    instead of on every response: the idle expiry stays 8 hours, give or take that.
    """

    session_class = TimedSession

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        # Same keys as Flask's own interface: the current key last, fallbacks first.
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or []), app.secret_key)
        cached = app.extensions.get("myna_cookie_serializer")
        if cached is None or cached[0] != keys:
            serializer = _CookieSerializer(
                list(keys),
                salt=self.salt,
                serializer=EncryptedJSON(app.extensions["myna_cookie_cipher"]),
                signer_kwargs={
                    "key_derivation": self.key_derivation,
                    "digest_method": self.digest_method,
                },
            )
            cached = app.extensions["myna_cookie_serializer"] = (keys, serializer)
        return cached[1]

    def open_session(self, app: Flask, request: Request) -> TimedSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        opened = self.session_class(data)
        opened.signed_at = signed.timestamp()
        return opened

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or time.time() - signed_at >= REFRESH_AFTER


def init_app(app: Flask) -> None:
    app.extensions["myna_cookie_cipher"] = app.extensions["myna_cipher"].derive(CONTEXT)
    app.session_interface = EncryptedCookieSessionInterface()
