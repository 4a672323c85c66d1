"""Which CA certificates and CRLs the relay trusts, from config or the development test CA."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from card_relay.verify import TrustConfig


class TrustNotConfigured(RuntimeError):
    """No CA certificates are configured and the test CA may not be used here."""


def trust_config() -> TrustConfig:
    """The app's trust anchors, loaded once per app."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached = app.extensions.get("relay_trust")
    if cached is None:
        cached = load_trust(app)
        app.extensions["relay_trust"] = cached
    return cached  # type: ignore[no-any-return]


def load_trust(app: Flask) -> TrustConfig:
    """`MYNA_RELAY_AUTH_CA` and `MYNA_RELAY_SIGN_CA` (PEM files) and `MYNA_RELAY_CRLS`
    (comma-separated PEM CRL files); without them, the test CA — only on a developer's
    machine or in tests, never on a real domain."""
    config = app.config
    if config.get("RELAY_AUTH_CA") and config.get("RELAY_SIGN_CA"):
        crls = [Path(p).read_bytes() for p in _paths(config.get("RELAY_CRLS"))]
        return TrustConfig.from_pem(
            Path(config["RELAY_AUTH_CA"]).read_bytes(),
            Path(config["RELAY_SIGN_CA"]).read_bytes(),
            crls,
        )
    if not (config.get("TESTING") or config["RP_ID"] == "localhost"):
        raise TrustNotConfigured("set MYNA_RELAY_AUTH_CA and MYNA_RELAY_SIGN_CA")
    from card_relay import testca

    ca = testca.load_or_create()
    return TrustConfig.from_pem(
        ca.auth_ca_path.read_bytes(),
        ca.sign_ca_path.read_bytes(),
        [ca.crl_path("auth").read_bytes(), ca.crl_path("sign").read_bytes()],
    )


def _paths(value: object) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    return [str(p) for p in value]  # type: ignore[attr-defined]
