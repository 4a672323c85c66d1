"""The insurance journey through the test client, with the simulated card as the agent's card."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.storage.models import InsuranceRegistration, RelayJob
from card_relay.testca import identity as identities
from card_relay.testca import variants
from tests.app.relay_helpers import FakeAgent, as_json, error_body, start_job
from tests.helpers.client import PageClient

REGISTER = "/insurance/register"


def answer(client: PageClient, question: str, value: str) -> str:
    response = client.post(f"/insurance/questions/{question}", {question.replace("-", "_"): value})
    assert response.status_code == 303, response.get_data(as_text=True)
    return str(response.headers["Location"])


def read_card(client: PageClient, return_to: str, **run: object) -> str:
    """Start a job from the page, let the simulated card answer, claim it: the return URL."""
    job = start_job(client, return_to=return_to)
    assert as_json(FakeAgent(client).run(job.ticket, **run))["status"] == "verified"  # type: ignore[arg-type]
    claimed = client.post(f"/relay/v1/jobs/{job.job_id}/claim")
    assert claimed.status_code == 303
    return str(claimed.headers["Location"])


def agree_to_terms(client: PageClient) -> None:
    assert client.post("/insurance/terms", {"agree": "y"}).headers["Location"] == REGISTER


def register(client: PageClient, **run: object) -> str:
    agree_to_terms(client)
    landed = client.get(read_card(client, REGISTER, **run))
    assert landed.status_code == 303
    return str(landed.headers["Location"])


def test_readiness_questions_lead_to_the_card_step(client: PageClient) -> None:
    assert answer(client, "have-card", "yes") == "/insurance/questions/face-card"
    assert answer(client, "face-card", "pin") == "/insurance/questions/know-pin"
    assert answer(client, "know-pin", "yes") == "/insurance/questions/device"
    assert answer(client, "device", "computer") == "/insurance/prepare"
    page = client.get_page("/insurance/prepare?lang=en")
    assert page.select_one("a.button")["href"] == "/insurance/terms"
    # Back on a question, the answer is remembered.
    device = client.get_page("/insurance/questions/device")
    assert device.select_one("input[value=computer]").has_attr("checked")
    assert device.select_one("a.back-link")["href"] == "/insurance/questions/know-pin"
    assert (
        client.get_page("/insurance/questions/have-card").select_one("a.back-link")["href"]
        == "/insurance/"
    )


def test_not_sure_of_the_pin_shows_the_lock_rule_and_reset_routes_before_any_try(
    client: PageClient,
) -> None:
    assert answer(client, "know-pin", "not_sure") == "/insurance/result/pin-not-sure"
    text = client.get_page("/insurance/result/pin-not-sure?lang=en").get_text()
    assert "After 3 wrong tries in total the PIN locks" in text
    assert "convenience-store kiosk" in text and "city or ward office" in text
    assert answer(client, "know-pin", "no") == "/insurance/result/pin-reset"


def test_blocking_answers_lead_to_result_pages(client: PageClient) -> None:
    assert answer(client, "have-card", "no") == "/insurance/result/no-card"
    assert answer(client, "face-card", "face_only") == "/insurance/result/face-card"
    text = client.get_page("/insurance/result/face-card?lang=en").get_text()
    assert "face recognition" in text and "Seven Bank" in text
    assert answer(client, "device", "neither") == "/insurance/result/no-device"


def test_a_missing_answer_is_an_error_with_its_summary(client: PageClient) -> None:
    response = client.post("/insurance/questions/know-pin?lang=en", {})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "<title>Error:" in text and "Select whether you know your 4-digit PIN" in text


def test_the_terms_must_be_agreed_before_the_card_step(client: PageClient) -> None:
    assert client.get(REGISTER).headers["Location"] == "/insurance/terms"
    response = client.post("/insurance/terms?lang=en", {})
    assert response.status_code == 422
    assert "Agree to the terms" in response.get_data(as_text=True)
    agree_to_terms(client)
    page = client.get_page(REGISTER + "?lang=en")
    assert page.select_one("#card-relay-panel input[name=return_to]")["value"] == REGISTER


def test_registering_records_the_certificate_not_the_number_and_shows_its_expiry(
    client: PageClient, app: Flask
) -> None:
    confirmation = register(client)
    assert confirmation.startswith("/insurance/registration/HI-")
    page = client.get_page(confirmation + "?lang=en")
    text = page.get_text()
    # A demonstration registers nothing: the page says the card cannot be used at clinics yet.
    assert "You cannot use the card at clinics yet." in text
    assert "only if you agree" in text
    shown = page.select_one("[data-testid=certificate-expiry] time")["datetime"]
    with app.app_context():
        row = db.session.scalars(select(InsuranceRegistration)).one()
        expected = row.certificate_not_after
        values = [str(getattr(row, c.name)) for c in InsuranceRegistration.__table__.columns]
    jst = (expected if expected.tzinfo else expected.replace(tzinfo=ZoneInfo("UTC"))).astimezone(
        ZoneInfo("Asia/Tokyo")
    )
    assert shown == jst.date().isoformat()
    assert int(row.serial, 16) > 0 and "CN=" in row.issuer or "O=" in row.issuer
    assert not any(identities.DEFAULT.individual_number in v for v in values)
    assert not any(identities.DEFAULT.auth_pin == v for v in values)


def test_the_same_card_registers_once(client: PageClient, app: Flask) -> None:
    first = register(client)
    other_browser = PageClient(app)
    second = register(other_browser)
    assert second.split("?")[0] == first and second.endswith("?again=1")
    assert (
        "already recorded in this demonstration"
        in other_browser.get_page(second + "&lang=en").get_text()
    )
    with app.app_context():
        assert len(db.session.scalars(select(InsuranceRegistration)).all()) == 1
    assert client.get(first).status_code == 200
    assert PageClient(app).get(first).status_code == 404  # another session cannot see it


def test_an_expired_certificate_is_refused_with_the_renewal_steps(client: PageClient) -> None:
    expired = next(i for i in variants() if i.id == "expired")
    agree_to_terms(client)
    job = start_job(client, return_to=REGISTER)
    assert as_json(FakeAgent(client).run(job.ticket, identity=expired))["reason"] == "EXPIRED"
    page = client.get_page(f"/relay/return?j={job.job_id}&lang=en")
    assert "Renew the electronic certificate" in page.get_text()
    assert page.find("a", string="Try again")["href"] == REGISTER
    assert client.post(f"/relay/v1/jobs/{job.job_id}/claim").status_code == 409
    assert client.get_page(REGISTER).select_one("#card-relay-panel") is not None


def test_a_revoked_certificate_is_refused(client: PageClient) -> None:
    revoked = next(i for i in variants() if i.id == "revoked")
    agree_to_terms(client)
    job = start_job(client, return_to=REGISTER)
    assert as_json(FakeAgent(client).run(job.ticket, identity=revoked))["reason"] == "REVOKED"
    assert "revoked" in client.get_page(f"/relay/return?j={job.job_id}&lang=en").get_text()


def test_a_wrong_pin_and_a_blocked_pin_show_their_help(client: PageClient) -> None:
    agree_to_terms(client)
    job = start_job(client, return_to=REGISTER)
    agent = FakeAgent(client)
    agent.post_result(agent.redeem(job.ticket).get_json(), error_body("PIN_WRONG", tries_left=1))
    assert "1 try left" in client.get_page(f"/relay/return?j={job.job_id}&lang=en").get_text()
    job = start_job(client, return_to=REGISTER)
    agent.post_result(agent.redeem(job.ticket).get_json(), error_body("PIN_BLOCKED"))
    text = client.get_page(f"/relay/return?j={job.job_id}&lang=en").get_text()
    assert "convenience-store kiosk" in text and "ward or city office" in text


def test_status_reads_the_card_again(client: PageClient, app: Flask) -> None:
    someone_else = replace(identities.DEFAULT, id="status-other", name="別人　太郎")
    not_yet = client.get_page(
        read_card(client, "/insurance/status", identity=someone_else) + "&lang=en"
    )
    result = not_yet.select_one("[data-testid=status-result]").get_text()
    assert "It cannot see the official registration: check that in MynaPortal." in result
    register(client)
    page = client.get_page(read_card(client, "/insurance/status") + "&lang=en")
    assert (
        "This card is recorded on this demonstration's office pages"
        in page.select_one("[data-testid=status-result]").get_text()
    )
    assert page.select_one("[data-testid=certificate-expiry] time") is not None
    assert "3 more months" in page.get_text()  # the grace as a rule (D13)


def test_signed_in_the_registration_is_listed_and_the_dashboard_shows_it(
    signed_in: PageClient,
) -> None:
    register(signed_in)
    status = signed_in.get_page("/insurance/status?lang=en")
    assert "HI-" in status.select_one("[data-testid=registrations]").get_text()
    dashboard = signed_in.get_page("/dashboard?lang=en")
    row = next(r for r in dashboard.select("li") if "insurance" in r.get_text().lower())
    assert "Done in this demonstration" in row.get_text()


def test_a_job_from_another_session_registers_nothing(client: PageClient, app: Flask) -> None:
    agree_to_terms(client)
    job = start_job(client, return_to=REGISTER)
    FakeAgent(client).run(job.ticket)
    client.post(f"/relay/v1/jobs/{job.job_id}/claim")
    stranger = PageClient(app)
    agree_to_terms(stranger)
    page = stranger.get_page(f"{REGISTER}?job={job.job_id}&lang=en")
    assert "has not been read yet" in page.get_text()
    with app.app_context():
        assert db.session.get(RelayJob, job.job_id) is not None
        assert db.session.scalars(select(InsuranceRegistration)).all() == []


def test_information_pages(client: PageClient) -> None:
    text = client.get_page("/insurance/qualification-certificate?lang=en").get_text()
    assert "without applying" in text and "lost or being renewed" in text
    assert "24 hours" in client.get_page("/insurance/at-the-clinic?lang=en").get_text()
    assert datetime  # imported for readers of the expiry assertions above
