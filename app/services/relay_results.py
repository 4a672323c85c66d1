"""Checking what the agent sends back, in the documented order, and recording the outcome.

Order (architecture.md §6, Web eID's): job state (done by `card_sessions.agent_job`) → sizes
and format → chain to the configured CA → validity → key usage and purpose → revocation →
signature → map to the person. The challenge is deleted in the same transaction.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.domain import clock
from app.services import card_sessions
from app.services.card_sessions import RelayError
from app.storage.models import RelayDocument, RelayJob
from card_relay.errors import RESULT_CODES
from card_relay.verify import TrustConfig, VerificationError, verify_authentication, verify_signing

log = logging.getLogger("app.relay")

MAX_CERTIFICATE_BYTES = 8192
SIGNATURE_BYTES = (256, 512)


@dataclass(frozen=True)
class ResultAnswer:
    status: str  # "verified" | "failed"
    reason: str = ""
    code: str | None = None


def accept_result(
    session: Session,
    job: RelayJob,
    payload: dict[str, Any],
    trust: TrustConfig,
    *,
    now: datetime | None = None,
) -> ResultAnswer:
    """Verify and record the agent's answer; the job is finished either way."""
    current = now or clock.now_utc()
    if "error" in payload:
        return _record_failure(
            session, job, _agent_error(payload["error"]), payload["error"], current
        )
    certificate, signature = _decode(payload)
    try:
        outcome = _verify(session, job, certificate, signature, trust, current)
    except VerificationError as refusal:
        log.info("relay job %s refused: %s", job.id, refusal.reason)
        return _record_failure(session, job, str(refusal.reason), {}, current)
    card_sessions.store_outcome(job, outcome)
    job.state, job.challenge, job.finished_at = "verified", None, current
    code = None
    if job.cross_device:
        code = card_sessions.new_confirmation_code()
        job.code_hash = card_sessions.digest_of(code)
    session.commit()
    log.info("relay job %s verified (%s)", job.id, job.purpose)
    return ResultAnswer("verified", code=code)


def _verify(
    session: Session,
    job: RelayJob,
    certificate: bytes,
    signature: bytes,
    trust: TrustConfig,
    now: datetime,
) -> dict[str, Any]:
    if job.purpose == "auth":
        if job.challenge is None:
            raise RelayError("JOB_DONE", 409)
        holder = verify_authentication(
            certificate=certificate,
            signature=signature,
            origin=job.origin,
            challenge=job.challenge,
            trust=trust,
            now=now,
        )
        return _jsonable(asdict(holder))
    document = session.get(RelayDocument, job.document_id or "")
    if document is None:
        raise RelayError("UNKNOWN_DOCUMENT", 404)
    signer = verify_signing(
        certificate=certificate,
        signature=signature,
        digest=document.digest,
        trust=trust,
        now=now,
    )
    outcome = _jsonable(asdict(signer))
    outcome["certificate"] = base64.b64encode(certificate).decode()
    outcome["signature"] = base64.b64encode(signature).decode()
    outcome["document_id"] = document.id
    return outcome


def _record_failure(
    session: Session, job: RelayJob, reason: str, error: dict[str, Any], now: datetime
) -> ResultAnswer:
    tries = error.get("tries_left")
    job.tries_left = tries if isinstance(tries, int) and 0 <= tries <= 16 else None
    card_sessions.fail(session, job, reason, now)
    return ResultAnswer("failed", reason=reason)


def _agent_error(error: Any) -> str:
    """The reader's error code; anything but one of the contract's strings is MALFORMED
    (a list or an object is not even hashable, so it is checked before the lookup)."""
    code = error.get("code") if isinstance(error, dict) else None
    if not isinstance(code, str) or code not in RESULT_CODES:
        raise RelayError("MALFORMED")
    return code


def _decode(payload: dict[str, Any]) -> tuple[bytes, bytes]:
    try:
        certificate = base64.b64decode(payload["certificate"], validate=True)
        signature = base64.b64decode(payload["signature"], validate=True)
    except (KeyError, TypeError, ValueError) as error:
        # ValueError: binascii.Error, and non-ASCII text, which b64decode refuses on its own
        raise RelayError("MALFORMED") from error
    if (
        not 100 <= len(certificate) <= MAX_CERTIFICATE_BYTES
        or len(signature) not in SIGNATURE_BYTES
    ):
        raise RelayError("MALFORMED")
    return certificate, signature


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, datetime) or hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        elif isinstance(value, int) and value.bit_length() > 53:
            out[key] = str(value)  # certificate serials exceed JSON-safe integers
        else:
            out[key] = value
    return out
