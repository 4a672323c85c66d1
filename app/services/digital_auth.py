"""The Digital Authentication App (デジタル認証アプリ) route: our OpenID Connect client.

Authlib does the protocol (authorization URL with PKCE S256, ``private_key_jwt`` client
authentication, the code and client-credentials grants) and joserfc, by the same author and
Authlib's own JOSE layer, the ID-token checks (ES256 only, the provider's JWKS): well-kept
libraries used by many relying parties, rather than hand-written JWT handling. The same code
talks to the real service or to the stand-in (app/services/digital_auth_standin.py); only the
configuration differs (docs/digital-auth-app.md):

- ``DIGITAL_AUTH_ISSUER``: the provider's issuer URL (discovery at
  ``<issuer>/.well-known/openid-configuration``); unset = the stand-in, only where the test CA
  may be used (tests, localhost);
- ``DIGITAL_AUTH_CLIENT_ID`` and ``DIGITAL_AUTH_CLIENT_KEY`` (PEM file of the EC P-256 key
  whose public half was registered with the Digital Agency);
- ``DIGITAL_AUTH_SIGN_TRANSACTIONS_URL``: where sign transactions are created, when discovery
  does not say (default ``<issuer>/api/sign-transactions``).
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import Flask, current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet

TIMEOUT = 15
STANDIN_PATH = "/standin/digital-auth"
STANDIN_CLIENT_ID = "myna-guide-standin"
ID_TOKEN_ALGS = ["ES256"]


class DigitalAuthError(Exception):
    """The provider refused, or its answer failed a check; ``reason`` is a short code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    private_key: str  # PEM
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    sign_transactions: str
    standin: bool


def standin_allowed(app: Flask) -> bool:
    """The stand-in only where the test CA is trusted too (relay_trust): never a real domain."""
    return bool(app.config.get("TESTING") or app.config["RP_ID"] == "localhost")


def available(app: Flask) -> bool:
    """Whether the card step may offer this route: configured, or the stand-in allowed."""
    return bool(app.config.get("DIGITAL_AUTH_ISSUER")) or standin_allowed(app)


