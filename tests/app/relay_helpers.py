"""Plays the reader side of the relay in tests: redeem, run the simulated card, post a result."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from werkzeug.test import TestResponse

from card_relay.jpki import JpkiCard
from card_relay.operations import CardResult, run_authentication, run_signature
from card_relay.simulator import default_card
from card_relay.testca.identity import Identity
from card_relay.virtual import VirtualTransport
from tests.helpers.client import BASE_URL, PageClient
from tests.helpers.html import check_page


@dataclass
class StartedJob:
    job_id: str
    ticket: str
    panel: BeautifulSoup


def start_job(
    client: PageClient,
    *,
    purpose: str = "auth",
    device: str = "computer",
    return_to: str = "/relay/try",
    document: str | None = None,
) -> StartedJob:
    data = {"purpose": purpose, "device": device, "return_to": return_to}
    if document:
        data["document"] = document
    response = client.post("/relay/v1/jobs", data, htmx_target="card-relay-panel")
    assert response.status_code == 200, response.get_data(as_text=True)
    panel = check_page(response.get_data(as_text=True), fragment=True)
    if device == "phone":
        link = panel.select_one("a[href*='/relay/app#t=']")["href"]
        ticket = link.split("#t=", 1)[1]
    else:
        link = panel.select_one("a[data-testid=agent-launch]")["href"]
        ticket = parse_qs(urlsplit(link).query)["t"][0]
    status_url = panel.select_one("#card-relay-status")["hx-get"]
    return StartedJob(status_url.split("/")[4], ticket, panel)


class FakeAgent:
    """The reader side, speaking the JSON protocol to the app's test client.

    ``kind`` is the reader kind it redeems as: ``desktop`` (the agent beside the browser) or
    ``phone`` (a reader on another device, which must show the 6-digit code).
    """

    def __init__(self, client: PageClient, *, kind: str = "desktop") -> None:
        self.http = client.app.test_client()  # no cookies: the agent is another program
        self.kind = kind

    def redeem(self, ticket: str) -> TestResponse:
        return self.http.post(
            "/relay/v1/tickets/redeem",
            base_url=BASE_URL,
            json={"t": ticket, "agent": {"kind": self.kind, "version": "test"}},
        )

    def post_result(self, job: dict[str, Any], body: dict[str, Any]) -> TestResponse:
        return self.http.post(
            f"/relay/v1/jobs/{job['job_id']}/result",
            base_url=BASE_URL,
            json=body,
            headers={"Authorization": f"Bearer {job['job_token']}"},
        )

    def run(
        self,
        ticket: str,
        *,
        pin: str | None = None,
        identity: Identity | None = None,
        origin: str | None = None,
    ) -> TestResponse:
        """Redeem and answer like a working card would (with an optional wrong origin)."""
        job = self.redeem(ticket).get_json()
        card = JpkiCard(VirtualTransport(default_card(identity)))
        result = self.card_result(card, job, pin=pin, origin=origin)
        return self.post_result(job, encode(result))

    @staticmethod
    def card_result(
        card: JpkiCard, job: dict[str, Any], *, pin: str | None = None, origin: str | None = None
    ) -> CardResult:
        if job["kind"] == "auth":
            challenge = base64.b64decode(job["challenge"])
            return run_authentication(card, pin or "1234", origin or job["origin"], challenge)
        return run_signature(card, pin or "ABCD1234", base64.b64decode(job["digest"]))


def encode(result: CardResult) -> dict[str, str]:
    return {
        "certificate": base64.b64encode(result.certificate).decode(),
        "signature": base64.b64encode(result.signature).decode(),
    }


def error_body(code: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, **extra}}


def as_json(response: TestResponse) -> dict[str, Any]:
    return json.loads(response.get_data(as_text=True))
