"""Passkey accounts through the HTTP endpoints, with a software authenticator."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.routes.auth import CEREMONY_KEY
from app.services import passkeys
from app.storage.models import Challenge, Credential, User
from tests.conftest import build_app
from tests.helpers.authenticator import SoftAuthenticator
from tests.helpers.client import PageClient


def test_creating_an_account_signs_in_and_shows_the_four_procedures(client: PageClient) -> None:
    response = client.sign_up("Hanako")
    assert response.status_code == 200
    assert response.get_json()["redirect"].startswith("/dashboard")
    soup = client.get_page("/dashboard?lang=en")
    tasks = [a.get_text(strip=True) for a in soup.select(".task-list__name a")]
    assert tasks == [
        "Apply for the My Number Card",
        "Take the ID photo",
        "Register the card for health insurance",
        "Join National Health Insurance",
    ]
    assert "Signed in as Hanako." in soup.get_text()


def test_sign_out_then_sign_in_with_the_same_passkey(client: PageClient) -> None:
    client.sign_up("Hanako")
    client.sign_out()
    assert client.get("/dashboard").status_code == 302
    response = client.sign_in()
    assert response.status_code == 200
    assert client.get("/dashboard").status_code == 200


def test_sign_in_rotates_the_session_cookie(client: PageClient) -> None:
    client.sign_up("Hanako")
    client.sign_out()
    client.get_page("/sign-in")
    before = client.http.get_cookie("__Host-session", domain="localhost")
    client.sign_in()
    after = client.http.get_cookie("__Host-session", domain="localhost")
    assert before is not None and after is not None and before.value != after.value


def test_sign_in_returns_to_the_page_that_asked_for_it(client: PageClient) -> None:
    client.sign_up("Hanako")
    client.sign_out()
    redirect = client.get("/account").headers["Location"]
    assert redirect == "/sign-in?next=/account"
    begin = client.post("/auth/sign-in/begin", headers={"Accept": "application/json"})
    answer = client.authenticator.get(begin.get_data(as_text=True))
    response = client.post_json("/auth/sign-in/complete?next=/account", answer)
    assert response.get_json()["redirect"] == "/account"


def test_a_challenge_works_only_once(client: PageClient) -> None:
    client.sign_up("Hanako")
    client.sign_out()
    begin = client.post("/auth/sign-in/begin", headers={"Accept": "application/json"})
    answer = client.authenticator.get(begin.get_data(as_text=True))
    with client.http.session_transaction() as session:
        challenge_id = session[CEREMONY_KEY]
    assert client.post_json("/auth/sign-in/complete", answer).status_code == 200
    client.forget_csrf()
    assert client.sign_out().status_code == 303
    with client.http.session_transaction() as session:
        session[CEREMONY_KEY] = challenge_id  # replay the used challenge
    replay = client.post_json("/auth/sign-in/complete", answer)
    assert replay.status_code == 400
    assert client.get("/dashboard").status_code == 302


def test_an_expired_challenge_is_refused(app: Flask) -> None:
    rp = passkeys.RelyingParty("localhost", "test", "https://localhost", timedelta(minutes=5))
    authenticator = SoftAuthenticator()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with app.app_context():
        ceremony = passkeys.begin_registration(db.session, rp, display_name="A", now=start)
        answer = authenticator.create(ceremony.options_json)
        with pytest.raises(passkeys.PasskeyError, match="expired"):
            passkeys.finish_registration(
                db.session, rp, ceremony.challenge_id, answer, now=start + timedelta(minutes=6)
            )
        assert db.session.scalars(select(User)).first() is None


def test_a_response_for_another_site_is_refused(client: PageClient) -> None:
    client.authenticator.origin = "https://evil.example"
    begin = client.post(
        "/auth/register/begin", {"display_name": "Mallory"}, headers={"Accept": "application/json"}
    )
    response = client.post_json(
        "/auth/register/complete", client.authenticator.create(begin.get_data(as_text=True))
    )
    assert response.status_code == 400
    assert client.get("/dashboard").status_code == 302


def test_an_unknown_passkey_cannot_sign_in(client: PageClient) -> None:
    stranger = SoftAuthenticator()
    stranger.create(
        json.dumps({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    )
    begin = client.post("/auth/sign-in/begin", headers={"Accept": "application/json"})
    response = client.post_json(
        "/auth/sign-in/complete", stranger.get(begin.get_data(as_text=True))
    )
    assert response.status_code == 400


def test_empty_display_name_is_refused_with_an_error_summary(client: PageClient) -> None:
    response = client.post("/auth/register/begin?lang=en", {"display_name": "   "})
    assert response.status_code == 422
    from tests.helpers.html import check_page

    soup = check_page(response.get_data(as_text=True))
    assert soup.select_one(".error-summary a")["href"] == "#display_name"
    assert soup.select_one("title").get_text().startswith("Error:")
    assert soup.select_one("#display_name")["aria-invalid"] == "true"


def test_creating_an_account_returns_to_the_step_even_after_an_error(client: PageClient) -> None:
    """The newcomer walk: the return address was lost on the sign-in page's "Create an
    account" link and after an empty name, so the new user landed on the dashboard."""
    step = "/apply/application/start?route=pc"
    sign_in = client.get_page(f"/sign-in?next={step}")
    create = sign_in.select_one("a[href^='/account/create']")["href"]
    assert "next=" in create
    page = client.get_page(create)
    action = page.select_one("form[data-module=passkey-register]")["action"]
    response = client.post(action, {"display_name": "   "})
    assert response.status_code == 422
    from tests.helpers.html import check_page

    retry = check_page(response.get_data(as_text=True)).select_one("form[data-module]")
    assert "next=" in retry["action"] and "next=" in retry["data-complete-url"]


