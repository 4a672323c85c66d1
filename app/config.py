"""Defaults for every setting; `MYNA_*` environment variables and `DATABASE_URL` override them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.domain import receivers
from card_relay.languages import DEFAULT_LANGUAGE

DEFAULTS: dict[str, Any] = {
    # Flask and sessions. The `__Host-` prefix pins the cookie to this host over HTTPS
    # (browsers treat http://localhost as secure, so development works too).
    "SECRET_KEY": None,  # generated into the instance folder when not given
    "SESSION_COOKIE_NAME": "__Host-session",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_PATH": "/",
    "LANG_COOKIE_NAME": "__Host-lang",  # the language chosen with ?lang=
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 8,  # idle limit: renewed by each request
    "SESSION_ABSOLUTE_LIFETIME": 60 * 60 * 12,  # from sign-in; using the session never extends it
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "WTF_CSRF_SSL_STRICT": True,
    # Storage: a SQLite file in the instance folder unless DATABASE_URL says otherwise.
    "DATABASE_URL": None,
    "DATA_KEY": None,  # base64url 32-byte AES key; a key file in the instance folder otherwise
    # Passkeys (WebAuthn). RP_ID must be a domain, never an IP address.
    "RP_ID": "localhost",
    "RP_NAME": "myna-guide",
    # e.g. https://myna.example.jp; required unless RP_ID is localhost (app.hosts.site_origin)
    "ORIGIN": None,
    "CHALLENGE_TTL_SECONDS": 300,
    # Card relay: where the desktop agent listens, and how long a job lives.
    "RELAY_AGENT_URL": "http://127.0.0.1:24730",
    "RELAY_JOB_TTL_SECONDS": 300,
    "RELAY_AUTH_CA": None,  # PEM file(s) of the J-LIS user-authentication CA generations
    "RELAY_SIGN_CA": None,  # PEM file(s) of the J-LIS signature CA generations
    "RELAY_CRLS": None,  # comma-separated PEM CRL files
    "RELAY_AGENT_DOWNLOADS": None,  # folder of the built agent packages; default dist/agent
    # The Digital Authentication App (docs/digital-auth-app.md). No issuer: the stand-in, only
    # where the test CA is trusted too (tests, localhost).
    "DIGITAL_AUTH_ISSUER": None,
    "DIGITAL_AUTH_CLIENT_ID": None,
    "DIGITAL_AUTH_CLIENT_KEY": None,  # PEM file of the EC P-256 key registered for the client
    "DIGITAL_AUTH_SIGN_TRANSACTIONS_URL": None,  # default: from discovery, or <issuer>/api/…
    # Languages: the list is card_relay/languages.py (read there, not from the settings).
    "BABEL_DEFAULT_LOCALE": DEFAULT_LANGUAGE,
    "BABEL_DEFAULT_TIMEZONE": "Asia/Tokyo",
    # Rate limits, counted in the app's own database (shared by every worker) unless a
    # Redis URL is given; the client address comes from PROXY_HOPS trusted proxies.
    "RATELIMIT_STORAGE_URI": "database://",
    "PROXY_HOPS": 0,  # how many reverse proxies in front append X-Forwarded-For/-Proto
    "RATELIMIT_CEREMONY": "20 per minute",
    # Photo checks per account (each decodes a photo): enough to retake, not to flood
    "RATELIMIT_PHOTO_CHECK": "10 per minute; 60 per hour",
    # Photos an account keeps; older ones are deleted unless an application uses them
    "PHOTOS_KEPT_PER_USER": 10,
    "RATELIMIT_HEADERS_ENABLED": True,
    # Who receives what (docs/truthful-outcomes.md §4, app/domain/receivers.py). A
    # demonstration (`make run`) shows the banner and sends to its own office pages; otherwise
    # each procedure is `none` (no Send button: the official route) unless set to `office`.
    "DEMO": False,
    "RECEIVER_CARD_APPLICATION": None,  # none / demo / office
    "RECEIVER_INSURANCE_REGISTRATION": None,  # none / demo (office is refused)
    "RECEIVER_NHI_ENROLMENT": None,  # none / demo / office
    "RECEIVER_INSURANCE_CANCELLATION": None,  # none / demo / office
    # The receiving office (required with `office`: NAME_JA, NAME_EN, PHONE); each may be
    # overridden per procedure, e.g. MYNA_NHI_ENROLMENT_OFFICE_NAME_JA.
    "OFFICE_NAME_JA": None,
    "OFFICE_NAME_EN": None,
    "OFFICE_PHONE": None,
    "OFFICE_EMAIL": None,
    "OFFICE_URL": None,
    "OFFICE_ADDRESS_JA": None,
    "OFFICE_ADDRESS_EN": None,
    "OFFICE_HOURS_JA": None,
    "OFFICE_HOURS_EN": None,
    "NHI_NOTICE_MAIL_JA": None,  # how the office posts the 資格確認書, e.g. 簡易書留
    "NHI_NOTICE_MAIL_EN": None,
}


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the settings: defaults, then `MYNA_*` variables, then `DATABASE_URL`, then overrides.

    Values in `MYNA_*` are taken as strings except for a few known booleans and numbers,
    so that a deployment can be configured with environment variables alone.
    """
    config = dict(DEFAULTS)
    for name, raw in os.environ.items():
        if not name.startswith("MYNA_"):
            continue
        key = name.removeprefix("MYNA_")
        config[key] = _coerce(DEFAULTS.get(key), raw)
    if os.environ.get("DATABASE_URL"):
        config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    config.update(overrides or {})
    return config


