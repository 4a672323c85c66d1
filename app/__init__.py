"""myna-guide: the application factory."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import hosts, i18n, security, session_cookie
from app.cli import register_cli
from app.config import check_origin, check_receivers, load_config, sqlite_url
from app.errors import register_error_handlers
from app.extensions import babel, csrf, db, htmx, limiter
from app.routes import register_blueprints
from app.storage import rate_limits  # noqa: F401 - registers the database:// limits storage
from app.storage.crypto import FieldCipher, load_or_create_key_file, parse_key
from app.templating import Environment, register_template_helpers


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, errors, security headers."""
    app = Flask(__name__, instance_relative_config=True)
    app.jinja_environment = Environment  # before anything builds `app.jinja_env`
    settings = load_config(dict(config or {}))
    check_origin(settings)
    checked_receivers = check_receivers(settings)
    app.config.update(settings)
    app.extensions["myna_receivers"] = checked_receivers
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)

    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance / "secret.key")
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = sqlite_url(instance)
    key = app.config.get("DATA_KEY")
    app.extensions["myna_cipher"] = FieldCipher(
        parse_key(key) if key else load_or_create_key_file(instance / "data.key")
    )

    session_cookie.init_app(app)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    db.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    i18n.init_app(app)
    hosts.init_app(app)
    security.init_app(app)
    register_template_helpers(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_cli(app)
    _trust_proxies(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Take the client's address and scheme from the `PROXY_HOPS` proxies in front, and from
    nothing else: with 0 (the default) X-Forwarded-* headers are ignored, since any client
    could send them; with N, only the entries the last N proxies appended are believed, so a
    forged entry in front of them changes nothing (rate limits are per client address)."""
    hops = int(app.config["PROXY_HOPS"])
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def _instance_secret(path: Path) -> str:
    """A session-signing key kept in the instance folder, so restarts keep sessions."""
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value
