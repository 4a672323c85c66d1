"""The agent's settings and protocol parsing: test-PIN rules, loopback only, job checks."""

from __future__ import annotations

import base64

import pytest

from card_relay import cli
from card_relay.agent import AgentServer
from card_relay.agent.cli import TEST_PIN_ENV, ConfigError, build_server, pin_from_environment
from card_relay.agent.protocol import Job, ProtocolError, error_payload, origin_of
from card_relay.reader import ticket_of
from tests.card_relay.test_agent_helpers import PIN, FakeRelay, SwitchableSource, Visitor


def test_the_test_pin_is_ignored_when_unset_and_refused_without_the_flag() -> None:
    assert pin_from_environment({}, allowed=False) is None
    assert pin_from_environment({}, allowed=True) is None
    assert pin_from_environment({TEST_PIN_ENV: "1234"}, allowed=True) == "1234"
    with pytest.raises(ConfigError, match="--allow-test-pin"):
        pin_from_environment({TEST_PIN_ENV: "1234"}, allowed=False)


def test_the_agent_refuses_to_start_with_a_test_pin_but_no_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(TEST_PIN_ENV, "5791")
    code = cli.main(["agent", "--server", "http://localhost:5000", "--port", "0", "--simulated"])
    assert code == 2
    out = capsys.readouterr()
    assert "--allow-test-pin" in out.err
    assert "5791" not in out.out + out.err


def test_with_the_flag_the_test_pin_replaces_the_pin_page(
    relay: FakeRelay, source: SwitchableSource
) -> None:
    httpd = build_server(relay.url, source, port=0, test_pin=PIN)
    httpd.start()
    try:
        job = relay.add()
        answer = Visitor(httpd, relay.url).launch(job.ticket)
        assert answer.status_code == 303  # no PIN page at all
        assert "certificate" in job.results[0]
    finally:
        httpd.stop()


def test_the_agent_listens_on_loopback_only(relay: FakeRelay, source: SwitchableSource) -> None:
    with pytest.raises(ValueError, match="loopback"):
        build_server(relay.url, source, host="0.0.0.0", port=0)  # noqa: S104
    httpd = build_server(relay.url, source, port=0)
    try:
        assert isinstance(httpd, AgentServer)
        assert httpd.server_address[0] == "127.0.0.1"
    finally:
        httpd.server_close()


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://localhost:5000/relay", "http://localhost:5000"),
        ("HTTPS://Myna.Example:443/", "https://myna.example"),
        ("http://127.0.0.1:80", "http://127.0.0.1"),
    ],
)
def test_origin_of(url: str, origin: str) -> None:
    assert origin_of(url) == origin


def job_json(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "job_id": "j1",
        "kind": "auth",
        "origin": "http://localhost:5000",
        "challenge": base64.b64encode(bytes(32)).decode(),
        "display": {"title": "t", "lines": ["a"]},
        "expires_at": "2030-01-01T00:00:00+00:00",
        "lang": "en",
        "job_token": "tok",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "apdu"},
        {"challenge": "not base64!"},
        {"challenge": base64.b64encode(bytes(16)).decode()},
        {"job_token": ""},
        {"expires_at": "tomorrow"},
        {"display": {"lines": [1]}},
        {"kind": "sign", "digest": base64.b64encode(bytes(32)).decode(), "hash_alg": "SHA-1"},
    ],
)
def test_a_job_outside_the_contract_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ProtocolError):
        Job.from_json(job_json(**changes))


def test_a_sign_job_carries_its_digest_and_summary() -> None:
    job = Job.from_json(job_json(kind="sign", digest=base64.b64encode(b"d" * 32).decode()))
    assert job.digest == b"d" * 32 and job.challenge is None and job.lines == ("a",)


def test_only_protocol_codes_are_posted() -> None:
    assert error_payload("PIN_REQUIRED") == {"error": {"code": "INTERNAL"}}
    assert error_payload("PIN_WRONG", 1) == {"error": {"code": "PIN_WRONG", "tries_left": 1}}
    assert error_payload("NO_CARD", 1) == {"error": {"code": "NO_CARD"}}


def test_the_reader_takes_a_ticket_or_the_app_link() -> None:
    assert ticket_of("abc") == "abc"
    assert ticket_of("http://localhost:5000/relay/app#t=abc-_") == "abc-_"
    with pytest.raises(ValueError, match="no ticket"):
        ticket_of("http://localhost:5000/relay/app")
