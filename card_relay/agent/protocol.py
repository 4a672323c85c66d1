"""The reader side's half of docs/relay-protocol.md: the job a ticket redeems to, and results.

Shared by the desktop agent and the reference reader client, so both speak exactly the same
protocol and map card errors to the same codes. No I/O here: ``client.py`` does the HTTP.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit

from card_relay.errors import RESULT_CODES, CardError, PinWrong
from card_relay.languages import LANGUAGES


def _version() -> str:
    """The installed agent package's version, else the whole project's (a source checkout)."""
    for distribution in ("myna-card-agent", "myna-guide"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "0+unknown"  # running from a source tree that was never installed


VERSION = _version()
KINDS = ("auth", "sign")
LANGS = tuple(LANGUAGES)


class ProtocolError(Exception):
    """The server answered something the contract does not allow; the job cannot run."""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-cased, default ports dropped (RFC 6454)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[parts.scheme]
    port = parts.port
    return (
        f"{parts.scheme}://{host}" if port in (None, default) else f"{parts.scheme}://{host}:{port}"
    )


def _b64(data: dict[str, Any], key: str, size: int) -> bytes:
    try:
        value = base64.b64decode(str(data[key]), validate=True)
    except (KeyError, binascii.Error, ValueError) as exc:
        raise ProtocolError(f"the job's {key} is missing or not base64") from exc
    if len(value) != size:
        raise ProtocolError(f"the job's {key} is {len(value)} bytes, expected {size}")
    return value


@dataclass(frozen=True)
class Job:
    """A redeemed job (relay-protocol.md §2). ``job_token`` authorises progress and result."""

    job_id: str
    kind: str
    origin: str
    expires_at: datetime
    lang: str
    job_token: str
    title: str = ""
    lines: tuple[str, ...] = ()
    challenge: bytes | None = None
    digest: bytes | None = None

    @classmethod
    def from_json(cls, data: object) -> Job:
        """Parse and check the redeem answer; ``ProtocolError`` names what is wrong."""
        if not isinstance(data, dict):
            raise ProtocolError("the job is not a JSON object")
        kind = data.get("kind")
        if kind not in KINDS:
            raise ProtocolError(f"unknown job kind {kind!r}")
        for key in ("job_id", "origin", "job_token", "expires_at"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ProtocolError(f"the job has no {key}")
        try:
            expires_at = datetime.fromisoformat(data["expires_at"])
        except ValueError as exc:
            raise ProtocolError("the job's expires_at is not an ISO date") from exc
        if expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=UTC)
        display = data.get("display") or {}
        if not isinstance(display, dict):
            raise ProtocolError("the job's display is not an object")
        lines = display.get("lines") or []
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            raise ProtocolError("the job's display lines are not strings")
        challenge = digest = None
        if kind == "auth":
            challenge = _b64(data, "challenge", 32)
        else:
            if data.get("hash_alg", "SHA-256") != "SHA-256":
                raise ProtocolError(f"unsupported hash_alg {data.get('hash_alg')!r}")
            digest = _b64(data, "digest", 32)
        lang = data.get("lang")
        return cls(
            job_id=data["job_id"],
            kind=kind,
            origin=data["origin"],
            expires_at=expires_at,
            lang=lang if lang in LANGS else "ja",
            job_token=data["job_token"],
            title=str(display.get("title") or ""),
            lines=tuple(lines),
            challenge=challenge,
            digest=digest,
        )

    def seconds_left(self, now: datetime | None = None) -> float:
        """Seconds until the job expires (negative once it has)."""
        return (self.expires_at - (now or datetime.now(UTC))).total_seconds()


@dataclass(frozen=True)
class ResultAnswer:
    """The server's answer to a result (§4). ``code`` only for a cross-device job."""

    status: str
    reason: str | None
    return_url: str | None
    code: str | None

    @classmethod
    def from_json(cls, data: object) -> ResultAnswer:
        if not isinstance(data, dict) or not isinstance(data.get("status"), str):
            raise ProtocolError("the result answer has no status")

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value else None

        return cls(data["status"], text("reason"), text("return_url"), text("code"))


def success_payload(certificate: bytes, signature: bytes) -> dict[str, Any]:
    """The result body for a finished operation."""
    return {
        "certificate": base64.b64encode(certificate).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
    }


def error_code(exc: BaseException) -> str:
    """The protocol code for any failure: a card error's own code when the server knows it."""
    code = exc.code if isinstance(exc, CardError) else "INTERNAL"
    return code if code in RESULT_CODES else "INTERNAL"


def error_payload(code: str, tries_left: int | None = None) -> dict[str, Any]:
    """The result body for a failure; ``tries_left`` only accompanies ``PIN_WRONG``."""
    body: dict[str, Any] = {"code": code if code in RESULT_CODES else "INTERNAL"}
    if code == "PIN_WRONG" and tries_left is not None:
        body["tries_left"] = tries_left
    return {"error": body}


def payload_for(exc: BaseException) -> dict[str, Any]:
    """:func:`error_payload` for an exception (keeps a wrong PIN's tries left)."""
    tries = exc.tries_left if isinstance(exc, PinWrong) else None
    return error_payload(error_code(exc), tries)
