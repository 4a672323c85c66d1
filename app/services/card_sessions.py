"""Card relay jobs: created by a page, redeemed and answered by an agent, claimed by the page.

Rules (docs/relay-protocol.md): tickets and agent tokens are kept hashed and redeem once; a
job lives 5 minutes; one open job per session and purpose; a result takes effect only when
the session that created the job claims it (plus the 6-digit code when it was done on
another device).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.models import RelayDocument, RelayJob

OPEN_STATES = ("created", "redeemed")
FINISHED_STATES = ("verified", "failed")
PROGRESS_STATES = ("waiting_reader", "waiting_card", "pin", "working")
MAX_CODE_ATTEMPTS = 5
OUTCOME_CONTEXT = b"relay_jobs.outcome"


class RelayError(Exception):
    """A refused relay call; `code` is stable (for the agent, logs and tests), `status` HTTP."""

    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class NewJob:
    job: RelayJob
    ticket: str


def digest_of(value: str | bytes) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return hashlib.sha256(data).digest()


def create_job(
    session: Session,
    *,
    purpose: str,
    session_key: str,
    origin: str,
    lang: str,
    return_to: str,
    ttl: timedelta,
    user_id: str | None = None,
    document_id: str | None = None,
    cross_device: bool = False,
    now: datetime | None = None,
) -> NewJob:
    """A new job with its ticket; any open job of this session for this purpose is cancelled."""
    if purpose not in ("auth", "sign"):
        raise RelayError("UNKNOWN_PURPOSE")
    current = _now(now)
    if purpose == "sign":
        document = session.get(RelayDocument, document_id or "")
        if document is None or document.session_key != session_key:
            raise RelayError("UNKNOWN_DOCUMENT", 404)
    for old in session.scalars(
        select(RelayJob).where(
            RelayJob.session_key == session_key,
            RelayJob.purpose == purpose,
            RelayJob.state.in_(OPEN_STATES),
        )
    ):
        old.state, old.challenge, old.reason = "failed", None, "SUPERSEDED"
    ticket = secrets.token_urlsafe(32)
    job = RelayJob(
        purpose=purpose,
        state="created",
        session_key=session_key,
        user_id=user_id,
        origin=origin,
        lang=lang,
        return_to=return_to,
        ticket_hash=digest_of(ticket),
        challenge=secrets.token_bytes(32) if purpose == "auth" else None,
        document_id=document_id if purpose == "sign" else None,
        cross_device=cross_device,
        expires_at=current + ttl,
    )
    session.add(job)
    session.commit()
    return NewJob(job, ticket)


def redeem_ticket(
    session: Session, ticket: str, *, now: datetime | None = None
) -> tuple[RelayJob, str]:
    """Hand the job to the agent that holds the ticket, once; returns the job and its token."""
    job = session.scalars(select(RelayJob).where(RelayJob.ticket_hash == digest_of(ticket))).first()
    if job is None:
        raise RelayError("TICKET_UNKNOWN", 404)
    if job.state != "created":
        raise RelayError("TICKET_USED", 409)
    _refuse_expired(session, job, now)
    token = secrets.token_urlsafe(32)
    job.state, job.token_hash = "redeemed", digest_of(token)
    session.commit()
    return job, token


def agent_job(
    session: Session, job_id: str, token: str, *, now: datetime | None = None
) -> RelayJob:
    """The job an agent may act on: its bearer token must match, in constant time."""
    job = session.get(RelayJob, job_id)
    if job is None or job.token_hash is None:
        raise RelayError("JOB_UNKNOWN", 404)
    if not hmac.compare_digest(job.token_hash, digest_of(token)):
        raise RelayError("TOKEN_INVALID", 403)
    if job.state in FINISHED_STATES:
        raise RelayError("JOB_DONE", 409)
    _refuse_expired(session, job, now)
    return job


def record_progress(session: Session, job: RelayJob, state: str) -> None:
    if state not in PROGRESS_STATES:
        raise RelayError("UNKNOWN_STATE")
    job.progress = state
    session.commit()


def page_job(session: Session, job_id: str, session_key: str) -> RelayJob:
    """The job as its own page sees it; another session gets 'unknown', not 'forbidden'."""
    job = session.get(RelayJob, job_id)
    if job is None or not hmac.compare_digest(job.session_key, session_key):
        raise RelayError("JOB_UNKNOWN", 404)
    return job


def claim(
    session: Session,
    job_id: str,
    session_key: str,
    *,
    code: str | None = None,
    now: datetime | None = None,
) -> RelayJob:
    """Apply a verified result to the session that asked for it (once)."""
    job = page_job(session, job_id, session_key)
    if job.state != "verified" or job.claimed_at is not None:
        raise RelayError("NOTHING_TO_CLAIM", 409)
    _refuse_expired(session, job, now)
    if job.cross_device:
        if job.code_attempts >= MAX_CODE_ATTEMPTS:
            raise RelayError("CODE_LOCKED", 429)
        if not code or not hmac.compare_digest(job.code_hash or b"", digest_of(code.strip())):
            job.code_attempts += 1
            session.commit()
            raise RelayError("CODE_WRONG", 403)
    job.claimed_at = _now(now)
    session.commit()
    return job


def claimed_outcome(session: Session, job_id: str, session_key: str) -> dict[str, Any] | None:
    """What a journey reads after the claim: the verified holder, or None."""
    try:
        job = page_job(session, job_id, session_key)
    except RelayError:
        return None
    if job.claimed_at is None or job.outcome_enc is None:
        return None
    return read_outcome(job)


def store_outcome(job: RelayJob, outcome: dict[str, Any]) -> None:
    job.outcome_enc = cipher().encrypt(json.dumps(outcome).encode(), context=OUTCOME_CONTEXT)


def read_outcome(job: RelayJob) -> dict[str, Any]:
    """The verified holder or signer; only for a job whose result was accepted."""
    if job.outcome_enc is None:
        raise RelayError("NO_OUTCOME", 409)
    outcome: dict[str, Any] = json.loads(cipher().decrypt(job.outcome_enc, context=OUTCOME_CONTEXT))
    return outcome


def new_confirmation_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _refuse_expired(session: Session, job: RelayJob, now: datetime | None) -> None:
    expires = job.expires_at if job.expires_at.tzinfo else job.expires_at.replace(tzinfo=UTC)
    if expires <= _now(now):
        if job.state not in FINISHED_STATES:
            job.state, job.challenge, job.reason = "failed", None, "TIMEOUT"
            session.commit()
        raise RelayError("JOB_EXPIRED", 410)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)
