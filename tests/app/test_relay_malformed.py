"""A crafted certificate posted as a relay result gets the JSON refusal, never an HTML 500
(issue 12, L1), and the job ends, so no later result can be accepted for it."""

from __future__ import annotations

import base64

import pytest

from card_relay.jpki import CertKind, JpkiCard
from card_relay.simulator import default_card
from card_relay.virtual import VirtualTransport
from tests.app.relay_helpers import FakeAgent, as_json, encode, start_job
from tests.helpers.client import PageClient

CRAFTS = {
    "version-45": (bytes.fromhex("a003020102"), bytes.fromhex("a00302012d")),
    "unknown-spki-oid": (bytes.fromhex("2a864886f70d010101"), bytes.fromhex("2a8648000000000000")),
}


@pytest.mark.parametrize("craft", sorted(CRAFTS))
def test_a_crafted_certificate_is_a_json_malformed_refusal(client: PageClient, craft: str) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    genuine = JpkiCard(VirtualTransport(default_card())).read_certificate(CertKind.AUTH)
    old, new = CRAFTS[craft]
    body = {
        "certificate": base64.b64encode(genuine.replace(old, new)).decode(),
        "signature": base64.b64encode(bytes(256)).decode(),
    }
    answer = agent.post_result(redeemed, body)
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert as_json(answer) == {
        "status": "failed",
        "reason": "MALFORMED",
        "return_url": f"https://localhost/relay/return?j={job.job_id}",
    }
    # The job is over: a genuine result afterwards is refused, and nothing can be claimed.
    genuine_result = encode(
        FakeAgent.card_result(JpkiCard(VirtualTransport(default_card())), redeemed)
    )
    assert agent.post_result(redeemed, genuine_result).status_code == 409
    assert client.post(f"/relay/v1/jobs/{job.job_id}/claim").status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"error": {"code": []}},  # found by tests/fuzz/test_fuzz_relay_api.py: unhashable code
        {"error": {"code": {"PIN_WRONG": 1}}},
        {"certificate": "ＭＩＩ=", "signature": "AAAA"},  # non-ASCII base64: a plain ValueError
        {"certificate": "MIIB", "signature": "é"},
    ],
)
def test_a_malformed_result_body_is_a_json_refusal_and_the_job_stays_open(
    client: PageClient, body: dict
) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    answer = agent.post_result(redeemed, body)
    assert answer.status_code == 400 and as_json(answer) == {"error": {"code": "MALFORMED"}}
    # A refused body is not a result: the reader can still send the real one.
    genuine = encode(FakeAgent.card_result(JpkiCard(VirtualTransport(default_card())), redeemed))
    assert as_json(agent.post_result(redeemed, genuine))["status"] == "verified"


def test_a_body_that_is_not_json_gets_the_json_refusal(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    for path, headers in (
        ("/relay/v1/tickets/redeem", {}),
        (
            f"/relay/v1/jobs/{job.job_id}/result",
            {"Authorization": f"Bearer {redeemed['job_token']}"},
        ),
    ):
        answer = agent.http.post(
            path,
            base_url="https://localhost",
            data="t=x",
            headers=headers,
            content_type="application/x-www-form-urlencoded",
        )
        assert answer.status_code == 400 and answer.mimetype == "application/json", path
        assert as_json(answer) == {"error": {"code": "MALFORMED"}}
