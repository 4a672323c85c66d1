"""Passkey ceremonies (WebAuthn) around py_webauthn, with challenges kept in the database.

A challenge row is created by `begin_*`, and deleted by `finish_*` in the same transaction
that accepts the response: so each challenge works once, and only within its lifetime.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.orm import Session
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from app.domain import clock
from app.hosts import site_origin
from app.storage import user_sessions, users
from app.storage.cipher import cipher
from app.storage.models import Challenge, Credential, User
from app.storage.user_sessions import SignedInUser

PENDING_CONTEXT = b"challenges.pending"


class PasskeyError(Exception):
    """A ceremony failed; `reason` says why, in words safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RelyingParty:
    rp_id: str
    rp_name: str
    origin: str
    challenge_ttl: timedelta


def relying_party() -> RelyingParty:
    """This site as the WebAuthn relying party, from the settings and the request's origin."""
    config = current_app.config
    return RelyingParty(
        rp_id=config["RP_ID"],
        rp_name=config["RP_NAME"],
        origin=site_origin(),
        challenge_ttl=timedelta(seconds=config["CHALLENGE_TTL_SECONDS"]),
    )


def ceremony_limit() -> str:
    """The rate limit of every passkey ceremony endpoint (sign-up, sign-in, adding a passkey)."""
    return str(current_app.config["RATELIMIT_CEREMONY"])


@dataclass(frozen=True)
class Ceremony:
    challenge_id: str
    options_json: str


