"""A resident who leaves the agent's PIN page is never locked out: the next launch takes over.

Before: a second launch got 409 "Another card request is in progress" until the abandoned job
timed out (2 minutes for the PIN, up to the job's 5-minute expiry), with no way to cancel it.
"""

from __future__ import annotations

import time

from card_relay.agent import AgentServer
from tests.card_relay import test_agent_helpers as h
from tests.card_relay.test_agent_helpers import FakeRelay, Visitor
from tests.card_relay.test_agent_launch import pin_form


def test_a_new_launch_ends_the_abandoned_pin_page_at_once(
    visitor: Visitor, relay: FakeRelay, agent: AgentServer
) -> None:
    first, second = relay.add(), relay.add()
    abandoned = visitor.launch(first.ticket)
    assert abandoned.status_code == 200
    started = time.monotonic()
    page = visitor.launch(second.ticket)
    waited = time.monotonic() - started
    assert page.status_code == 200, page.text
    assert 'name="pin"' in page.text
    assert first.results == [{"error": {"code": "USER_CANCELLED"}}]  # the site hears it
    assert waited < agent.agent.pin_timeout  # not after the abandoned job's timeout
    # The abandoned page's form, posted late, goes back to the site instead of the card.
    late = visitor.post_pin({**pin_form(abandoned.text), "pin": h.PIN})
    assert late.status_code == 303
    assert late.headers["Location"].endswith(f"/relay/return?j={first.job_id}")
    done = visitor.post_pin({**pin_form(page.text), "pin": h.PIN})
    assert done.status_code == 303
    assert "certificate" in second.results[0]


def test_the_same_tab_reloading_keeps_its_pin_page(visitor: Visitor, relay: FakeRelay) -> None:
    job = relay.add()
    page = visitor.launch(job.ticket)
    assert pin_form(visitor.launch(job.ticket).text) == pin_form(page.text)
    assert job.results == []


def test_a_launch_the_site_never_issued_does_not_end_the_waiting_job(
    visitor: Visitor, relay: FakeRelay
) -> None:
    job = relay.add()
    page = visitor.launch(job.ticket)
    refused = visitor.launch("not-a-ticket-the-site-issued")
    assert refused.status_code == 404
    assert job.results == []  # still waiting for its PIN
    assert visitor.post_pin({**pin_form(page.text), "pin": h.PIN}).status_code == 303
    assert "certificate" in job.results[0]


def test_cancel_on_the_pin_page_returns_to_the_site_and_frees_the_agent(
    visitor: Visitor, relay: FakeRelay
) -> None:
    first, second = relay.add(), relay.add()
    page = visitor.launch(first.ticket)
    back = visitor.post_pin({**pin_form(page.text), "action": "cancel"})
    assert back.status_code == 303
    assert back.headers["Location"] == f"{relay.url}/relay/return?j={first.job_id}"
    assert first.results == [{"error": {"code": "USER_CANCELLED"}}]
    assert visitor.launch(second.ticket).status_code == 200
