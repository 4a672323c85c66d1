"""The ID-token checks of the Digital Authentication App client (OIDC Core §3.1.3.7): a token
that is not for us, not from the provider, not for this sign-in, expired, or signed otherwise
than ES256 with the provider's key is refused."""

from __future__ import annotations

import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OctKey

from app.services import digital_auth
from app.services.digital_auth import DigitalAuthError, Provider

ISSUER = "https://auth.example.jp"
PROVIDER_KEY = ECKey.generate_key("P-256", parameters={"kid": "p1"}, private=True)
OTHER_KEY = ECKey.generate_key("P-256", parameters={"kid": "p1"}, private=True)
FOUND = Provider(
    issuer=ISSUER,
    client_id="rp-1",
    private_key="",
    authorization_endpoint=f"{ISSUER}/auth",
    token_endpoint=f"{ISSUER}/token",
    jwks_uri=f"{ISSUER}/certs",
    sign_transactions=f"{ISSUER}/api/sign-transactions",
    standin=False,
)


class FakeJwks:
    def json(self) -> dict[str, Any]:
        return {"keys": [PROVIDER_KEY.as_dict(private=False)]}


@pytest.fixture(autouse=True)
def provider_jwks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digital_auth.requests, "get", lambda url, timeout: FakeJwks())


def token(key: Any = PROVIDER_KEY, alg: str = "ES256", **changes: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": "rp-1",
        "sub": "abc",
        "nonce": "n-1",
        "iat": now,
        "exp": now + 300,
    }
    claims.update(changes)
    return jwt.encode(
        {"alg": alg, "kid": "p1"}, {k: v for k, v in claims.items() if v is not None}, key
    )


def test_the_providers_token_for_this_sign_in_is_accepted() -> None:
    assert digital_auth.validate_id_token(FOUND, token(), "n-1")["sub"] == "abc"


@pytest.mark.parametrize(
    "bad",
    [
        {"nonce": "n-2"},  # another sign-in's token, replayed
        {"aud": "another-rp"},  # issued to another service
        {"iss": "https://evil.example"},
        {"exp": int(time.time()) - 600},
        {"sub": None},
        {"key": OTHER_KEY},  # not signed by the provider
    ],
    ids=["nonce", "aud", "iss", "expired", "no-sub", "other-key"],
)
def test_a_token_failing_a_check_is_refused(bad: dict[str, Any]) -> None:
    key = bad.pop("key", PROVIDER_KEY)
    with pytest.raises(DigitalAuthError) as refused:
        digital_auth.validate_id_token(FOUND, token(key, **bad), "n-1")
    assert refused.value.reason == "ID_TOKEN_INVALID"


def test_only_es256_is_accepted() -> None:
    symmetric = OctKey.generate_key(256)
    forged = jwt.encode({"alg": "HS256"}, {"iss": ISSUER, "aud": "rp-1", "nonce": "n-1"}, symmetric)
    with pytest.raises(DigitalAuthError):
        digital_auth.validate_id_token(FOUND, forged, "n-1")