def begin_registration(
    session: Session,
    rp: RelyingParty,
    *,
    display_name: str | None = None,
    user: SignedInUser | None = None,
    now: datetime | None = None,
) -> Ceremony:
    """Options to create a passkey: for a new account (`display_name`) or an existing `user`."""
    if user is not None:
        account = users.account(session, user.id)
        handle, name = account.user_handle, users.display_name(account)
        exclude = [PublicKeyCredentialDescriptor(id=c.id) for c in account.credentials]
    elif display_name is not None:
        handle, name, exclude = secrets.token_bytes(32), display_name, []
    else:
        raise ValueError("give a display name for a new account, or the user adding a passkey")
    options = generate_registration_options(
        rp_id=rp.rp_id,
        rp_name=rp.rp_name,
        user_id=handle,
        user_name=name,
        user_display_name=name,
        exclude_credentials=exclude,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    pending = None
    if user is None:
        payload = json.dumps({"name": name, "handle": handle.hex()}).encode()
        pending = cipher().encrypt(payload, context=PENDING_CONTEXT)
    challenge_id = _store_challenge(
        session,
        rp,
        "register",
        options.challenge,
        now,
        user_id=user.id if user else None,
        pending_enc=pending,
    )
    return Ceremony(challenge_id, options_to_json(options))


def finish_registration(
    session: Session,
    rp: RelyingParty,
    challenge_id: str,
    credential_json: str,
    *,
    now: datetime | None = None,
) -> User:
    """Verify the new passkey and store it; creates the account when this was a sign-up."""
    row = _consume_challenge(session, challenge_id, "register", now)
    try:
        verified = verify_registration_response(
            credential=credential_json,
            expected_challenge=row.challenge,
            expected_rp_id=rp.rp_id,
            expected_origin=rp.origin,
        )
    except Exception as exc:  # any malformed or forged response is simply not verified
        raise PasskeyError("registration response did not verify") from exc
    if session.get(Credential, verified.credential_id) is not None:
        raise PasskeyError("this passkey is already registered")
    if row.user_id is not None:
        user = session.get(User, row.user_id)
        if user is None:
            raise PasskeyError("the account no longer exists")
    elif row.pending_enc is not None:
        pending = json.loads(cipher().decrypt(row.pending_enc, context=PENDING_CONTEXT))
        user = users.create_user(
            session, pending["name"], user_handle=bytes.fromhex(pending["handle"])
        )
        session.flush()
    else:
        raise PasskeyError("the challenge belongs to no account")
    transports = _transports(credential_json)
    session.add(
        Credential(
            id=verified.credential_id,
            user_id=user.id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            transports=",".join(transports),
        )
    )
    session.commit()
    session.refresh(user)
    return user


def begin_authentication(
    session: Session, rp: RelyingParty, *, now: datetime | None = None
) -> Ceremony:
    """Options to sign in with any passkey for this site (discoverable credentials)."""
    options = generate_authentication_options(
        rp_id=rp.rp_id, user_verification=UserVerificationRequirement.PREFERRED
    )
    challenge_id = _store_challenge(session, rp, "authenticate", options.challenge, now)
    return Ceremony(challenge_id, options_to_json(options))


def finish_authentication(
    session: Session,
    rp: RelyingParty,
    challenge_id: str,
    credential_json: str,
    *,
    now: datetime | None = None,
) -> User:
    row = _consume_challenge(session, challenge_id, "authenticate", now)
    try:
        raw_id = base64url_to_bytes(json.loads(credential_json)["rawId"])
    except (ValueError, KeyError, TypeError) as exc:
        raise PasskeyError("malformed sign-in response") from exc
    stored = session.get(Credential, raw_id)
    if stored is None:
        raise PasskeyError("unknown passkey")
    try:
        verified = verify_authentication_response(
            credential=credential_json,
            expected_challenge=row.challenge,
            expected_rp_id=rp.rp_id,
            expected_origin=rp.origin,
            credential_public_key=stored.public_key,
            credential_current_sign_count=stored.sign_count,
        )
    except Exception as exc:  # any malformed or forged response is simply not verified
        raise PasskeyError("sign-in response did not verify") from exc
    stored.sign_count = verified.new_sign_count
    stored.last_used_at = _now(now)
    session.commit()
    return stored.user


def remove_credential(
    session: Session, user: SignedInUser, credential_id: bytes, *, keep_session: str | None = None
) -> None:
    """Remove one of the user's passkeys, never the last one (the account would be locked).

    Every other session of the user ends with it: a session on a lost or stolen device may
    have been signed in with that passkey. The session asking (`keep_session`) stays, so the
    user is not signed out in the middle of managing their passkeys."""
    stored = session.get(Credential, credential_id)
    if stored is None or stored.user_id != user.id:
        raise PasskeyError("no such passkey on this account")
    if len(credentials_of(session, user.id)) <= 1:
        raise PasskeyError("the last passkey cannot be removed")
    session.delete(stored)
    user_sessions.end_all(session, user.id, keep=keep_session)
    session.commit()


def credentials_of(session: Session, user_id: str) -> list[Credential]:
    """The account's passkeys, oldest first (the profile lists them)."""
    return list(users.account(session, user_id).credentials)


def _store_challenge(
    session: Session,
    rp: RelyingParty,
    purpose: str,
    challenge: bytes,
    now: datetime | None,
    *,
    user_id: str | None = None,
    pending_enc: bytes | None = None,
) -> str:
    current = _now(now)
    session.execute(delete(Challenge).where(Challenge.expires_at < current))
    challenge_id = secrets.token_urlsafe(32)
    session.add(
        Challenge(
            id=challenge_id,
            purpose=purpose,
            challenge=challenge,
            user_id=user_id,
            pending_enc=pending_enc,
            expires_at=current + rp.challenge_ttl,
        )
    )
    session.commit()
    return challenge_id


def _consume_challenge(
    session: Session, challenge_id: str, purpose: str, now: datetime | None
) -> Challenge:
    row = session.get(Challenge, challenge_id)
    if row is None or row.purpose != purpose:
        raise PasskeyError("unknown or already used challenge")
    deleted = session.execute(delete(Challenge).where(Challenge.id == challenge_id))
    session.commit()
    if deleted.rowcount != 1:  # type: ignore[attr-defined]
        raise PasskeyError("unknown or already used challenge")
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < _now(now):
        raise PasskeyError("challenge expired")
    return row


def _transports(credential_json: str) -> list[str]:
    try:
        found = json.loads(credential_json).get("response", {}).get("transports", [])
    except (ValueError, AttributeError):
        return []
    return [t for t in found if isinstance(t, str)][:6]


def _now(now: datetime | None) -> datetime:
    return now or clock.now_utc()
