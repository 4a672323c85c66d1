"""This site's origin, and sending http://127.0.0.1 visitors to http://localhost, where
passkeys work."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, redirect, request
from werkzeug.exceptions import MisdirectedRequest

#: The hosts a developer's machine may derive its origin from when `ORIGIN` is unset.
LOCAL_HOSTS = ("localhost", "127.0.0.1")


def site_origin() -> str:
    """The origin relay jobs name and passkeys must come from: `ORIGIN` from configuration.

    Only on a developer's machine (`RP_ID` localhost, `ORIGIN` unset; `config.check_origin`
    refuses to start otherwise) is it derived from the request, and then only for a
    localhost or 127.0.0.1 Host: another Host header is answered 421, never stored in a job
    or expected from a passkey (issue 12, L6).
    """
    configured = current_app.config.get("ORIGIN")
    if configured:
        return str(configured)
    parts = urlsplit(request.host_url)
    try:
        hostname, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number
        hostname, port = None, None
    if hostname not in LOCAL_HOSTS:
        raise MisdirectedRequest("set MYNA_ORIGIN to serve another host than localhost")
    return f"{parts.scheme}://{hostname}{f':{port}' if port else ''}"


def init_app(app: Flask) -> None:
    @app.before_request
    def prefer_localhost() -> Response | None:
        # WebAuthn refuses IP addresses as a relying party, so the default RP_ID is localhost.
        if app.config["RP_ID"] != "localhost" or request.host.split(":")[0] != "127.0.0.1":
            return None
        if request.method not in {"GET", "HEAD"}:
            return None
        port = request.host.partition(":")[2]
        target = f"{request.scheme}://localhost{':' + port if port else ''}{request.full_path}"
        return redirect(target.rstrip("?"), 307)  # type: ignore[return-value]
