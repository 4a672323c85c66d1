"""The card relay: pages start and claim jobs; the agent (or a phone) redeems and answers them.

Contract: docs/relay-protocol.md. Agent endpoints are JSON, authenticated by the one-time ticket
and then a bearer token, so they are exempt from the browser CSRF check.
"""

from __future__ import annotations

from base64 import b64encode
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from app.auth import public
from app.errors import render_error
from app.extensions import csrf, db, limiter
from app.hosts import site_origin
from app.htmx import render_page_or_fragment
from app.relay_session import job_from_form, session_key
from app.services import card_sessions, relay_results
from app.services.card_sessions import RelayError
from app.services.relay_documents import display_of, document_of_job
from app.services.relay_launch import launch_links
from app.services.relay_trust import trust_config

bp = Blueprint("relay", __name__)
MAX_AGENT_BODY = 16 * 1024


# Page side -------------------------------------------------------------------------------
@bp.post("/relay/v1/jobs")
@public
@limiter.limit("30 per minute")
def create_job() -> Response:
    new = job_from_form(cross_device=request.form.get("device") == "phone")
    links = launch_links(new.ticket, site_origin(), current_app.config["RELAY_AGENT_URL"])
    return render_page_or_fragment(
        "pages/relay/launch.html", "partials/relay/panel.html", job=new.job, links=links
    )


@bp.get("/relay/v1/jobs/<string:job_id>/status")
@public
def job_status(job_id: str) -> Response:
    job = card_sessions.page_job(db.session, job_id, session_key())
    status = 200 if job.state in card_sessions.OPEN_STATES else 286  # 286 stops htmx polling
    return render_page_or_fragment(
        "pages/relay/return.html", "partials/relay/status.html", status=status, job=job
    )


@bp.get("/relay/return")
@public
def return_page() -> str:
    job = card_sessions.page_job(db.session, request.args.get("j", ""), session_key())
    return render_template("pages/relay/return.html", job=job)


@bp.post("/relay/v1/jobs/<string:job_id>/claim")
@public
@limiter.limit("30 per minute")
def claim(job_id: str) -> Response | tuple[str, int]:
    try:
        job = card_sessions.claim(db.session, job_id, session_key(), code=request.form.get("code"))
    except RelayError as error:
        if error.code not in ("CODE_WRONG", "CODE_LOCKED"):
            raise
        job = card_sessions.page_job(db.session, job_id, session_key())
        return render_template("pages/relay/return.html", job=job, code_error=error.code), 422
    separator = "&" if "?" in job.return_to else "?"
    return redirect(f"{job.return_to}{separator}job={job.id}", 303)  # type: ignore[return-value]


@bp.get("/relay/try")
@public
def try_card() -> str:
    """Try the card reader: authenticate and see what the server verified."""
    outcome = None
    if request.args.get("job"):
        outcome = card_sessions.claimed_outcome(db.session, request.args["job"], session_key())
    return render_template("pages/relay/try.html", outcome=outcome)


@bp.get("/relay/app")
@public
def app_link() -> str:
    """Where the phone route's link lands when no reader app is installed to take it."""
    return render_template("pages/relay/app.html")


# Agent side (JSON) ---------------------------------------------------------------------------
@bp.post("/relay/v1/tickets/redeem")
@public
@limiter.limit("60 per minute")
def redeem() -> tuple[Response, int] | Response:
    body = _agent_body()
    agent = body.get("agent")
    kind = agent.get("kind") if isinstance(agent, dict) else None
    job, token = card_sessions.redeem_ticket(
        db.session, str(body.get("t", "")), reader_kind=kind if isinstance(kind, str) else ""
    )
    answer: dict[str, Any] = {
        "job_id": job.id,
        "kind": job.purpose,
        "origin": job.origin,
        "lang": job.lang,
        "expires_at": job.expires_at.isoformat(),
        "job_token": token,
        "display": {"title": "", "lines": []},
    }
    if job.purpose == "auth" and job.challenge is not None:
        answer["challenge"] = b64encode(job.challenge).decode()
    else:
        document = document_of_job(db.session, job)
        answer.update(
            digest=b64encode(document.digest).decode(),
            hash_alg="SHA-256",
            display=display_of(document),
        )
    return jsonify(answer)


@bp.post("/relay/v1/jobs/<string:job_id>/progress")
@public
def progress(job_id: str) -> tuple[str, int]:
    job = card_sessions.agent_job(db.session, job_id, _bearer())
    card_sessions.record_progress(db.session, job, str(_agent_body().get("state", "")))
    return "", 204


@bp.post("/relay/v1/jobs/<string:job_id>/result")
@public
@limiter.limit("60 per minute")
def result(job_id: str) -> Response:
    job = card_sessions.agent_job(db.session, job_id, _bearer())
    answer = relay_results.accept_result(db.session, job, _agent_body(), trust_config())
    body: dict[str, Any] = {
        "status": answer.status,
        "reason": answer.reason,
        "return_url": f"{job.origin}{url_for('relay.return_page', j=job.id)}",
    }
    if answer.code:
        body["code"] = answer.code
    return jsonify(body)


# The reader side's calls: they carry a one-time ticket or a bearer token, not a browser's
# cookie, and every refusal is JSON whatever the body was (relay-protocol.md).
AGENT_VIEWS = (redeem, progress, result)
AGENT_ENDPOINTS = frozenset(f"{bp.name}.{view.__name__}" for view in AGENT_VIEWS)
for _agent_view in AGENT_VIEWS:
    csrf.exempt(_agent_view)


@bp.app_errorhandler(RelayError)
def relay_error(error: RelayError) -> Response | tuple[Any, int]:
    json_call = request.path.startswith("/relay/v1/") and request.method == "POST"
    if request.endpoint in AGENT_ENDPOINTS or (json_call and request.is_json):
        return jsonify(error={"code": error.code}), error.status
    current_app.logger.info("relay refused: %s", error.code)
    if error.status == 404:
        return render_error(404, None)
    return render_template("pages/relay/refused.html", code=error.code), error.status


def _agent_body() -> dict[str, Any]:
    if (request.content_length or 0) > MAX_AGENT_BODY:
        raise RelayError("TOO_LARGE", 413)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise RelayError("MALFORMED")
    return body


def _bearer() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise RelayError("TOKEN_INVALID", 401)
    return token.strip()
