"""The app under test, served for real on localhost by werkzeug in a background thread."""

from __future__ import annotations

import base64
import secrets
import threading
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from app import create_app
from app.extensions import db
from app.storage import migrate


def e2e_config(workdir: Path) -> dict[str, Any]:
    """Settings that depend on nothing in the instance folder or the environment.

    Every key the instance folder would otherwise supply (database, signing key, data key)
    is given here, so a developer's own database and keys are never touched.
    """
    return {
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="),
        # WebAuthn refuses IP addresses as relying party, hence localhost and not 127.0.0.1.
        "RP_ID": "localhost",
        "ORIGIN": None,
        # Chromium counts http://localhost as a secure context, so `__Host-` cookies work.
        "SESSION_COOKIE_SECURE": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        # The demonstration, as `make run` starts it (app/demo.py): the banner on every page.
        "DEMO": True,
    }


class LiveServer:
    """A werkzeug server on an ephemeral localhost port; `url` is what the browser opens."""

    def __init__(self, app: Flask, tls: tuple[Path, Path] | None = None) -> None:
        """`tls` (certificate, key) serves HTTPS, as the WebKit journeys need."""
        self.app = app
        ssl_context = (str(tls[0]), str(tls[1])) if tls else None
        self._server: BaseWSGIServer = make_server(
            "localhost", 0, app, threaded=True, ssl_context=ssl_context
        )
        self.port = self._server.port
        self.url = f"{'https' if tls else 'http'}://localhost:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"live-server-{self.port}", daemon=True
        )

    @classmethod
    def for_workdir(
        cls, workdir: Path, *, tls: tuple[Path, Path] | None = None, **overrides: Any
    ) -> LiveServer:
        """Create the app with a fresh, migrated SQLite database in `workdir`."""
        app = create_app({**e2e_config(workdir), **overrides})
        migrate.upgrade(db.engine_for(app))
        return cls(app, tls)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        db.engine_for(self.app).dispose()

    def url_for(self, path: str) -> str:
        """The absolute URL of a path such as `/account`."""
        return self.url + path