def provider(origin: str) -> Provider:
    """The configured provider (discovery is fetched once per app), or the stand-in here."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached: Provider | None = app.extensions.get("digital_auth_provider")
    if cached is not None:
        return cached
    config = app.config
    issuer = config.get("DIGITAL_AUTH_ISSUER")
    if issuer:
        with open(config["DIGITAL_AUTH_CLIENT_KEY"], encoding="ascii") as handle:
            key = handle.read()
        client_id = str(config["DIGITAL_AUTH_CLIENT_ID"])
    elif standin_allowed(app):
        issuer = origin + STANDIN_PATH
        key = standin_client_key(app)
        client_id = STANDIN_CLIENT_ID
    else:
        raise DigitalAuthError("NOT_CONFIGURED")
    answer = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=TIMEOUT)
    answer.raise_for_status()
    meta = answer.json()
    if meta.get("issuer") != issuer:
        raise DigitalAuthError("WRONG_ISSUER")  # OIDC Discovery §4.3
    found = Provider(
        issuer=issuer,
        client_id=client_id,
        private_key=key,
        authorization_endpoint=meta["authorization_endpoint"],
        token_endpoint=meta["token_endpoint"],
        jwks_uri=meta["jwks_uri"],
        sign_transactions=config.get("DIGITAL_AUTH_SIGN_TRANSACTIONS_URL")
        or meta.get("sign_transactions_endpoint")
        or f"{issuer}/api/sign-transactions",
        standin=not config.get("DIGITAL_AUTH_ISSUER"),
    )
    app.extensions["digital_auth_provider"] = found
    return found


def standin_client_key(app: Flask) -> str:
    """The key this installation uses with the stand-in (made once per process)."""
    key = app.extensions.get("digital_auth_standin_client_key")
    if key is None:
        key = ECKey.generate_key("P-256", private=True).as_pem(private=True).decode()
        app.extensions["digital_auth_standin_client_key"] = key
    return str(key)


def _session(found: Provider, redirect_uri: str, scope: str) -> OAuth2Session:
    session = OAuth2Session(
        found.client_id,
        ECKey.import_key(found.private_key),  # a key object: Authlib would read a PEM as RSA
        scope=scope,
        redirect_uri=redirect_uri,
        token_endpoint_auth_method=PrivateKeyJWT(found.token_endpoint, alg="ES256"),
        code_challenge_method="S256",
    )
    return session


@dataclass(frozen=True)
class Flow:
    """What the browser session keeps between the redirect and the callback (nothing personal)."""

    url: str
    state: str
    nonce: str
    verifier: str
    sign_transaction_id: str | None


def begin(found: Provider, redirect_uri: str, scopes: list[str], digest: bytes | None) -> Flow:
    """The authorization URL; for signing, first a sign transaction holding the digest."""
    transaction = create_sign_transaction(found, digest) if digest is not None else None
    scope = " ".join(["openid", *scopes, *(["sign"] if transaction else [])])
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    extra = {"sign_transaction_id": transaction} if transaction else {}
    url, _ = _session(found, redirect_uri, scope).create_authorization_url(
        found.authorization_endpoint, state=state, nonce=nonce, code_verifier=verifier, **extra
    )
    return Flow(url, state, nonce, verifier, transaction)


def create_sign_transaction(found: Provider, digest: bytes) -> str:
    """Client-credentials token, then the transaction with the SHA-256 of the document."""
    session = _session(found, "", "sign")
    try:
        session.fetch_token(found.token_endpoint, grant_type="client_credentials", scope="sign")
        answer = session.post(
            found.sign_transactions,
            json={"hash": base64.b64encode(digest).decode(), "hash_algorithm": "SHA-256"},
            timeout=TIMEOUT,
        )
        answer.raise_for_status()
        return str(answer.json()["id"])
    except (requests.RequestException, KeyError, ValueError) as error:
        raise DigitalAuthError("SIGN_TRANSACTION_REFUSED") from error


@dataclass(frozen=True)
class Result:
    claims: dict[str, Any]  # the validated ID token
    signature: bytes | None = None
    certificate: bytes | None = None


def finish(found: Provider, redirect_uri: str, flow: Flow, code: str) -> Result:
    """Exchange the code (PKCE, private_key_jwt), validate the ID token, fetch the signature."""
    session = _session(found, redirect_uri, "")
    try:
        token = session.fetch_token(
            found.token_endpoint,
            grant_type="authorization_code",
            code=code,
            code_verifier=flow.verifier,
        )
    except Exception as error:  # Authlib raises OAuthError; requests its own
        raise DigitalAuthError("TOKEN_REFUSED") from error
    claims = validate_id_token(found, str(token.get("id_token", "")), flow.nonce)
    if flow.sign_transaction_id is None:
        return Result(claims)
    try:
        answer = session.get(
            f"{found.sign_transactions}/{flow.sign_transaction_id}/result", timeout=TIMEOUT
        )
        answer.raise_for_status()
        body = answer.json()
        return Result(
            claims,
            base64.b64decode(body["signature"], validate=True),
            base64.b64decode(body["certificate"], validate=True),
        )
    except (requests.RequestException, KeyError, ValueError) as error:
        raise DigitalAuthError("NO_SIGNATURE") from error


def validate_id_token(found: Provider, id_token: str, nonce: str) -> dict[str, Any]:
    """Signature (ES256 only, the provider's JWKS), iss, aud, exp/iat, nonce (OIDC Core
    §3.1.3.7)."""
    try:
        keys = KeySet.import_key_set(requests.get(found.jwks_uri, timeout=TIMEOUT).json())
        token = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGS)
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": found.issuer},
            aud={"essential": True, "value": found.client_id},
            nonce={"essential": True, "value": nonce},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
        ).validate(token.claims)
    except (JoseError, requests.RequestException, ValueError) as error:
        raise DigitalAuthError("ID_TOKEN_INVALID") from error
    return dict(token.claims)
