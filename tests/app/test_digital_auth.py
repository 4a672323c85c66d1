"""The card step through the Digital Authentication App, against its stand-in, over real HTTP:
the app's OpenID Connect client (Authlib) talks to the stand-in provider served by the same
site, and the stand-in reads the simulated card issued by the test CA the site trusts.

A phone (its User-Agent) sees the app as its route; the result lands in a relay job that the
journeys read as before, signatures checked by the same code as relay results.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from flask import Flask

from app.extensions import db
from app.services import card_sessions
from app.storage.models import RelayJob
from card_relay.testca import TestCa, load_or_create
from e2e.server import LiveServer
from tests.card_relay import test_relay_support
from tests.card_relay.test_relay_support import SitePage
from tests.helpers.client import PageClient

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
AUTH_PIN, SIGN_PIN = "1234", "ABCD1234"  # the simulated card's (docs/card_relay.md)
site = test_relay_support.site  # the live site fixture, the same as the relay tests'


@pytest.fixture(scope="module")
def testca(tmp_path_factory: pytest.TempPathFactory) -> TestCa:
    return load_or_create(tmp_path_factory.mktemp("testca"))


@pytest.fixture
def phone(site: LiveServer) -> SitePage:
    page = SitePage(site)
    page.http.headers["User-Agent"] = IPHONE
    return page


def start(phone: SitePage, purpose: str, **extra: str) -> BeautifulSoup:
    """The card step's app button, as the phone's browser sends it; the app's page."""
    page = phone.open_try_page()
    form = page.select_one("form[action='/relay/app/start']")
    assert form is not None, "a phone is not offered the Digital Authentication App"
    answer = phone.http.post(
        phone.site.url + "/relay/app/start",
        data={"csrf_token": phone.csrf, "purpose": purpose, "return_to": "/relay/try", **extra},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    assert "/standin/digital-auth/protocol/openid-connect/auth?" in answer.url
    query = parse_qs(urlsplit(answer.url).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"] and query["state"]
    return BeautifulSoup(answer.text, "html.parser")


def answer_app(
    phone: SitePage, app_page: BeautifulSoup, pin: str, action: str = "continue"
) -> requests.Response:
    form = app_page.select_one("form[action*='/standin/digital-auth/app/']")
    assert form is not None
    fields = {str(i["name"]): str(i.get("value", "")) for i in form.select("input[type=hidden]")}
    return phone.http.post(
        phone.site.url + str(form["action"]),
        data={**fields, "pin": pin, "action": action},
        timeout=30,
    )


def job_of(site: LiveServer, url: str) -> RelayJob:
    job_id = parse_qs(urlsplit(url).query)["job"][0]
    with site.app.app_context():
        job = db.session.get(RelayJob, job_id)
        assert job is not None
        db.session.expunge(job)
        return job


def test_a_phone_checks_its_card_through_the_app(phone: SitePage, site: LiveServer) -> None:
    app_page = start(phone, "auth")
    assert app_page.select_one("[data-testid=standin-banner]") is not None  # clearly a stand-in
    done = answer_app(phone, app_page, AUTH_PIN)
    assert done.status_code == 200
    assert urlsplit(done.url).path == "/relay/try"
    assert "Your card works" in done.text
    job = job_of(site, done.url)
    assert job.state == "verified" and job.claimed_at is not None
    with site.app.app_context():
        outcome = card_sessions.read_outcome(job)
    assert outcome["issuer"] == site.url + "/standin/digital-auth"
    assert outcome["not_after"][:2] == "20"


def test_signing_through_the_app_is_checked_like_a_relay_signature(
    phone: SitePage, site: LiveServer
) -> None:
    document = phone.register_document(
        "国民健康保険 加入の申請", ["氏名: 番号　花子"], b"canonical"
    )
    app_page = start(phone, "sign", document=document)
    assert "Your signature on a document" in app_page.get_text()
    done = answer_app(phone, app_page, SIGN_PIN)
    job = job_of(site, done.url)
    assert job.state == "verified" and job.claimed_at is not None
    with site.app.app_context():
        outcome = card_sessions.read_outcome(job)
    assert outcome["name"] == "番号　花子"
    assert outcome["document_id"] == document
    assert outcome["revocation_checked"] is True  # the relay's own checks ran, with the CRL


def test_a_wrong_pin_or_cancel_comes_back_as_not_done(phone: SitePage, site: LiveServer) -> None:
    done = answer_app(phone, start(phone, "auth"), "9999")
    assert urlsplit(done.url).path == "/relay/return"
    job_id = parse_qs(urlsplit(done.url).query)["j"][0]
    with site.app.app_context():
        job = db.session.get(RelayJob, job_id)
        assert job is not None and job.state == "failed" and job.claimed_at is None


def test_a_callback_with_another_state_verifies_nothing(phone: SitePage, site: LiveServer) -> None:
    app_page = start(phone, "auth")
    form = app_page.select_one("form[action*='/standin/digital-auth/app/']")
    assert form is not None
    forged = phone.http.get(
        site.url + "/relay/app/callback", params={"code": "x", "state": "forged"}, timeout=30
    )
    assert urlsplit(forged.url).path == "/relay/try"
    assert "Your card works" not in forged.text


def test_a_real_domain_without_configuration_offers_no_app_and_no_stand_in(
    app: Flask, client: PageClient
) -> None:
    app.config.update(TESTING=False, RP_ID="myna.example.jp")
    assert client.get("/standin/digital-auth/.well-known/openid-configuration").status_code == 404
    page = client.get_page("/relay/try?lang=en", headers={"User-Agent": IPHONE})
    assert page.select_one("form[action='/relay/app/start']") is None
    assert page.select_one("[data-testid=no-phone-route]") is not None
    assert page.select_one("button[value=computer]") is None  # a phone cannot run the agent
