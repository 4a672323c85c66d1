"""A stand-in relay server and a running agent for the agent's unit tests.

The fake speaks docs/relay-protocol.md §2–4 only as far as the agent needs and keeps every
request body it received, so tests can assert what reached "the server" (and that no PIN did).
The real server's rules are tested with it in ``test_relay_*.py``.
"""

from __future__ import annotations

import base64
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from flask import Flask, jsonify, request
from werkzeug.serving import BaseWSGIServer, make_server

from card_relay.agent import AgentServer
from card_relay.agent.cli import build_server
from card_relay.errors import CardError
from card_relay.simulator import SimulatedCard, build_card
from card_relay.testca import TestCa
from card_relay.testca.identity import DEFAULT
from card_relay.transport import CardTransport
from card_relay.verify import TrustConfig, VerificationError, verify_authentication
from card_relay.virtual import VirtualTransport

# A PIN nothing else in these tests contains, so searching for it finds only a leak.
PIN = "8642"
IDENTITY = replace(DEFAULT, id="agent-tests", auth_pin=PIN)


@dataclass
class FakeJob:
    ticket: str
    kind: str = "auth"
    origin: str = ""
    lang: str = "en"
    expires_at: datetime = field(default_factory=lambda: datetime.now(UTC) + timedelta(minutes=5))
    job_id: str = field(default_factory=lambda: secrets.token_hex(8))
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    challenge: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    redeemed: bool = False
    progress: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)


class FakeRelay:
    """The server side of the protocol, on http://localhost:<free port>."""

    def __init__(self, trust: TrustConfig) -> None:
        self.trust = trust
        self.jobs: dict[str, FakeJob] = {}
        self.bodies: list[bytes] = []
        self.headers: list[str] = []
        self.redeem_calls = 0
        app = Flask(__name__)
        app.add_url_rule("/relay/v1/tickets/redeem", view_func=self.redeem, methods=["POST"])
        app.add_url_rule("/relay/v1/jobs/<job_id>/<action>", view_func=self.job, methods=["POST"])
        app.before_request(self._record)
        self._server: BaseWSGIServer = make_server("localhost", 0, app, threaded=True)
        self.url = f"http://localhost:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _record(self) -> None:
        self.bodies.append(request.get_data())
        self.headers.append(str(request.headers) + request.full_path)

    def add(self, **kwargs: Any) -> FakeJob:
        job = FakeJob(ticket=secrets.token_urlsafe(24), origin=self.url, **kwargs)
        self.jobs[job.job_id] = job
        return job

    def redeem(self) -> Any:
        self.redeem_calls += 1
        ticket = (request.get_json() or {}).get("t")
        job = next((j for j in self.jobs.values() if j.ticket == ticket), None)
        if job is None:
            return jsonify(error={"code": "TICKET_UNKNOWN", "message": "?"}), 404
        if job.redeemed:
            return jsonify(error={"code": "TICKET_USED", "message": "used"}), 409
        job.redeemed = True
        return jsonify(
            job_id=job.job_id,
            kind=job.kind,
            origin=job.origin,
            challenge=base64.b64encode(job.challenge).decode(),
            digest=base64.b64encode(job.challenge).decode(),
            hash_alg="SHA-256",
            display={"title": "Application for NHI", "lines": ["Name: 番号　花子"]},
            expires_at=job.expires_at.isoformat(),
            lang=job.lang,
            job_token=job.token,
        )

    def job(self, job_id: str, action: str) -> Any:
        job = self.jobs.get(job_id)
        if job is None or request.headers.get("Authorization") != f"Bearer {job.token}":
            return jsonify(error={"code": "JOB_UNKNOWN", "message": "?"}), 404
        body = request.get_json() or {}
        if action == "progress":
            job.progress.append(body["state"])
            return "", 204
        if job.results:
            return jsonify(error={"code": "JOB_DONE", "message": "done"}), 409
        job.results.append(body)
        status, reason = "failed", body.get("error", {}).get("code")
        if "certificate" in body and job.kind == "auth":
            try:
                verify_authentication(
                    certificate=base64.b64decode(body["certificate"]),
                    signature=base64.b64decode(body["signature"]),
                    origin=self.url,
                    challenge=job.challenge,
                    trust=self.trust,
                )
                status, reason = "verified", None
            except VerificationError as exc:
                reason = exc.reason
        elif "certificate" in body:
            status = "verified"
        back = f"{job.origin}/relay/return?j={job_id}"
        return jsonify(status=status, reason=reason, return_url=back)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class SwitchableSource:
    """The simulated card, but a test can pull it out (``remove``) or make it missing."""

    simulated = True

    def __init__(self, card: SimulatedCard) -> None:
        self.card = card
        self.transport: VirtualTransport | None = None
        self.fail_with: CardError | None = None
        self.connected = threading.Event()

    def connect(self, timeout: float, cancel: threading.Event, on_wait: Any) -> CardTransport:
        if self.fail_with is not None:
            on_wait("waiting_reader")
            raise self.fail_with
        self.transport = VirtualTransport(self.card)
        self.connected.set()
        return self.transport

    def reader_state(self) -> str:
        return "simulated"


