"""The agent's status probe, which the site's reader-setup page and launch check ask first.

Chromium sends a CORS preflight with ``Access-Control-Request-Private-Network: true`` before an
https page may reach loopback (Private Network Access); the agent answers it for the configured
site only, so no other site can even learn that the agent is installed.
"""

from __future__ import annotations

import requests

from card_relay.agent import AgentServer
from tests.card_relay.test_agent_helpers import FakeRelay, Visitor

STATUS = "/card-relay/v1/status"


def test_the_site_reads_the_agents_version_and_reader(agent: AgentServer, relay: FakeRelay) -> None:
    answer = requests.get(agent.url + STATUS, headers={"Origin": relay.url}, timeout=10)
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == relay.url
    body = answer.json()
    assert body["agent"] == "myna-card-agent"
    assert body["version"] and body["version"] != "0+unknown"
    assert body["server"] == relay.url
    assert body["busy"] is False
    assert body["reader"] == "simulated"


def test_the_status_shows_busy_while_a_pin_page_waits(
    agent: AgentServer, relay: FakeRelay, visitor: Visitor
) -> None:
    assert visitor.launch(relay.add().ticket).status_code == 200
    answer = requests.get(agent.url + STATUS, headers={"Origin": relay.url}, timeout=10)
    assert answer.json()["busy"] is True


def test_another_site_gets_no_answer(agent: AgentServer) -> None:
    answer = requests.get(
        agent.url + STATUS, headers={"Origin": "https://evil.example"}, timeout=10
    )
    assert answer.status_code == 403
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert answer.content == b""


def test_the_private_network_preflight_is_allowed_for_the_site_only(
    agent: AgentServer, relay: FakeRelay
) -> None:
    preflight = {
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Private-Network": "true",
    }
    ok = requests.options(
        agent.url + STATUS, headers={"Origin": relay.url, **preflight}, timeout=10
    )
    assert ok.status_code == 204
    assert ok.headers["Access-Control-Allow-Private-Network"] == "true"
    assert ok.headers["Access-Control-Allow-Origin"] == relay.url
    evil = {"Origin": "https://evil.example", **preflight}
    refused = requests.options(agent.url + STATUS, headers=evil, timeout=10)
    assert refused.status_code == 403
    assert "Access-Control-Allow-Private-Network" not in refused.headers
    # Only the status probe: the launch stays a top-level navigation, never a fetch.
    launch = requests.options(
        agent.url + "/card-relay/v1/launch", headers={"Origin": relay.url, **preflight}, timeout=10
    )
    assert launch.status_code == 403


def test_a_rebound_host_name_gets_no_status(agent: AgentServer, relay: FakeRelay) -> None:
    answer = requests.get(
        agent.url + STATUS, headers={"Origin": relay.url, "Host": "evil.example"}, timeout=10
    )
    assert answer.status_code == 421
