"""HTTP calls from the reader side to the relay server (relay-protocol.md §2–4), via urllib.

urllib rather than requests: the agent ships with the ``card`` extra only (pyscard), and three
small JSON POSTs do not justify another dependency on the user's desktop. Nothing that reaches
this module carries a PIN; bodies hold tickets, tokens, certificates and signatures only.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

from card_relay.agent.protocol import VERSION, Job, ProtocolError, ResultAnswer, origin_of

logger = logging.getLogger("card_relay.agent")
MAX_ANSWER = 64 * 1024


class ServerError(Exception):
    """The server refused a call (``status`` and its error ``code``) or could not be reached.

    ``status`` is 0 when the server was unreachable, so callers can tell "refused" from "down".
    """

    def __init__(self, status: int, code: str, message: str = "") -> None:
        super().__init__(f"{status} {code} {message}".strip())
        self.status = status
        self.code = code


class RelayClient:
    """Talks to one configured server; ``origin`` is what the agent compares jobs against."""

    def __init__(self, server: str, *, timeout: float = 15.0, agent_kind: str = "desktop") -> None:
        self.base = server.rstrip("/")
        self.origin = origin_of(server)
        self.timeout = timeout
        self.agent_kind = agent_kind
        # No redirects: a server that moved must be reconfigured, not followed to another host.
        self._opener = urllib.request.build_opener(_NoRedirect)

    def _post(self, path: str, body: dict[str, Any], token: str | None = None) -> Any:
        data = json.dumps(body).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the URL is the configured server
            self.base + path,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                raw = response.read(MAX_ANSWER)
        except urllib.error.HTTPError as exc:
            code, message = _error_of(exc)
            raise ServerError(exc.code, code, message) from None
        except (urllib.error.URLError, OSError) as exc:
            raise ServerError(0, "UNREACHABLE", str(exc)) from None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise ProtocolError(f"{path} answered something that is not JSON") from exc

    def redeem(self, ticket: str) -> Job:
        """Exchange the one-time ticket for the job (``ServerError`` 404/409/410 otherwise)."""
        agent = {"kind": self.agent_kind, "version": VERSION}
        return Job.from_json(self._post("/relay/v1/tickets/redeem", {"t": ticket, "agent": agent}))

    def progress(self, job: Job, state: str) -> None:
        """Report ``state`` for the page's status box; a failure only costs the spinner text."""
        try:
            self._post(_job_path(job, "progress"), {"state": state}, job.job_token)
        except (ServerError, ProtocolError) as exc:
            logger.warning("job %s: progress %s not delivered: %s", job.job_id, state, exc)

    def result(self, job: Job, payload: dict[str, Any]) -> ResultAnswer:
        """Post the result or error; the answer says where the browser goes next."""
        return ResultAnswer.from_json(self._post(_job_path(job, "result"), payload, job.job_token))


def _job_path(job: Job, action: str) -> str:
    return f"/relay/v1/jobs/{quote(job.job_id, safe='')}/{action}"


def _error_of(exc: urllib.error.HTTPError) -> tuple[str, str]:
    try:
        body = json.loads(exc.read(MAX_ANSWER) or b"{}")
        error = body.get("error") or {}
        return str(error.get("code") or f"HTTP_{exc.code}"), str(error.get("message") or "")
    except (ValueError, AttributeError, OSError):
        return f"HTTP_{exc.code}", ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
