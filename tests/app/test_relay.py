"""The relay protocol through the HTTP endpoints, with the simulated card as the agent's card."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from app.extensions import db
from app.services import card_sessions
from app.services.card_sessions import RelayError
from card_relay.jpki import JpkiCard
from card_relay.testca import variants
from tests.app.relay_helpers import FakeAgent, as_json, encode, error_body, start_job
from tests.helpers.client import PageClient


def test_full_authentication_reaches_the_page_only_after_the_claim(client: PageClient) -> None:
    job = start_job(client)
    answer = FakeAgent(client).run(job.ticket)
    assert answer.status_code == 200
    body = as_json(answer)
    assert body["status"] == "verified" and "code" not in body
    assert body["return_url"] == f"https://localhost/relay/return?j={job.job_id}"
    before = client.get_page("/relay/try?lang=en&job=" + job.job_id)
    assert "Your card works" not in before.get_text()  # not claimed yet
    returned = client.get_page(f"/relay/return?j={job.job_id}&lang=en")
    claim_form = returned.select_one("form[action$='/claim']")
    assert claim_form["data-module"] == "auto-submit"
    claimed = client.post(claim_form["action"])
    assert claimed.status_code == 303
    assert claimed.headers["Location"] == f"/relay/try?job={job.job_id}"
    page = client.get_page(claimed.headers["Location"] + "&lang=en")
    assert "Your card works" in page.get_text()
    assert page.select_one("[data-testid=not-after]").get_text()[:2] == "20"


def test_progress_reported_by_the_agent_shows_while_the_page_polls(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    response = agent.http.post(
        f"/relay/v1/jobs/{job.job_id}/progress",
        base_url="https://localhost",
        json={"state": "pin"},
        headers={"Authorization": f"Bearer {redeemed['job_token']}"},
    )
    assert response.status_code == 204
    status = client.get_fragment(
        f"/relay/v1/jobs/{job.job_id}/status?lang=en", target="card-relay-status"
    )
    assert "type the PIN in the card reader app" in status.get_text()
    assert status.select_one("#card-relay-status")["hx-trigger"] == "every 1s"


def test_a_finished_job_stops_the_polling_with_286(client: PageClient) -> None:
    job = start_job(client)
    FakeAgent(client).run(job.ticket)
    response = client.get(f"/relay/v1/jobs/{job.job_id}/status", headers={"HX-Request": "true"})
    assert response.status_code == 286
    assert "hx-trigger" not in response.get_data(as_text=True)


def test_a_replayed_result_is_refused(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    result = encode(FakeAgent.card_result(_card(), redeemed))
    assert as_json(agent.post_result(redeemed, result))["status"] == "verified"
    replay = agent.post_result(redeemed, result)
    assert replay.status_code == 409 and as_json(replay)["error"]["code"] == "JOB_DONE"


def test_a_ticket_redeems_only_once(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    assert agent.redeem(job.ticket).status_code == 200
    second = agent.redeem(job.ticket)
    assert second.status_code == 409 and as_json(second)["error"]["code"] == "TICKET_USED"
    assert agent.redeem("not-a-ticket").status_code == 404


def test_an_expired_job_cannot_be_redeemed_or_claimed(app: Flask) -> None:
    start = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    with app.test_request_context():
        new = card_sessions.create_job(
            db.session,
            purpose="auth",
            session_key="s",
            origin="https://localhost",
            lang="en",
            return_to="/",
            ttl=timedelta(minutes=5),
            now=start,
        )
        try:
            card_sessions.redeem_ticket(
                db.session,
                new.ticket,
                reader_kind="desktop",
                now=start + timedelta(minutes=5, seconds=1),
            )
        except RelayError as error:
            assert (error.code, error.status) == ("JOB_EXPIRED", 410)
        else:
            raise AssertionError("an expired ticket was redeemed")
        assert db.session.get(type(new.job), new.job.id).challenge is None


def test_another_browser_session_cannot_see_or_claim_the_result(
    client: PageClient, app: Flask
) -> None:
    job = start_job(client)
    FakeAgent(client).run(job.ticket)
    stranger = PageClient(app)
    assert stranger.get(f"/relay/return?j={job.job_id}").status_code == 404
    assert stranger.post(f"/relay/v1/jobs/{job.job_id}/claim").status_code == 404
    assert client.post(f"/relay/v1/jobs/{job.job_id}/claim").status_code == 303


def test_a_signature_over_another_origin_is_refused(client: PageClient) -> None:
    job = start_job(client)
    answer = as_json(FakeAgent(client).run(job.ticket, origin="https://evil.example"))
    assert answer == {**answer, "status": "failed", "reason": "BAD_SIGNATURE"}
    page = client.get_page(f"/relay/return?j={job.job_id}&lang=en")
    assert "could not be checked" in page.get_text()
    assert page.select_one("form[action$='/claim']") is None


def test_an_auth_certificate_in_a_sign_job_is_refused(client: PageClient, app: Flask) -> None:
    document = _register_document(client, app)
    job = start_job(client, purpose="sign", document=document)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    auth_cert = _card_auth_result(redeemed)
    answer = as_json(agent.post_result(redeemed, auth_cert))
    assert answer["status"] == "failed" and answer["reason"] == "WRONG_PURPOSE"


def test_a_revoked_card_is_refused_with_its_help(client: PageClient) -> None:
    revoked = next(i for i in variants() if i.id == "revoked")
    job = start_job(client)
    answer = as_json(FakeAgent(client).run(job.ticket, identity=revoked))
    assert answer["reason"] == "REVOKED"
    page = client.get_page(f"/relay/return?j={job.job_id}&lang=en")
    assert "has been revoked" in page.get_text()


def test_an_expired_certificate_is_refused_with_the_renewal_steps(client: PageClient) -> None:
    expired = next(i for i in variants() if i.id == "expired")
    job = start_job(client)
    assert as_json(FakeAgent(client).run(job.ticket, identity=expired))["reason"] == "EXPIRED"
    page = client.get_page(f"/relay/return?j={job.job_id}&lang=en")
    assert "Renew the electronic certificate" in page.get_text()


def test_a_wrong_pin_reported_by_the_agent_shows_the_tries_left(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    answer = as_json(agent.post_result(redeemed, error_body("PIN_WRONG", tries_left=2)))
    assert answer["status"] == "failed"
    page = client.get_page(f"/relay/return?j={job.job_id}&lang=en")
    assert "You have 2 tries left before the card locks." in page.get_text()


def test_a_blocked_pin_leads_to_the_reset_routes(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    agent.post_result(agent.redeem(job.ticket).get_json(), error_body("PIN_BLOCKED"))
    text = client.get_page(f"/relay/return?j={job.job_id}&lang=en").get_text()
    assert "convenience-store kiosk" in text and "ward or city office" in text


def test_cross_device_needs_the_code_and_five_wrong_codes_lock_the_job(client: PageClient) -> None:
    job = start_job(client, device="phone")
    assert job.panel.select_one("img.qr-code")["src"].startswith("data:image/svg+xml;base64,")
    answer = as_json(FakeAgent(client, kind="phone").run(job.ticket))
    code = answer["code"]
    assert len(code) == 6 and code.isdigit()
    claim_url = f"/relay/v1/jobs/{job.job_id}/claim"
    wrong = "000000" if code != "000000" else "111111"
    statuses = [client.post(claim_url + "?lang=en", {"code": wrong}).status_code for _ in range(5)]
    assert statuses == [422] * 5
    locked = client.post(claim_url + "?lang=en", {"code": code})
    assert locked.status_code == 422 and "Too many wrong codes" in locked.get_data(as_text=True)


def test_cross_device_right_code_claims(client: PageClient) -> None:
    job = start_job(client, device="phone")
    code = as_json(FakeAgent(client, kind="phone").run(job.ticket))["code"]
    wrong = client.post(f"/relay/v1/jobs/{job.job_id}/claim?lang=en", {"code": "12345"})
    assert "does not match" in wrong.get_data(as_text=True)
    assert client.post(f"/relay/v1/jobs/{job.job_id}/claim", {"code": code}).status_code == 303


def test_signing_a_registered_document_names_the_signer(client: PageClient, app: Flask) -> None:
    document = _register_document(client, app)
    job = start_job(client, purpose="sign", document=document, return_to="/relay/try")
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    assert redeemed["display"]["title"] == "NHI enrolment" and redeemed["hash_alg"] == "SHA-256"
    assert (
        as_json(agent.post_result(redeemed, encode(FakeAgent.card_result(_card(), redeemed))))[
            "status"
        ]
        == "verified"
    )
    client.post(f"/relay/v1/jobs/{job.job_id}/claim")
    outcome = _outcome(client, app, job.job_id)
    assert outcome["name"] == "番号　花子" and outcome["birth_date"] == "1990-04-01"


def test_agent_calls_need_the_job_token(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    forged = agent.post_result({**redeemed, "job_token": "forged"}, error_body("USER_CANCELLED"))
    assert forged.status_code == 403
    too_big = agent.http.post(
        f"/relay/v1/jobs/{job.job_id}/result",
        base_url="https://localhost",
        data=b"{" + b" " * 20000 + b"}",
        content_type="application/json",
        headers={"Authorization": f"Bearer {redeemed['job_token']}"},
    )
    assert too_big.status_code == 413


def test_a_new_job_cancels_the_open_one_of_the_same_purpose(client: PageClient) -> None:
    first = start_job(client)
    start_job(client)
    assert FakeAgent(client).redeem(first.ticket).status_code == 409


def test_starting_a_job_needs_the_csrf_token(client: PageClient) -> None:
    response = client.post("/relay/v1/jobs", {"purpose": "auth"}, csrf=False)
    assert response.status_code == 400


# helpers ---------------------------------------------------------------------------------
def _card() -> JpkiCard:
    from card_relay.simulator import default_card
    from card_relay.virtual import VirtualTransport

    return JpkiCard(VirtualTransport(default_card()))


def _card_auth_result(redeemed: dict) -> dict[str, str]:
    challenge_job = {
        **redeemed,
        "kind": "auth",
        "challenge": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    }
    return encode(FakeAgent.card_result(_card(), challenge_job))


def _register_document(client: PageClient, app: Flask) -> str:
    from app.services.relay_documents import register_document

    client.get_page("/")
    with client.http.session_transaction() as flask_session:
        flask_session.setdefault("relay_sid", "test-session-sid")
        sid = flask_session["relay_sid"]
    import hashlib

    with app.app_context():
        document = register_document(
            db.session,
            data=b'{"applicant": "Hanako"}',
            media_type="application/json",
            title="NHI enrolment",
            lines=["Head of household: Hanako"],
            session_key=hashlib.sha256(sid.encode()).hexdigest(),
        )
        return document.id


def _outcome(client: PageClient, app: Flask, job_id: str) -> dict:
    import hashlib

    with client.http.session_transaction() as flask_session:
        key = hashlib.sha256(flask_session["relay_sid"].encode()).hexdigest()
    with app.app_context():
        outcome = card_sessions.claimed_outcome(db.session, job_id, key)
    assert outcome is not None
    return outcome


def test_an_agent_set_up_for_another_site_is_explained(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    agent.post_result(agent.redeem(job.ticket).get_json(), error_body("WRONG_ORIGIN"))
    text = client.get_page(f"/relay/return?j={job.job_id}&lang=en").get_text()
    assert "set up for another website" in text


def test_an_error_code_outside_the_contract_is_refused(client: PageClient) -> None:
    job = start_job(client)
    agent = FakeAgent(client)
    redeemed = agent.redeem(job.ticket).get_json()
    answer = agent.post_result(redeemed, error_body("PIN_REQUIRED"))
    assert answer.status_code == 400 and as_json(answer)["error"]["code"] == "MALFORMED"
    assert agent.post_result(redeemed, error_body("USER_CANCELLED")).status_code == 200


def _failed_sign_job(client: PageClient, app: Flask, code: str) -> str:
    document = _register_document(client, app)
    job = start_job(client, purpose="sign", document=document)
    agent = FakeAgent(client)
    agent.post_result(agent.redeem(job.ticket).get_json(), error_body(code))
    return job.job_id


def test_a_locked_signature_password_is_reset_with_the_4_digit_pin(
    client: PageClient, app: Flask
) -> None:
    """F2 (jpki.md §3): each password is reset with the other one."""
    job_id = _failed_sign_job(client, app, "PIN_BLOCKED")
    ja = client.get_page(f"/relay/return?j={job_id}&lang=ja").get_text(" ", strip=True)
    assert "署名用電子証明書の暗証番号がロックされました" in ja
    assert "4桁の暗証番号（利用者証明用）が分かれば" in ja and "「JPKI暗証番号リセット」" in ja
    assert "署名用電子証明書の暗証番号（6～16文字）が分かる場合" not in ja
    en = client.get_page(f"/relay/return?j={job_id}&lang=en").get_text(" ", strip=True)
    assert "The signature password has been locked" in en and "if you know your 4-digit PIN" in en
    assert "Kiosks offer the reset from 6:30 to 23:00." in en


def test_a_locked_4_digit_pin_is_reset_with_the_signature_password(client: PageClient) -> None:
    """F1/F2: the auth PIN's kiosk reset needs the signature password and the J-LIS app."""
    job = start_job(client)
    agent = FakeAgent(client)
    agent.post_result(agent.redeem(job.ticket).get_json(), error_body("PIN_BLOCKED"))
    ja = client.get_page(f"/relay/return?j={job.job_id}&lang=ja").get_text(" ", strip=True)
    assert "署名用電子証明書の暗証番号（6～16文字）が分かる場合は" in ja
    assert "「JPKI暗証番号リセット」" in ja and "マイナポータルアプリ" not in ja