def test_sign_up_without_javascript_explains_what_is_needed(client: PageClient) -> None:
    response = client.post("/auth/register/begin?lang=en", {"display_name": "Hanako"})
    assert response.status_code == 400
    assert "JavaScript" in response.get_data(as_text=True)


def test_add_a_second_passkey_then_remove_one_but_never_the_last(
    signed_in: PageClient, app: Flask
) -> None:
    client = signed_in
    begin = client.post("/account/passkeys/add/begin", headers={"Accept": "application/json"})
    options = json.loads(begin.get_data(as_text=True))
    assert len(options["excludeCredentials"]) == 1  # the authenticator is told what exists
    added = client.post_json(
        "/account/passkeys/add/complete", client.authenticator.create(begin.get_data(as_text=True))
    )
    assert added.status_code == 200
    soup = client.get_page("/account?lang=en")
    forms = soup.select("form[action*='/remove']")
    assert len(forms) == 2
    assert client.post(forms[0]["action"]).status_code == 303
    soup = client.get_page("/account?lang=en")
    last = soup.select_one("form[action*='/remove']")["action"]
    refused = client.post(last + "?lang=en")
    assert refused.status_code == 422
    assert "only passkey" in refused.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(Credential)).all()) == 1


def test_cannot_remove_someone_elses_passkey(client: PageClient, app: Flask) -> None:
    client.sign_up("Owner")
    with app.app_context():
        owner_credential = db.session.scalars(select(Credential)).one()
    from webauthn.helpers import bytes_to_base64url

    other = PageClient(app)
    other.sign_up("Other")
    response = other.post(f"/account/passkeys/{bytes_to_base64url(owner_credential.id)}/remove")
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Credential, owner_credential.id) is not None


def test_used_and_expired_challenges_do_not_pile_up(app: Flask) -> None:
    rp = passkeys.RelyingParty("localhost", "test", "https://localhost", timedelta(minutes=5))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with app.app_context():
        passkeys.begin_authentication(db.session, rp, now=start)
        passkeys.begin_authentication(db.session, rp, now=start + timedelta(minutes=10))
        assert len(db.session.scalars(select(Challenge)).all()) == 1


def test_ceremony_endpoints_are_rate_limited(tmp_path: Path) -> None:
    app = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_CEREMONY="2 per minute")
    client = PageClient(app)
    statuses = [
        client.post("/auth/sign-in/begin", headers={"Accept": "application/json"}).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
