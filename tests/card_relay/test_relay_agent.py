"""The agent and the reference reader against the REAL app, with the simulated card behind REAL
pcscd + vpcd: launch, PIN page, VERIFY and signature through PC/SC, result, return, claim."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from card_relay.agent import AgentServer, PcscSource
from e2e.server import LiveServer
from tests.card_relay import test_pcscd, test_relay_support
from tests.card_relay.test_pcscd import Simulator
from tests.card_relay.test_relay_support import Background, SitePage, start_agent

pytestmark = pytest.mark.card

vpcd_reader, simulator, site = test_pcscd.vpcd_reader, test_pcscd.simulator, test_relay_support.site
AUTH_PIN, SIGN_PIN = "1234", "ABCD1234"  # the default identity's (docs/card_relay.md)


@pytest.fixture
def agent(site: LiveServer, simulator: Simulator) -> Iterator[AgentServer]:
    httpd = start_agent(site, PcscSource(simulator.reader), card_timeout=20, pin_timeout=60)
    yield httpd
    httpd.stop()


@pytest.fixture
def site_page(site: LiveServer) -> SitePage:
    return SitePage(site)


def test_authentication_through_pcscd_ends_signed_in_on_the_page(
    site_page: SitePage, agent: AgentServer
) -> None:
    launch = site_page.start("auth")
    pin_page = site_page.launch(launch)
    assert pin_page.status_code == 200, pin_page.text
    assert 'id="tries-left">3<' in pin_page.text
    assert site_page.site.url in pin_page.text  # the origin the user is signing in to
    back = site_page.post_pin(pin_page, pin=AUTH_PIN)
    assert back.status_code == 303
    assert back.headers["Location"] == f"{site_page.site.url}/relay/return?j={launch.job_id}"
    done = site_page.claim(back.headers["Location"])
    assert done.h1 is not None and "Try your card reader" in done.h1.get_text()
    assert "Your card works" in done.get_text()


def test_a_wrong_pin_comes_back_with_the_tries_left(
    site_page: SitePage, agent: AgentServer
) -> None:
    launch = site_page.start("auth")
    back = site_page.post_pin(site_page.launch(launch), pin="9999")
    assert back.status_code == 303
    text = site_page.get(back.headers["Location"]).text
    assert "The PIN was wrong" in text
    assert "You have 2 tries left before the card locks." in text
    # The card's own counter agrees, and the next launch shows it before asking.
    assert 'id="tries-left">2<' in site_page.launch(site_page.start("auth")).text


def test_a_card_pulled_out_at_the_pin_page_then_the_next_job_works(
    site_page: SitePage, agent: AgentServer, simulator: Simulator
) -> None:
    pin_page = site_page.launch(site_page.start("auth"))
    assert pin_page.status_code == 200
    simulator.command("remove")
    simulator.wait_for(present=False)
    back = site_page.post_pin(pin_page, pin=AUTH_PIN)
    assert back.status_code == 303
    assert "The card was not found or was moved" in site_page.get(back.headers["Location"]).text

    simulator.command("insert")
    simulator.wait_for(present=True)
    launch = site_page.start("auth")
    back = site_page.post_pin(site_page.launch(launch), pin=AUTH_PIN)
    assert "Your card works" in site_page.claim(back.headers["Location"]).get_text()


def test_the_agent_waits_for_a_card_put_in_late(
    site_page: SitePage, agent: AgentServer, simulator: Simulator
) -> None:
    simulator.command("remove")
    simulator.wait_for(present=False)
    launch = site_page.start("auth")
    held = Background(lambda: site_page.launch(launch))
    deadline = time.monotonic() + 20
    while "Waiting for the card…" not in site_page.status_text(launch.job_id):
        assert time.monotonic() < deadline, "the site_page never said it waits for the card"
        time.sleep(0.1)  # the site_page's own polling interval is 1 s; this only waits for it
    simulator.command("insert")
    pin_page = held.join()
    assert getattr(pin_page, "status_code", None) == 200


def test_signing_a_document_shows_its_summary_and_the_disclosure(
    site_page: SitePage, agent: AgentServer
) -> None:
    document = site_page.register_document(
        "国民健康保険 加入の申請", ["氏名: 番号　花子", "加入日: 2026-11-24"], b"canonical form"
    )
    launch = site_page.start("sign", document=document)
    pin_page = site_page.launch(launch)
    assert pin_page.status_code == 200, pin_page.text
    for shown in ("国民健康保険 加入の申請", "氏名: 番号　花子", "Signature PIN", "address"):
        assert shown in pin_page.text
    assert 'id="tries-left">5<' in pin_page.text
    back = site_page.post_pin(pin_page, pin=SIGN_PIN)
    assert back.status_code == 303
    assert "Your card was read and checked." in site_page.get(back.headers["Location"]).text


def test_the_reference_reader_as_the_phone(
    site_page: SitePage, site: LiveServer, simulator: Simulator
) -> None:
    launch = site_page.start("auth", device="phone")
    assert launch.app_link.startswith(f"{site.url}/relay/app#t=")
    env = {**os.environ, "PHONE_PIN": AUTH_PIN}
    reader = [str(Path(sys.executable).with_name("card-relay")), "reader", "--server", site.url]
    ran = subprocess.run(
        [
            *reader,
            "--ticket",
            launch.app_link,
            "--pin-env",
            "PHONE_PIN",
            "--reader",
            simulator.reader,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert AUTH_PIN not in ran.stdout + ran.stderr.replace(site.url, "")
    assert "status: verified" in ran.stdout
    found = re.search(r"^code: (\d{6})$", ran.stdout, re.MULTILINE)
    assert found, ran.stdout
    return_url = f"{site.url}/relay/return?j={launch.job_id}"
    assert "Your card works" in site_page.claim(return_url, code=found.group(1)).get_text()