def test_a_wrong_signature_password_says_five_tries(client: PageClient, app: Flask) -> None:
    job_id = _failed_sign_job(client, app, "PIN_WRONG")
    en = client.get_page(f"/relay/return?j={job_id}&lang=en").get_text(" ", strip=True)
    assert "locks after 5 wrong tries" in en
    ja = client.get_page(f"/relay/return?j={job_id}&lang=ja").get_text(" ", strip=True)
    assert "5回続けて間違えるとロックされます" in ja


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "for example after a report of loss"), ("ja", "紛失の届出などで電子証明書が失効")],
)
def test_a_revoked_auth_certificate_does_not_blame_a_move(
    client: PageClient, lang: str, says: str
) -> None:
    """F3 (S0:153-154): only the signature certificate ends with a move."""
    revoked = next(i for i in variants() if i.id == "revoked")
    job = start_job(client)
    FakeAgent(client).run(job.ticket, identity=revoked)
    text = client.get_page(f"/relay/return?j={job.job_id}&lang={lang}").get_text(" ", strip=True)
    assert says in text
    assert "move" not in text and "住所" not in text


def test_a_revoked_signature_certificate_names_the_move(client: PageClient, app: Flask) -> None:
    revoked = next(i for i in variants() if i.id == "revoked")
    job = start_job(client, purpose="sign", document=_register_document(client, app))
    assert as_json(FakeAgent(client).run(job.ticket, identity=revoked))["reason"] == "REVOKED"
    job_id = job.job_id
    en = client.get_page(f"/relay/return?j={job_id}&lang=en").get_text(" ", strip=True)
    assert "ends when your address or name changes" in en
    ja = client.get_page(f"/relay/return?j={job_id}&lang=ja").get_text(" ", strip=True)
    assert "住所や氏名が変わると署名用電子証明書は失効します" in ja
