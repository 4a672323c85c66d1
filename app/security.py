"""Security headers on every response: a strict CSP with no inline script or style."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

PERMISSIONS_POLICY = (
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)"
)


def init_app(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", csp())
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["Permissions-Policy"] = PERMISSIONS_POLICY
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        if request.is_secure:
            headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if not _is_shell_asset():
            # Pages carry a session's CSRF token and often personal data: never cached.
            headers["Cache-Control"] = "no-store"
        return response


def csp() -> str:
    """The CSP, with the desktop card agent's loopback origin added to ``connect-src``: the
    card pages ask its status URL before they send the visitor there (agent-status.mjs)."""
    agent = urlsplit(str(current_app.config.get("RELAY_AGENT_URL") or ""))
    if agent.scheme not in ("http", "https") or not agent.netloc:
        return CSP
    return CSP.replace("connect-src 'self'", f"connect-src 'self' {agent.scheme}://{agent.netloc}")


def _is_shell_asset() -> bool:
    """Static files, the manifest and the worker are the same for everyone."""
    return request.endpoint in {"static", "pwa.manifest", "pwa.service_worker"}
