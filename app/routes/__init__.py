"""Blueprints, one per journey, plus the shared ones."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Register every blueprint.

    - home: the landing page, the step-by-step overview, the health check.
    - auth: passkey sign-up, sign-in and sign-out.
    - account: the dashboard (task list), the profile with its autosaved draft, passkeys.
    - apply, photo, insurance, nhi: the four procedures' journeys.
    - relay: card jobs for the desktop agent or a phone (docs/relay-protocol.md).
    - pwa: the web manifest, the service worker and the offline page.
    """
    from app.routes import account, apply, auth, home, insurance, nhi, photo, pwa, relay

    for module in (home, auth, account, apply, photo, insurance, nhi, pwa, relay):
        app.register_blueprint(module.bp)
