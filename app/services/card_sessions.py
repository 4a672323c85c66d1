"""Card relay jobs: created by a page, redeemed and answered by an agent, claimed by the page.

Rules (docs/relay-protocol.md): tickets and agent tokens are kept hashed and redeem once; a
job lives 5 minutes; one open job per session and purpose; a result takes effect only when
the session that created the job claims it (plus the 6-digit code when it was done on
another device).

The claim is bound to the way the job was created (issue 12, H2): the reader kind that
redeems a ticket must be the one the job was made for, so a "this computer" ticket sent to a
victim's phone is refused, and every job a reader on another device redeems needs the code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from app.domain import clock
from app.storage.cipher import cipher
from app.storage.models import RelayDocument, RelayJob

OPEN_STATES = ("created", "redeemed")
FINISHED_STATES = ("verified", "failed")
PROGRESS_STATES = ("waiting_reader", "waiting_card", "pin", "working")
MAX_CODE_ATTEMPTS = 5
OUTCOME_CONTEXT = b"relay_jobs.outcome"

#: The reader kinds a reader side may name when it redeems (`agent.kind`, relay-protocol.md
#: §2), and whether that reader can run on another device than the browser that made the
#: job. Only the desktop agent cannot: it listens on loopback, accepts launches from this
#: site's pages only (Referer) and sends the same browser back. A reader that can be
#: elsewhere gets the 6-digit code with its result and must show it; the page must type it.
READER_KINDS: dict[str, bool] = {"desktop": False, "phone": True}


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


def needs_code(reader_kind: str) -> bool:
    """Whether a job redeemed by this kind of reader needs the 6-digit code to be claimed."""
    return READER_KINDS[reader_kind]


def redeem_ticket(
    session: Session, ticket: str, *, reader_kind: str, now: datetime | None = None
) -> tuple[RelayJob, str]:
    """Hand the job to the reader that holds the ticket, once; returns the job and its token.

    The reader's kind must match the job's: a phone job for a phone reader, a "this computer"
    job for the desktop agent. A ticket that reached the other kind has leaked (the attack of
    H2 sends a computer job's ticket to a victim's phone), so the job ends there.
    """
    if reader_kind not in READER_KINDS:
        raise RelayError("READER_UNKNOWN")
    job = session.scalars(select(RelayJob).where(RelayJob.ticket_hash == digest_of(ticket))).first()
    if job is None:
        raise RelayError("TICKET_UNKNOWN", 404)
    if job.state != "created":
        raise RelayError("TICKET_USED", 409)
    _refuse_expired(session, job, now)
    if needs_code(reader_kind) != job.cross_device:
        job.state, job.challenge, job.reason = "failed", None, "WRONG_READER"
        job.finished_at = _now(now)
        session.commit()
        raise RelayError("WRONG_READER", 403)
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
    """Apply a verified result to the session that asked for it (once).

    Each code is checked only after the database has counted it (`_spend_code_attempt`), so
    parallel guesses can never be evaluated more than `MAX_CODE_ATTEMPTS` times (L2).
    """
    job = page_job(session, job_id, session_key)
    if job.state != "verified" or job.claimed_at is not None:
        raise RelayError("NOTHING_TO_CLAIM", 409)
    _refuse_expired(session, job, now)
    if job.cross_device:
        if not _spend_code_attempt(session, job.id):
            raise RelayError("CODE_LOCKED", 429)
        if not code or not hmac.compare_digest(job.code_hash or b"", digest_of(code.strip())):
            raise RelayError("CODE_WRONG", 403)
    claimed = session.execute(
        update(RelayJob)
        .where(RelayJob.id == job.id, RelayJob.claimed_at.is_(None))
        .values(claimed_at=_now(now))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if cast(CursorResult[Any], claimed).rowcount != 1:
        raise RelayError("NOTHING_TO_CLAIM", 409)  # a parallel claim took it first
    session.refresh(job)
    return job


def _spend_code_attempt(session: Session, job_id: str) -> bool:
    """Count one code attempt in a single UPDATE; False once the limit is reached.

    The increment and the limit check happen in the database, not in Python, so two requests
    can never both read the same count and both be evaluated.
    """
    counted = session.execute(
        update(RelayJob)
        .where(RelayJob.id == job_id, RelayJob.code_attempts < MAX_CODE_ATTEMPTS)
        .values(code_attempts=RelayJob.code_attempts + 1)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return cast(CursorResult[Any], counted).rowcount == 1


def claimed_outcome(session: Session, job_id: str, session_key: str) -> dict[str, Any] | None:
    """What a journey reads after the claim: the verified holder, or None."""
    try:
        job = page_job(session, job_id, session_key)
    except RelayError:
        return None
    if job.claimed_at is None or job.outcome_enc is None:
        return None
    return read_outcome(job)


def fail(session: Session, job: RelayJob, reason: str, now: datetime | None = None) -> None:
    """End the job as failed with `reason` (the page explains the code); one job state
    change for every route that reads a card, committed here."""
    job.state, job.reason, job.challenge, job.finished_at = "failed", reason, None, _now(now)
    session.commit()


def redeemed_by_this_site(session: Session, job: RelayJob) -> None:
    """A job whose ticket is never shown (the Digital Authentication App route): only the
    route that created it can finish it."""
    job.state = "redeemed"
    session.commit()


def verified(session: Session, job: RelayJob, outcome: dict[str, Any]) -> None:
    """End the job as verified with `outcome`, ready for its page to claim."""
    store_outcome(job, outcome)
    job.state, job.challenge, job.finished_at = "verified", None, _now(None)
    session.commit()


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
    return now or clock.now_utc()
