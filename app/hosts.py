"""Send http://127.0.0.1 visitors to http://localhost, where passkeys work."""

from __future__ import annotations

from flask import Flask, Response, redirect, request


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
