"""The claim is bound to the way the job was created (issue 12, H2 and L2).

H2 (security.md B): a "this computer" job's ticket, sent to a victim as a phone link, was
redeemed by the victim's phone reader, signed with the victim's card, and claimed by the
attacker without any code. L2: wrong codes sent in parallel were evaluated more often than the
5-try limit, because the counter was read and written back in Python.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask

from app.extensions import db
from app.services import card_sessions
from app.storage.models import RelayJob
from card_relay.jpki import JpkiCard
from card_relay.simulator import default_card
from card_relay.virtual import VirtualTransport
from tests.app.relay_helpers import FakeAgent, as_json, encode, start_job
from tests.helpers.client import BASE_URL, PageClient

PARALLEL_GUESSES = 25


def test_a_computer_jobs_ticket_redeemed_by_a_phone_cannot_be_claimed_without_a_code(
    client: PageClient,
) -> None:
    attacker = client
    job = start_job(attacker, device="computer", return_to="/relay/try")
    victim_phone = FakeAgent(attacker, kind="phone")  # the link went to the victim's phone
    redeemed = victim_phone.redeem(job.ticket)
    if redeemed.status_code == 200:  # the victim's reader took the ticket: the victim signs
        answer = victim_phone.post_result(
            redeemed.get_json(),
            encode(FakeAgent.card_result(_victims_card(), redeemed.get_json())),
        )
        assert as_json(answer)["status"] == "verified"
    claimed = attacker.post(f"/relay/v1/jobs/{job.job_id}/claim")  # no code
    assert claimed.status_code != 303
    page = attacker.get_page(f"/relay/try?job={job.job_id}&lang=en")
    assert "Your card works" not in page.get_text()


def test_a_phone_reader_is_refused_a_computer_job_and_the_job_ends(client: PageClient) -> None:
    job = start_job(client, device="computer")
    refused = FakeAgent(client, kind="phone").redeem(job.ticket)
    assert refused.status_code == 403
    assert as_json(refused)["error"]["code"] == "WRONG_READER"
    # The ticket reached a reader it was not made for: it is spent, the page says it failed.
    assert FakeAgent(client).redeem(job.ticket).status_code == 409
    status = client.get_fragment(
        f"/relay/v1/jobs/{job.job_id}/status?lang=en", target="card-relay-status", status=286
    )
    assert "could not be checked" in status.get_text()


def test_the_desktop_agent_is_refused_a_phone_job(client: PageClient) -> None:
    job = start_job(client, device="phone")
    refused = FakeAgent(client, kind="desktop").redeem(job.ticket)
    assert refused.status_code == 403
    assert as_json(refused)["error"]["code"] == "WRONG_READER"


@pytest.mark.parametrize("agent", [None, {}, {"kind": "tablet"}, {"kind": ["phone"]}, "phone"])
def test_a_reader_that_does_not_say_its_kind_is_refused(client: PageClient, agent: object) -> None:
    job = start_job(client, device="phone")
    http = client.app.test_client()
    body: dict[str, object] = {"t": job.ticket}
    if agent is not None:
        body["agent"] = agent
    refused = http.post("/relay/v1/tickets/redeem", base_url=BASE_URL, json=body)
    assert refused.status_code == 400
    assert as_json(refused)["error"]["code"] == "READER_UNKNOWN"
    # A malformed call does not spend the ticket: the real reader can still take it.
    assert FakeAgent(client, kind="phone").redeem(job.ticket).status_code == 200


# L2: the code-attempt limit holds under parallel guesses -----------------------------------
def test_parallel_wrong_codes_are_evaluated_at_most_five_times(any_db_app: Flask) -> None:
    client = PageClient(any_db_app)
    job = start_job(client, device="phone")
    code = as_json(FakeAgent(client, kind="phone").run(job.ticket))["code"]
    wrong = "000000" if code != "000000" else "111111"
    cookie = client.http.get_cookie("__Host-session", domain="localhost")
    assert cookie is not None
    form = {"code": wrong, "csrf_token": client.csrf_token()}
    start = threading.Barrier(PARALLEL_GUESSES)

    def guess(_: int) -> str:
        browser = any_db_app.test_client()  # the same browser session, its own connection
        browser.set_cookie("__Host-session", cookie.value, domain="localhost")
        start.wait()
        answer = browser.post(
            f"/relay/v1/jobs/{job.job_id}/claim?lang=en",
            base_url=BASE_URL,
            data=form,
            headers={"Referer": BASE_URL + "/"},
        )
        text = answer.get_data(as_text=True)
        if "does not match" in text:
            return "CODE_WRONG"
        if "Too many wrong codes" in text:
            return "CODE_LOCKED"
        return f"HTTP {answer.status_code}"

    with ThreadPoolExecutor(PARALLEL_GUESSES) as pool:
        outcomes = list(pool.map(guess, range(PARALLEL_GUESSES)))
    evaluated = outcomes.count("CODE_WRONG")
    assert evaluated == card_sessions.MAX_CODE_ATTEMPTS, outcomes
    assert outcomes.count("CODE_LOCKED") == PARALLEL_GUESSES - evaluated, outcomes
    with any_db_app.app_context():
        stored = db.session.get(RelayJob, job.job_id)
        assert stored is not None and stored.code_attempts == card_sessions.MAX_CODE_ATTEMPTS
    # The right code comes too late: the job stays locked.
    late = client.post(f"/relay/v1/jobs/{job.job_id}/claim?lang=en", {"code": code})
    assert late.status_code == 422 and "Too many wrong codes" in late.get_data(as_text=True)


def test_parallel_claims_of_one_result_succeed_once(any_db_app: Flask) -> None:
    client = PageClient(any_db_app)
    job = start_job(client)
    assert as_json(FakeAgent(client).run(job.ticket))["status"] == "verified"
    statuses = _in_parallel(any_db_app, client, f"/relay/v1/jobs/{job.job_id}/claim", {})
    assert sorted(statuses) == [303] + [409] * (PARALLEL_GUESSES - 1), statuses


def _in_parallel(app: Flask, client: PageClient, path: str, data: dict[str, str]) -> list[int]:
    """POST ``data`` to ``path`` from PARALLEL_GUESSES threads at once, as ``client``'s browser."""
    cookie = client.http.get_cookie("__Host-session", domain="localhost")
    assert cookie is not None
    form = {**data, "csrf_token": client.csrf_token()}
    start = threading.Barrier(PARALLEL_GUESSES)

    def post(_: int) -> int:
        browser = app.test_client()
        browser.set_cookie("__Host-session", cookie.value, domain="localhost")
        start.wait()
        answer = browser.post(path, base_url=BASE_URL, data=form, headers={"Referer": BASE_URL})
        return answer.status_code

    with ThreadPoolExecutor(PARALLEL_GUESSES) as pool:
        return list(pool.map(post, range(PARALLEL_GUESSES)))


def _victims_card() -> JpkiCard:
    return JpkiCard(VirtualTransport(default_card()))
