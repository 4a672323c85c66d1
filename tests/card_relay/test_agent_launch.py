"""The agent over HTTP against a stand-in server: launch checks, the PIN page, the PIN form."""

from __future__ import annotations

import logging

import pytest
from bs4 import BeautifulSoup

from card_relay.agent import AgentServer
from card_relay.errors import NoReader
from tests.card_relay.test_agent_helpers import PIN, FakeRelay, SwitchableSource, Visitor


def pin_form(html: str) -> dict[str, str]:
    """The hidden fields of the agent's PIN form, as a visitor would send them back."""
    page = BeautifulSoup(html, "html.parser")
    return {
        str(field["name"]): str(field.get("value", ""))
        for field in page.select("form input[type=hidden]")
    }


def tries_left(html: str) -> str:
    found = BeautifulSoup(html, "html.parser").select_one("#tries-left")
    assert found is not None, "the PIN page shows no tries left"
    return found.get_text()


def test_a_wrong_host_header_is_refused_before_anything_else(
    visitor: Visitor, relay: FakeRelay, agent: AgentServer
) -> None:
    job = relay.add()
    answer = visitor.launch(job.ticket, Host=f"evil.example:{agent.port}")
    assert answer.status_code == 421
    assert relay.redeem_calls == 0
    assert visitor.post_pin({"csrf": "x"}, Host="evil.example").status_code == 421


@pytest.mark.parametrize("referer", [None, "http://evil.example/", "https://localhost/"])
def test_a_launch_from_another_site_is_refused(
    visitor: Visitor, relay: FakeRelay, referer: str | None
) -> None:
    job = relay.add()
    headers = {"Referer": referer} if referer else {}
    if referer is None:
        visitor.http.headers.pop("Referer", None)
        answer = visitor.http.get(
            f"{visitor.agent.url}/card-relay/v1/launch", params={"t": job.ticket}, timeout=10
        )
    else:
        answer = visitor.launch(job.ticket, **headers)
    assert answer.status_code == 403
    assert "did not come from the site" in answer.text or "依頼ではない" in answer.text
    assert relay.redeem_calls == 0


def test_authentication_through_the_pin_page(visitor: Visitor, relay: FakeRelay) -> None:
    job = relay.add(lang="en")
    page = visitor.launch(job.ticket)
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert f"form-action 'self' {relay.url}" in csp
    html = BeautifulSoup(page.text, "html.parser")
    assert html.html is not None and html.html["lang"] == "en"
    assert len(html.find_all("h1")) == 1
    assert relay.url in page.text
    assert "Sign in / register with your card (4-digit PIN)" in page.text
    assert "simulated card" in page.text  # the demo's source is the simulated card
    assert tries_left(page.text) == "3"
    field = html.select_one("input#pin")
    assert field is not None
    assert (field["type"], field["inputmode"], field["autocomplete"]) == (
        "password",
        "numeric",
        "off",
    )
    assert html.select_one("label[for=pin]") is not None
    assert not html.find_all("script") and not html.find_all(style=True)
    assert job.progress == ["pin"]

    done = visitor.post_pin({**pin_form(page.text), "pin": PIN, "action": "continue"})
    assert done.status_code == 303
    assert done.headers["Location"] == f"{relay.url}/relay/return?j={job.job_id}"
    assert job.progress == ["pin", "working"]
    assert "certificate" in job.results[0]
    assert visitor.http.get(f"{visitor.agent.url}/card-relay/v1/agent.css", timeout=5).ok


def test_a_wrong_pin_is_reported_with_tries_left(visitor: Visitor, relay: FakeRelay) -> None:
    job = relay.add()
    page = visitor.launch(job.ticket)
    done = visitor.post_pin({**pin_form(page.text), "pin": "0000", "action": "continue"})
    assert done.status_code == 303
    assert job.results == [{"error": {"code": "PIN_WRONG", "tries_left": 2}}]

    again = relay.add()
    assert tries_left(visitor.launch(again.ticket).text) == "2"


def test_a_job_for_another_origin_is_refused(visitor: Visitor, relay: FakeRelay) -> None:
    job = relay.add()
    job.origin = "https://phish.example"
    answer = visitor.launch(job.ticket)
    assert answer.status_code == 403
    assert job.progress == []  # the card was never touched
    assert job.results == [{"error": {"code": "WRONG_ORIGIN"}}]


def test_the_pin_form_needs_the_jobs_csrf_token(visitor: Visitor, relay: FakeRelay) -> None:
    job = relay.add()
    page = visitor.launch(job.ticket)
    forged = visitor.post_pin({"csrf": "guessed", "pin": PIN, "action": "continue"})
    assert forged.status_code == 403
    assert job.results == []
    other_origin = visitor.post_pin(
        {**pin_form(page.text), "pin": PIN}, Origin="http://evil.example"
    )
    assert other_origin.status_code == 403
    assert job.results == []
    done = visitor.post_pin({**pin_form(page.text), "pin": PIN, "action": "continue"})
    assert done.status_code == 303
    # A late second post of the same form goes back to the site; nothing is sent twice.
    assert visitor.post_pin({**pin_form(page.text), "pin": PIN}).status_code == 303
    assert len(job.results) == 1


