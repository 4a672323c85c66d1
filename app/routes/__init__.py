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
    - card_reader: set up the card reader (the agent's downloads and its status check).
    - digital_auth: the card step through the Digital Authentication App (OpenID Connect);
      digital_auth_standin: its stand-in provider (tests and localhost only).
    - application: the card application itself (online or by post), autosaved, then sent;
      collect: after applying, a move and who may collect the card.
    - office: the staff index; office_card_applications, office_nhi, office_insurance: one
      journey each, same skeleton (list → record → decisions → files).
    - insurance_register, insurance_cancel: registering the card for insurance use, its
      status and the 資格確認書 explainer; cancelling the registration.
    - card: the expiry and PIN helper (no account needed).
    - pwa: the web manifest, the service worker and the offline page.
    """
    from app.routes import (
        account,
        apply,
        auth,
        card,
        card_reader,
        digital_auth,
        digital_auth_standin,
        home,
        insurance,
        insurance_cancel,
        insurance_register,
        nhi,
        office,
        office_card_applications,
        office_insurance,
        office_nhi,
        photo,
        pwa,
        relay,
    )
    from app.routes.apply import application, collect

    modules = (
        home,
        auth,
        account,
        apply,
        application,
        collect,
        photo,
        insurance,
        nhi,
        office,
        office_card_applications,
        office_nhi,
        pwa,
        relay,
        card_reader,
        digital_auth,
        digital_auth_standin,
    )
    insurance_parts = (insurance_register, insurance_cancel, card, office_insurance)
    for module in (*modules, *insurance_parts):
        app.register_blueprint(module.bp)
