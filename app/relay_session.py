"""What ties card jobs to this browser: the hashed relay session key, and starting a job from a
posted form. Every blueprint that uses the card (the relay, the Digital Authentication App,
insurance, NHI signing, the card helper) reads these here rather than from another route."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request, session, url_for

from app.auth import current_user
from app.extensions import db
from app.hosts import site_origin
from app.i18n import current_locale
from app.services import card_sessions
from app.urls import safe_next


def session_key() -> str:
    """A random id for this browser session, stored hashed on jobs (rotates on sign-in)."""
    if "relay_sid" not in session:
        session["relay_sid"] = secrets.token_urlsafe(32)
    return hashlib.sha256(session["relay_sid"].encode()).hexdigest()


def job_from_form(*, cross_device: bool = False) -> card_sessions.NewJob:
    """A card job for this browser session from the posted form (purpose, return_to,
    document): the one way every card route (the agent, the phone, the app) starts a job."""
    user = current_user()
    return card_sessions.create_job(
        db.session,
        purpose=request.form.get("purpose", ""),
        session_key=session_key(),
        origin=site_origin(),
        lang=current_locale(),
        return_to=safe_next(request.form.get("return_to")) or url_for("relay.try_card"),
        ttl=timedelta(seconds=current_app.config["RELAY_JOB_TTL_SECONDS"]),
        user_id=user.id if user else None,
        document_id=request.form.get("document") or None,
        cross_device=cross_device,
    )
