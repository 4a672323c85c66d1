"""A STAND-IN for the Digital Agency's Digital Authentication App (デジタル認証アプリ) and its
server, for tests and the `make run` installation only — never the real service.

It behaves like the published API as far as the public documents go (see
docs/digital-auth-app.md): OpenID Connect authorization code flow with PKCE (S256 required),
``state`` and ``nonce`` required, client authentication by ``private_key_jwt``, ES256 ID
tokens, scopes ``openid name address birthdate gender sign``, and sign transactions created
with a client-credentials token and read back with the user's access token. Behind it is the
simulated My Number Card issued by the test CA: the PIN the resident types goes to that card,
and signatures come from it, so the relying party's checks run on real card results.

State lives in this process's memory (requests, codes, tokens, transactions): a stand-in for
one process, which is what `make run` and the tests are. Everything expires after 10 minutes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from card_relay import operations
from card_relay.errors import CardError
from card_relay.jpki import JpkiCard
from card_relay.simulator import SimulatedCard
from card_relay.verify import TrustConfig, VerificationError, verify_authentication, verify_signing
from card_relay.virtual import VirtualTransport

LIFETIME = 600
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
BASIC_FOUR = ("name", "address", "birthdate", "gender")
SCOPES = ("openid", *BASIC_FOUR, "sign")


class StandInError(Exception):
    """An OAuth error answer: ``error`` is the RFC 6749 / OIDC code."""

    def __init__(self, error: str, status: int = 400) -> None:
        super().__init__(error)
        self.error = error
        self.status = status


@dataclass
class AuthRequest:
    """One authorization request, from the page that shows it to the code it ends in."""

    id: str
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str
    nonce: str
    code_challenge: str
    sign_transaction_id: str | None
    created: float = field(default_factory=time.monotonic)
    claims: dict[str, Any] | None = None  # set once the card was read
    code: str | None = None
    error: str | None = None

    @property
    def wants_signature_pin(self) -> bool:
        """The basic four come from the signature certificate, as on the card; signing needs
        it too. Only a plain sign-in uses the 4-digit user-authentication PIN."""
        return any(s in self.scopes for s in (*BASIC_FOUR, "sign"))


@dataclass
class SignTransaction:
    id: str
    client_id: str
    digest: bytes
    created: float = field(default_factory=time.monotonic)
    result: dict[str, str] | None = None


@dataclass
class Token:
    client_id: str
    subject: str | None  # None for a client-credentials token
    scopes: tuple[str, ...]
    sign_transaction_id: str | None
    created: float = field(default_factory=time.monotonic)


class StandInProvider:
    """The provider's state and rules; `app/routes/digital_auth_standin.py` is its HTTP side."""

    def __init__(self, issuer: str, card: SimulatedCard, trust: TrustConfig) -> None:
        self.issuer = issuer
        self.card = card
        self.trust = trust
        self.key = ECKey.generate_key("P-256", parameters={"kid": "standin-1"}, private=True)
        self.clients: dict[str, dict[str, Any]] = {}  # client_id -> {redirect_uris, jwk}
        self._requests: dict[str, AuthRequest] = {}
        self._codes: dict[str, str] = {}
        self._tokens: dict[str, Token] = {}
        self._transactions: dict[str, SignTransaction] = {}
        self._lock = threading.Lock()
        self._card_lock = threading.Lock()

    # --- registration and discovery ---------------------------------------------------------
    def register_client(
        self, client_id: str, redirect_uris: list[str], public_jwk: dict[str, Any]
    ) -> None:
        self.clients[client_id] = {"redirect_uris": redirect_uris, "jwk": public_jwk}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [{**self.key.as_dict(private=False), "use": "sig", "alg": "ES256"}]}

    def discovery(self, base: str) -> dict[str, Any]:
        oidc = f"{base}/protocol/openid-connect"
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{oidc}/auth",
            "token_endpoint": f"{oidc}/token",
            "userinfo_endpoint": f"{oidc}/userinfo",
            "jwks_uri": f"{oidc}/certs",
            "sign_transactions_endpoint": f"{base}/api/sign-transactions",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "scopes_supported": list(SCOPES),
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "subject_types_supported": ["pairwise"],
        }

    # --- the authorization request ----------------------------------------------------------
    def open_request(self, args: dict[str, str]) -> AuthRequest:
        """Check the authorization request as the published API requires; keep it."""
        client = self.clients.get(args.get("client_id", ""))
        if client is None or args.get("redirect_uri") not in client["redirect_uris"]:
            raise StandInError("invalid_client")  # never redirect to an unknown address
        if args.get("response_type") != "code":
            raise StandInError("unsupported_response_type")
        scopes = tuple(args.get("scope", "").split())
        if "openid" not in scopes or not set(scopes) <= set(SCOPES):
            raise StandInError("invalid_scope")
        for required in ("state", "nonce", "code_challenge"):
            if not args.get(required):
                raise StandInError("invalid_request")
        if args.get("code_challenge_method") != "S256":
            raise StandInError("invalid_request")
        transaction = args.get("sign_transaction_id") or None
        if ("sign" in scopes) != (transaction is not None):
            raise StandInError("invalid_request")
        request = AuthRequest(
            id=secrets.token_urlsafe(16),
            client_id=args["client_id"],
            redirect_uri=args["redirect_uri"],
            scopes=scopes,
            state=args["state"],
            nonce=args["nonce"],
            code_challenge=args["code_challenge"],
            sign_transaction_id=transaction,
        )
        if transaction is not None and self._transaction(transaction, request.client_id) is None:
            raise StandInError("invalid_request")
        with self._lock:
            self._expire()
            self._requests[request.id] = request
        return request

    def request(self, request_id: str) -> AuthRequest | None:
        with self._lock:
            self._expire()
            return self._requests.get(request_id)

    def transaction_digest(self, request: AuthRequest) -> bytes | None:
        if request.sign_transaction_id is None:
            return None
        found = self._transaction(request.sign_transaction_id, request.client_id)
        return found.digest if found else None

    def use_card(self, request: AuthRequest, pin: str) -> None:
        """What the app does with the card: verify the PIN, read, sign. A card error ends the
        request with ``access_denied`` (the relying party hears no more than that)."""
        try:
            with self._card_lock:
                claims = self._read_card(request, pin)
        except (CardError, VerificationError):
            request.error = "access_denied"
            return
        request.claims = claims
        request.code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[request.code] = request.id

    def cancel(self, request: AuthRequest) -> None:
        request.error = "access_denied"

    def _read_card(self, request: AuthRequest, pin: str) -> dict[str, Any]:
        card = JpkiCard(VirtualTransport(self.card, name="standin"))
        try:
            if not request.wants_signature_pin:
                challenge = secrets.token_bytes(32)
                auth = operations.run_authentication(card, pin, self.issuer, challenge)
                holder = verify_authentication(
                    certificate=auth.certificate,
                    signature=auth.signature,
                    origin=self.issuer,
                    challenge=challenge,
                    trust=self.trust,
                )
                serial = f"{holder.issuer}|{holder.serial}"
                return {
                    "sub": self._pairwise(request.client_id, serial),
                    "_not_after": holder.not_after,
                }
            digest = self.transaction_digest(request) or secrets.token_bytes(32)
            signed = operations.run_signature(card, pin, digest)
            signer = verify_signing(
                certificate=signed.certificate,
                signature=signed.signature,
                digest=digest,
                trust=self.trust,
            )
        finally:
            card.transport.close()
        if request.sign_transaction_id is not None:
            transaction = self._transaction(request.sign_transaction_id, request.client_id)
            if transaction is not None:
                transaction.result = {
                    "signature": base64.b64encode(signed.signature).decode(),
                    "certificate": base64.b64encode(signed.certificate).decode(),
                }
        claims: dict[str, Any] = {
            "sub": self._pairwise(request.client_id, f"{signer.issuer}|{signer.serial}"),
            "_not_after": signer.not_after,
        }
        if "name" in request.scopes:
            claims["name"] = signer.name
        if "address" in request.scopes:
            claims["address"] = {"formatted": signer.address}
        if "birthdate" in request.scopes:
            claims["birthdate"] = signer.birth_date.isoformat()
        if "gender" in request.scopes:
            claims["gender"] = {"1": "male", "2": "female"}.get(signer.sex, "other")
        return claims

    def _pairwise(self, client_id: str, certificate: str) -> str:
        """A per-client subject: one relying party cannot match its users with another's."""
        return hashlib.sha256(f"{client_id}|{certificate}".encode()).hexdigest()

    # --- the token endpoint -----------------------------------------------------------------
    def token(self, form: dict[str, str], token_url: str) -> dict[str, Any]:
        client_id = self._authenticate_client(form, token_url)
        grant = form.get("grant_type")
        if grant == "client_credentials":
            access = self._new_token(Token(client_id, None, ("sign",), None))
            return {"access_token": access, "token_type": "Bearer", "expires_in": LIFETIME}
        if grant != "authorization_code":
            raise StandInError("unsupported_grant_type")
        with self._lock:
            request_id = self._codes.pop(form.get("code", ""), None)  # a code works once
            request = self._requests.pop(request_id, None) if request_id else None
        if request is None or request.claims is None or request.client_id != client_id:
            raise StandInError("invalid_grant")
        if form.get("redirect_uri") != request.redirect_uri:
            raise StandInError("invalid_grant")
        verifier = form.get("code_verifier", "")
        expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
        if not secrets.compare_digest(expected.decode(), request.code_challenge):
            raise StandInError("invalid_grant")
        claims = {k: v for k, v in request.claims.items() if not k.startswith("_")}
        access = self._new_token(
            Token(client_id, claims["sub"], request.scopes, request.sign_transaction_id)
        )
        now = int(time.time())
        id_token = {
            "iss": self.issuer,
            "aud": client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            "nonce": request.nonce,
            "acr": "aal3",
            **claims,
        }
        not_after = request.claims.get("_not_after")
        if not_after is not None:
            # ASSUMPTION (docs/digital-auth-app.md): the expiry of the certificate used; the
            # published reference must be checked for the real claim's name.
            id_token["certificate_not_after"] = int(not_after.timestamp())
        header = {"alg": "ES256", "kid": self.key.kid}
        signed = jwt.encode(header, id_token, self.key)
        return {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": LIFETIME,
            "id_token": signed,
            "scope": " ".join(request.scopes),
        }

    def _authenticate_client(self, form: dict[str, str], token_url: str) -> str:
        """private_key_jwt (RFC 7523): a JWT signed with the client's registered key, for this
        token endpoint, short-lived, whose iss and sub are the client id."""
        if form.get("client_assertion_type") != JWT_BEARER:
            raise StandInError("invalid_client", 401)
        assertion = form.get("client_assertion", "")
        try:
            # The issuer names the key; only the verified claims are trusted after that.
            payload = assertion.split(".")[1]
            named = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            client_id = str(named["iss"])
            key = ECKey.import_key(self.clients[client_id]["jwk"])
            token = jwt.decode(assertion, key, algorithms=["ES256"])
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": client_id},
                sub={"essential": True, "value": client_id},
                aud={"essential": True, "values": [token_url, self.issuer]},
                exp={"essential": True},
            ).validate(token.claims)
        except (JoseError, KeyError, ValueError, IndexError):
            raise StandInError("invalid_client", 401) from None
        return client_id

    def _new_token(self, token: Token) -> str:
        value = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[value] = token
        return value

    def bearer(self, header: str) -> Token:
        scheme, _, value = header.partition(" ")
        with self._lock:
            self._expire()
            token = self._tokens.get(value.strip()) if scheme.lower() == "bearer" else None
        if token is None:
            raise StandInError("invalid_token", 401)
        return token

    # --- sign transactions ------------------------------------------------------------------
    def create_transaction(self, token: Token, body: dict[str, Any]) -> SignTransaction:
        if token.subject is not None or "sign" not in token.scopes:
            raise StandInError("insufficient_scope", 403)
        try:
            digest = base64.b64decode(str(body.get("hash", "")), validate=True)
        except ValueError:
            raise StandInError("invalid_request") from None
        if len(digest) != 32 or body.get("hash_algorithm", "SHA-256") != "SHA-256":
            raise StandInError("invalid_request")
        transaction = SignTransaction(str(uuid.uuid4()), token.client_id, digest)
        with self._lock:
            self._transactions[transaction.id] = transaction
        return transaction

    def transaction_result(self, token: Token, transaction_id: str) -> dict[str, str]:
        if token.subject is None or token.sign_transaction_id != transaction_id:
            raise StandInError("insufficient_scope", 403)
        transaction = self._transaction(transaction_id, token.client_id)
        if transaction is None or transaction.result is None:
            raise StandInError("not_found", 404)
        return transaction.result

    def _transaction(self, transaction_id: str, client_id: str) -> SignTransaction | None:
        with self._lock:
            found = self._transactions.get(transaction_id)
        return found if found is not None and found.client_id == client_id else None

    def _expire(self) -> None:
        limit = time.monotonic() - LIFETIME
        for store in (self._requests, self._tokens, self._transactions):
            for key in [k for k, v in store.items() if v.created < limit]:
                del store[key]
