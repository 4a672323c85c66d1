"""The agent's HTTP side on 127.0.0.1: the launch URL, its PIN form and its stylesheet.

The standard library's ``ThreadingHTTPServer`` rather than werkzeug: three routes need no
framework, the agent then installs with pyscard alone, and each request gets its own thread, so
a launch held while waiting for the card never blocks the 409 answer to a second one.
"""

from __future__ import annotations

import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from card_relay.agent.core import Agent, Outcome
from card_relay.agent.pages import CSS, CSS_PATH, PIN_PATH, message_page, pin_page
from card_relay.agent.protocol import LANGS, origin_of
from card_relay.pins import wipe

logger = logging.getLogger("card_relay.agent")
LAUNCH_PATH = "/card-relay/v1/launch"
STATUS_PATH = "/card-relay/v1/status"
MAX_FORM = 4096
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class AgentServer(ThreadingHTTPServer):
    """Binds loopback only; ``url`` is the launch base the web app's config must point at."""

    daemon_threads = True

    def __init__(self, agent: Agent, host: str = "127.0.0.1", port: int = 24730) -> None:
        if host not in LOOPBACK:
            raise ValueError(f"the agent listens on loopback only, not {host!r}")
        self.agent = agent
        super().__init__((host, port), AgentHandler)
        self.port: int = self.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.allowed_hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def csp(self) -> str:
        # form-action must also allow the site: Chromium applies it to the 303 after the post.
        return (
            "default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; "
            f"form-action 'self' {self.agent.origin}; frame-ancestors 'none'"
        )

    def stop(self) -> None:
        """Stop serving, end a running job so it releases the card, close the socket."""
        self.shutdown()
        self.agent.stop()
        self.server_close()

    def start(self) -> threading.Thread:
        """Serve on a daemon thread (the demo and the tests); ``shutdown()`` stops it."""
        thread = threading.Thread(target=self.serve_forever, name="card-relay-agent", daemon=True)
        thread.start()
        return thread


