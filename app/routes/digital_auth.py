"""The card step through the Digital Authentication App (デジタル認証アプリ): start, callback.

The result lands in a relay job like the agent's (docs/relay-protocol.md), so the journeys read
it the same way (`card_sessions.claimed_outcome`). A signature is checked by the very same
`relay_results.accept_result` as a relay result (chain, validity, purpose, revocation,
signature over the document's digest); a sign-in by the ID token's checks
(`digital_auth.validate_id_token`). The callback arrives in the browser that started, so the
job is claimed for that session at once; no code to type.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from flask import (
    Blueprint,
    current_app,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from app.auth import public
from app.domain.devices import is_phone
from app.extensions import db, limiter
from app.hosts import site_origin
from app.relay_session import job_from_form, session_key
from app.services import card_sessions, digital_auth, relay_documents, relay_results
from app.services.digital_auth import DigitalAuthError, Flow
from app.services.relay_trust import trust_config

if TYPE_CHECKING:  # the type only; the job comes from `card_sessions`
    from app.storage.models import RelayJob

bp = Blueprint("digital_auth", __name__)
FLOW_KEY = "digital_auth_flow"


@bp.app_template_global()
def card_device() -> str:
    """``phone`` or ``computer``, for the card component (components/card_relay.html), which
    offers only the routes that work on the visitor's device."""
    if not has_request_context():
        return "computer"
    return "phone" if is_phone(request.headers.get("User-Agent", "")) else "computer"


@bp.app_template_global()
def digital_auth_offered() -> bool:
    return digital_auth.available(current_app)


def _redirect_uri() -> str:
    return site_origin() + url_for("digital_auth.callback")


@bp.post("/relay/app/start")
@public
@limiter.limit("30 per minute")
def start() -> Response:
    """Create the job, then send the browser to the app (a phone) or its QR page (a computer)."""
    purpose = request.form.get("purpose", "")
    job = job_from_form().job
    card_sessions.redeemed_by_this_site(db.session, job)
    signing = purpose == "sign"
    digest = relay_documents.digest_of_document(db.session, job.document_id) if signing else None
    # Sign-in identifies the card; signing also gives the four facts, for the name check.
    scopes = ["name", "birthdate"] if purpose == "sign" else []
    try:
        found = digital_auth.provider(site_origin())
        flow = digital_auth.begin(found, _redirect_uri(), scopes, digest)
    except DigitalAuthError as error:
        return _failed(job, error.reason)
    except Exception:  # the provider is down: the page says so, as for an unreachable agent
        current_app.logger.exception("digital auth: could not start")
        return _failed(job, "PROVIDER_UNREACHABLE")
    session[FLOW_KEY] = {
        "job": job.id,
        "state": flow.state,
        "nonce": flow.nonce,
        "verifier": flow.verifier,
        "tx": flow.sign_transaction_id,
    }
    return redirect(flow.url, 303)


@bp.get("/relay/app/callback")
@public
def callback() -> Response:
    saved: dict[str, Any] | None = session.pop(FLOW_KEY, None)
    if saved is None or not hmac.compare_digest(
        str(saved.get("state", "")), request.args.get("state", "")
    ):
        return redirect(url_for("relay.try_card"), 303)  # a stale or forged return
    job = card_sessions.page_job(db.session, str(saved["job"]), session_key())
    if job.state != "redeemed":
        return redirect(url_for("relay.return_page", j=job.id), 303)
    if request.args.get("error"):
        return _failed(job, "USER_CANCELLED")
    flow = Flow("", saved["state"], saved["nonce"], saved["verifier"], saved.get("tx"))
    try:
        found = digital_auth.provider(site_origin())
        result = digital_auth.finish(found, _redirect_uri(), flow, request.args.get("code", ""))
    except DigitalAuthError as error:
        current_app.logger.info("digital auth refused: %s", error.reason, exc_info=error.__cause__)
        return _failed(job, error.reason)
    if job.purpose == "sign":
        if result.certificate is None or result.signature is None:
            return _failed(job, "NO_SIGNATURE")
        payload = {
            "certificate": base64.b64encode(result.certificate).decode(),
            "signature": base64.b64encode(result.signature).decode(),
        }
        answer = relay_results.accept_result(db.session, job, payload, trust_config())
        if answer.status != "verified":
            return redirect(url_for("relay.return_page", j=job.id), 303)
    else:
        outcome = holder_of(result.claims, found.issuer)
        if outcome is None:
            return _failed(job, "MALFORMED")
        card_sessions.verified(db.session, job, outcome)
    claimed = card_sessions.claim(db.session, job.id, session_key())
    separator = "&" if "?" in claimed.return_to else "?"
    return redirect(f"{claimed.return_to}{separator}job={claimed.id}", 303)


def holder_of(claims: dict[str, Any], issuer: str) -> dict[str, Any] | None:
    """The sign-in's holder in the shape of a relay authentication outcome: the provider as
    issuer and its pairwise subject as the serial (what insurance registration keys on)."""
    expiry = claims.get("certificate_not_after")
    if not claims.get("sub") or not isinstance(expiry, int):
        return None
    # Relay serials are integers (as strings when large); any `sub` maps to a stable one.
    serial = int.from_bytes(hashlib.sha256(str(claims["sub"]).encode()).digest()[:16], "big")
    return {
        "issuer": issuer,
        "serial": str(serial),
        "subject": str(claims["sub"]),
        "not_after": datetime.fromtimestamp(expiry, UTC).isoformat(),
        "revocation_checked": True,  # the provider checks the certificate with J-LIS
    }


def _failed(job: RelayJob, reason: str) -> Response:
    card_sessions.fail(db.session, job, reason)
    return redirect(url_for("relay.return_page", j=job.id), 303)