@pytest.fixture(scope="module")
def agent_card_ca(testca: TestCa) -> TestCa:
    testca.issue(IDENTITY)
    return testca


@pytest.fixture
def relay(trust: TrustConfig) -> Iterator[FakeRelay]:
    fake = FakeRelay(trust)
    yield fake
    fake.stop()


@pytest.fixture
def source(agent_card_ca: TestCa) -> SwitchableSource:
    return SwitchableSource(build_card(agent_card_ca.issue(IDENTITY)))


@pytest.fixture
def agent(relay: FakeRelay, source: SwitchableSource) -> Iterator[AgentServer]:
    httpd = build_server(relay.url, source, port=0, card_timeout=5, pin_timeout=30)
    httpd.start()
    yield httpd
    httpd.stop()


class Visitor:
    """What a browser sends to the agent: Host, the site's Referer (origin only), forms."""

    def __init__(self, agent: AgentServer, site: str) -> None:
        self.agent = agent
        self.site = site
        self.http = requests.Session()

    def launch(self, ticket: str, **headers: str) -> requests.Response:
        sent = {"Referer": self.site + "/", **headers}
        return self.http.get(
            f"{self.agent.url}/card-relay/v1/launch",
            params={"t": ticket},
            headers=sent,
            allow_redirects=False,
            timeout=30,
        )

    def post_pin(self, form: dict[str, str], **headers: str) -> requests.Response:
        return self.http.post(
            f"{self.agent.url}/card-relay/v1/pin",
            data=form,
            headers={"Origin": self.agent.url, **headers},
            allow_redirects=False,
            timeout=30,
        )


@pytest.fixture
def visitor(agent: AgentServer, relay: FakeRelay) -> Visitor:
    return Visitor(agent, relay.url)


def test_the_fake_server_refuses_an_unknown_ticket(relay: FakeRelay) -> None:
    answer = requests.post(f"{relay.url}/relay/v1/tickets/redeem", json={"t": "nope"}, timeout=5)
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "TICKET_UNKNOWN"


def test_the_agent_speaks_the_site_language_it_is_given_and_japanese_without_one() -> None:
    """Issue 17: texts from card_relay/agent/locales/<dir>.json; a language with no file yet
    gets Japanese, as before; easy Japanese furigana become the base text."""
    from card_relay.agent import strings

    assert strings.text("en", "cancel") == "Cancel"
    assert strings.text("xx", "cancel") == strings.text("ja", "cancel")


def test_the_agent_s_pages_draw_easy_japanese_furigana_and_keep_the_title_plain() -> None:
    """Issue 17: easy Japanese puts readings on kanji with <ruby>, on the agent's PIN page too;
    the <title> (no markup there) keeps the base text, and no notation shows anywhere."""
    from bs4 import BeautifulSoup

    from card_relay.agent.pages import PinView, message_page, pin_page

    view = PinView("ja-x-easy", "https://myna.example", "auth", "", (), 3, "token", True)
    pin = pin_page(view)
    expired = message_page("ja-x-easy", "expired", "https://myna.example/")
    for html, drawn in ((pin, "h1 ruby rt"), (pin, "label[for=pin] ruby"), (expired, "p ruby")):
        page = BeautifulSoup(html, "html.parser")
        assert page.select_one(drawn) is not None, drawn
        assert page.title is not None and "<" not in page.title.decode_contents()
        assert "｜" not in html and "《" not in html