class AgentHandler(BaseHTTPRequestHandler):
    server: AgentServer
    server_version = "card-relay-agent"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """One line per request, with the path only: the query holds the one-time ticket."""
        logger.info("%s %s", self.command, urlsplit(self.path).path)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        logger.info("%s %s -> %s", self.command, urlsplit(self.path).path, code)

    # --- checks --------------------------------------------------------------------------------

    def _host_ok(self) -> bool:
        """DNS-rebinding defence: a page on evil.example resolved to 127.0.0.1 sends its name."""
        return self.headers.get("Host", "") in self.server.allowed_hosts

    def _lang(self) -> str:
        """For a page outside any job (no site language passed): the browser's first
        language when it is one of ours by its first subtag, else Japanese."""
        first = self.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
        for tag in (first.lower(), first.split("-")[0].lower()):
            for code in LANGS:
                if code.lower() == tag:
                    return code
        return "ja"

    # --- responses -----------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str]) -> None:
        self.send_response(status)
        headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "Content-Security-Policy": self.server.csp(),
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Cache-Control": "no-store",
            **extra,
        }
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, status: int, html: str) -> None:
        self._send(status, html.encode("utf-8"), "text/html; charset=utf-8", {})

    def _message(self, status: int, key: str, lang: str | None = None) -> None:
        self._html(status, message_page(lang or self._lang(), key, self.server.agent.origin))

    def _answer(self, outcome: Outcome) -> None:
        if outcome.location is not None:
            self._send(303, b"", "text/plain", {"Location": outcome.location})
        elif outcome.pin is not None:
            self._html(outcome.status, pin_page(outcome.pin))
        else:
            self._message(outcome.status, outcome.message or "bad_request", outcome.lang)

    # --- routes --------------------------------------------------------------------------------

    def do_GET(self) -> None:
        if not self._host_ok():
            self._send(421, b"Misdirected Request\n", "text/plain", {})
            return
        url = urlsplit(self.path)
        if url.path == CSS_PATH:
            cache = {"Cache-Control": "max-age=3600"}
            self._send(200, CSS.encode(), "text/css; charset=utf-8", cache)
        elif url.path == "/favicon.ico":
            self._send(204, b"", "text/plain", {})  # browsers ask; a 404 is a console error
        elif url.path == LAUNCH_PATH:
            self._launch(parse_qs(url.query).get("t", [""])[0])
        elif url.path == STATUS_PATH:
            self._status()
        else:
            self._message(HTTPStatus.NOT_FOUND, "not_found")

    # --- the status probe (the site's reader-setup page and launch check) ----------------------

    def _cors(self) -> dict[str, str] | None:
        """CORS headers for the configured site only; None for any other page's request.

        A request without ``Origin`` (the resident opening the URL, curl) needs none; one from
        another origin is refused, so no other site learns that the agent is installed.
        """
        origin = self.headers.get("Origin")
        if origin is None:
            return {}
        if origin != self.server.agent.origin:
            return None
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    def _status(self) -> None:
        cors = self._cors()
        if cors is None:
            logger.warning("status refused: Origin %r", self.headers.get("Origin"))
            self._send(403, b"", "text/plain", {"Vary": "Origin"})
            return
        body = json.dumps(self.server.agent.status()).encode()
        self._send(200, body, "application/json", cors)

    def do_OPTIONS(self) -> None:
        """The CORS preflight Chromium sends before the status probe from an https site to
        loopback, with ``Access-Control-Request-Private-Network: true`` (Private Network Access):
        allowed for the configured site's origin only, for GET of the status URL only."""
        if not self._host_ok():
            self._send(421, b"Misdirected Request\n", "text/plain", {})
            return
        cors = self._cors()
        if urlsplit(self.path).path != STATUS_PATH or not cors:
            self._send(403, b"", "text/plain", {"Vary": "Origin"})
            return
        headers = {**cors, "Access-Control-Allow-Methods": "GET", "Access-Control-Max-Age": "600"}
        if self.headers.get("Access-Control-Request-Private-Network", "").lower() == "true":
            headers["Access-Control-Allow-Private-Network"] = "true"
        self._send(204, b"", "text/plain", headers)

    def _launch(self, ticket: str) -> None:
        referer = self.headers.get("Referer", "")
        try:
            referer_origin = origin_of(referer)
        except ValueError:
            referer_origin = ""
        if referer_origin != self.server.agent.origin:
            logger.warning("launch refused: Referer origin %r", referer_origin or None)
            self._message(HTTPStatus.FORBIDDEN, "bad_referer")
            return
        if not ticket or len(ticket) > 256:
            self._message(HTTPStatus.BAD_REQUEST, "bad_request")
            return
        self._answer(self.server.agent.launch(ticket))

    def do_POST(self) -> None:
        if not self._host_ok():
            self._send(421, b"Misdirected Request\n", "text/plain", {})
            return
        if urlsplit(self.path).path != PIN_PATH:
            self._message(HTTPStatus.NOT_FOUND, "not_found")
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.server.allowed_hosts}:
            self._message(HTTPStatus.FORBIDDEN, "stale_form")
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 < length <= MAX_FORM:
            self._message(HTTPStatus.BAD_REQUEST, "bad_request")
            return
        body = bytearray(length)
        view = memoryview(body)
        read = 0
        while read < length:
            chunk = self.rfile.readinto(view[read:])
            if not chunk:
                break
            read += chunk
        view.release()
        try:
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        finally:
            wipe(body)  # the raw form held the PIN; the parsed str is dropped after use

        def field(name: str) -> str:
            return form.get(name, [""])[0]

        outcome = self.server.agent.submit(
            field("csrf"), field("action"), field("pin"), field("confirm") == "yes"
        )
        form.clear()
        self._answer(outcome)
