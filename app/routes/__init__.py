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
    - application: the card application itself (online or by post), autosaved, then sent.
    - office: staff pages listing what residents sent; office_nhi: NHI enrolments.
    - pwa: the web manifest, the service worker and the offline page.
    """
    from app.routes import (
        account,
        application,
        apply,
        auth,
        home,
        insurance,
        nhi,
        office,
        office_nhi,
        photo,
        pwa,
        relay,
    )

    modules = (
        home,
        auth,
        account,
        apply,
        application,
        photo,
        insurance,
        nhi,
        office,
        office_nhi,
        pwa,
        relay,
    )
    for module in modules:
        app.register_blueprint(module.bp)