def plain_http_localhost(origin: str) -> dict[str, Any]:
    """Settings for serving `origin` over plain HTTP on this machine (`make run`), else none.

    WebKit (WebKitGTK's cookie store, at least) keeps no `Secure` cookie on http://localhost,
    though it counts the page as a secure context, so every form failed its CSRF check
    there. On http://localhost only, the session cookie is neither `Secure` nor `__Host-`;
    anywhere else, production included, the defaults above stay.
    """
    scheme, _, host = origin.partition("://")
    if scheme != "http" or host.split(":")[0] != "localhost":
        return {}
    return {
        "ORIGIN": origin,
        "SESSION_COOKIE_NAME": "session",
        "SESSION_COOKIE_SECURE": False,
        "LANG_COOKIE_NAME": "lang",
    }


class ConfigError(RuntimeError):
    """Settings the app refuses to start with; the message says which variable to set."""


def check_origin(config: dict[str, Any]) -> None:
    """Refuse to start without a usable origin outside a developer's machine (issue 12, L6).

    The origin goes into every relay job (the agent and the phone compare it) and is the
    origin passkeys must come from, so it may never be taken from a request's Host header.
    With the default `RP_ID` of `localhost` it may be left unset: `site_origin` then derives
    it from localhost requests only. A set `ORIGIN` is normalised (no trailing slash).
    """
    origin = config.get("ORIGIN")
    rp_id = str(config["RP_ID"])
    if not origin:
        if rp_id != "localhost":
            raise ConfigError(
                f"MYNA_ORIGIN is not set. With MYNA_RP_ID={rp_id} the site's origin must come "
                f"from configuration, e.g. MYNA_ORIGIN=https://{rp_id}"
            )
        return
    parts = urlsplit(str(origin))
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ConfigError(f"MYNA_ORIGIN must be scheme://host[:port] only, not {origin!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigError(f"MYNA_ORIGIN must be scheme://host[:port] only, not {origin!r}")
    host = parts.hostname
    if host != rp_id and not host.endswith("." + rp_id):
        raise ConfigError(
            f"MYNA_RP_ID={rp_id} is not MYNA_ORIGIN's host {host} or a parent domain of it, "
            "so no passkey could be used"
        )
    config["ORIGIN"] = f"{parts.scheme}://{parts.netloc}"


def check_receivers(config: dict[str, Any]) -> dict[receivers.Procedure, receivers.Receiver]:
    """Refuse to start with a receiver no page could state truthfully (truthful-outcomes §4).

    An `office` without its name and phone, the insurance registration as `office` (only the
    national system registers), or `office` in a demonstration: each would make a page claim
    a receiving body that is not there. The rules are `app.domain.receivers`'. Returns every
    procedure's receiver, which the app keeps (`app/services/receivers.py` reads it).
    """
    try:
        return receivers.receivers(config)
    except receivers.ReceiverError as error:
        raise ConfigError(str(error)) from error


def _coerce(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, tuple):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    return raw


def sqlite_url(instance_path: str | Path) -> str:
    """The embedded default database: a SQLite file in the instance folder."""
    return f"sqlite:///{Path(instance_path) / 'myna.sqlite3'}"