def test_a_malformed_pin_costs_no_try(visitor: Visitor, relay: FakeRelay) -> None:
    job = relay.add()
    page = visitor.launch(job.ticket)
    again = visitor.post_pin({**pin_form(page.text), "pin": "12a", "action": "continue"})
    assert again.status_code == 200
    assert "Enter the 4 digits" in again.text
    assert tries_left(again.text) == "3" and job.results == []
    done = visitor.post_pin({**pin_form(again.text), "pin": "８６４２", "action": "continue"})
    assert done.status_code == 303  # full-width digits from an IME are folded
    assert "certificate" in job.results[0]


def test_the_last_try_needs_an_extra_confirmation(
    visitor: Visitor, relay: FakeRelay, source: SwitchableSource
) -> None:
    for _ in range(2):
        job = relay.add()
        visitor.post_pin({**pin_form(visitor.launch(job.ticket).text), "pin": "0000"})
    job = relay.add()
    page = visitor.launch(job.ticket)
    assert tries_left(page.text) == "1"
    assert BeautifulSoup(page.text, "html.parser").select_one("input#confirm[required]")
    refused = visitor.post_pin({**pin_form(page.text), "pin": PIN, "action": "continue"})
    assert refused.status_code == 200 and "Tick the box" in refused.text
    assert job.results == []
    done = visitor.post_pin({**pin_form(page.text), "pin": PIN, "confirm": "yes"})
    assert done.status_code == 303
    assert "certificate" in job.results[0]


def test_a_blocked_pin_goes_straight_back(visitor: Visitor, relay: FakeRelay) -> None:
    for _ in range(3):
        job = relay.add()
        form = pin_form(visitor.launch(job.ticket).text)
        visitor.post_pin({**form, "pin": "0000", "confirm": "yes"})
    job = relay.add()
    answer = visitor.launch(job.ticket)
    assert answer.status_code == 303
    assert job.results == [{"error": {"code": "PIN_BLOCKED"}}]


def test_no_reader_is_reported_and_the_browser_sent_back(
    visitor: Visitor, relay: FakeRelay, source: SwitchableSource
) -> None:
    source.fail_with = NoReader("unplugged")
    job = relay.add()
    answer = visitor.launch(job.ticket)
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/relay/return?j={job.job_id}")
    assert job.progress == ["waiting_reader"]
    assert job.results == [{"error": {"code": "NO_READER"}}]
    source.fail_with = None  # plugged in again: the next job works
    assert visitor.launch(relay.add().ticket).status_code == 200


def test_a_card_pulled_out_at_the_pin_page(
    visitor: Visitor, relay: FakeRelay, source: SwitchableSource
) -> None:
    job = relay.add()
    page = visitor.launch(job.ticket)
    assert source.transport is not None
    source.transport.remove_card()
    done = visitor.post_pin({**pin_form(page.text), "pin": PIN, "action": "continue"})
    assert done.status_code == 303
    assert job.results == [{"error": {"code": "CARD_REMOVED"}}]


@pytest.mark.parametrize(
    ("code", "status", "text"),
    [("TICKET_USED", 409, "already been used"), ("TICKET_UNKNOWN", 404, "is unknown")],
)
def test_redeem_refusals_show_the_agents_own_page(
    visitor: Visitor, relay: FakeRelay, code: str, status: int, text: str
) -> None:
    job = relay.add()
    if code == "TICKET_USED":
        job.redeemed = True
        ticket = job.ticket
    else:
        ticket = "not-a-ticket"
    answer = visitor.launch(ticket, **{"Accept-Language": "en"})
    assert answer.status_code == status
    assert text in answer.text
    assert relay.url in answer.text  # a link back to the site


def test_the_pin_never_reaches_a_log_or_the_server(
    visitor: Visitor, relay: FakeRelay, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(1)  # everything, APDU traffic included
    job = relay.add()
    page = visitor.launch(job.ticket)
    visitor.post_pin({**pin_form(page.text), "pin": PIN, "action": "continue"})
    wrong = relay.add()
    page = visitor.launch(wrong.ticket)
    visitor.post_pin({**pin_form(page.text), "pin": "9753", "action": "continue"})
    assert any(r.name == "card_relay.traffic" for r in caplog.records)
    assert any("blanked" in r.getMessage() for r in caplog.records)
    for secret in (PIN, "9753", PIN.encode().hex(), b"9753".hex()):
        assert secret not in caplog.text
        assert not any(secret.encode() in body for body in relay.bodies)
        assert not any(secret in line for line in relay.headers)
    assert logging.getLogger("card_relay.agent").isEnabledFor(logging.INFO)
