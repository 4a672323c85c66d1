"""Fuzz target: the relay protocol's JSON bodies on the server (app/routes/relay.py and
app/services): any body posted by a reader side gets a JSON answer, a 4xx error
``{"error": {"code": ...}}`` unless the body follows the contract, and never a 500
(issue 12 item 6; docs/relay-protocol.md).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from app.extensions import db
from app.services import card_sessions
from card_relay.errors import RESULT_CODES
from tests.conftest import build_app
from tests.fuzz.budget import fuzz_settings
from tests.fuzz.mutations import mutated
from tests.helpers.client import BASE_URL

KEYS = ["t", "agent", "kind", "version", "state", "certificate", "signature", "error", "code"]
KEYS += ["tries_left"]
WORDS = sorted(RESULT_CODES | set(card_sessions.PROGRESS_STATES) | set(card_sessions.READER_KINDS))


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode()


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.text(max_size=40),
    st.sampled_from(WORDS),
    st.binary(max_size=600).map(_base64),
    mutated(st.just(b"0\x82\x04\xb2" + bytes(300))).map(_base64),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=5),
    ),
    max_leaves=12,
)
OBJECTS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6)
# Bodies shaped like the contract's (§2-§4), with any value in each field.
SHAPED = st.one_of(
    st.fixed_dictionaries({"t": VALUES, "agent": st.fixed_dictionaries({"kind": VALUES})}),
    st.fixed_dictionaries({"state": VALUES}),
    st.fixed_dictionaries({"certificate": VALUES, "signature": VALUES}),
    st.fixed_dictionaries(
        {"error": st.one_of(VALUES, st.fixed_dictionaries({"code": VALUES, "tries_left": VALUES}))}
    ),
)
CONTENT_TYPES = st.sampled_from(
    ["application/json"] * 3 + ["text/plain", "application/x-www-form-urlencoded", ""]
)
BODIES = st.one_of(
    SHAPED.map(lambda body: json.dumps(body).encode()),
    OBJECTS.map(lambda body: json.dumps(body).encode()),
    VALUES.map(lambda body: json.dumps(body).encode()),
    st.binary(max_size=200),
    st.just(b'{"t": "' + b"x" * 17000 + b'"}'),
)


@pytest.fixture(scope="module")
def relay_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = build_app(tmp_path_factory.mktemp("fuzz-relay"))
    yield application
    db.engine_for(application).dispose()


def _redeemed_job(app: Flask, kind: str) -> tuple[str, str]:
    with app.app_context():
        new = card_sessions.create_job(
            db.session,
            purpose="auth",
            session_key="fuzz",
            origin="https://localhost",
            lang="en",
            return_to="/",
            ttl=timedelta(minutes=5),
            cross_device=kind == "phone",
        )
        job, token = card_sessions.redeem_ticket(db.session, new.ticket, reader_kind=kind)
        return job.id, token


def _check_answer(status: int, answer: Any) -> None:
    assert status < 500, answer
    assert answer is not None or status == 204  # JSON, whatever the request's content type
    if status >= 400:
        assert isinstance(answer, dict) and isinstance(answer["error"]["code"], str), answer


@fuzz_settings
@given(BODIES, CONTENT_TYPES)
def test_any_redeem_body_is_answered_in_json(
    relay_app: Flask, body: bytes, content_type: str
) -> None:
    answer = relay_app.test_client().post(
        "/relay/v1/tickets/redeem", base_url=BASE_URL, data=body, content_type=content_type
    )
    _check_answer(answer.status_code, answer.get_json(silent=True))
    assert answer.status_code != 200  # no random ticket redeems a job


@fuzz_settings
@given(
    st.sampled_from(["progress", "result"]),
    st.sampled_from(["desktop", "phone"]),
    BODIES,
    CONTENT_TYPES,
)
def test_any_body_from_a_redeemed_reader_is_answered_in_json(
    relay_app: Flask, endpoint: str, kind: str, body: bytes, content_type: str
) -> None:
    job_id, token = _redeemed_job(relay_app, kind)
    answer = relay_app.test_client().post(
        f"/relay/v1/jobs/{job_id}/{endpoint}",
        base_url=BASE_URL,
        data=body,
        content_type=content_type,
        headers={"Authorization": f"Bearer {token}"},
    )
    parsed = answer.get_json(silent=True)
    _check_answer(answer.status_code, parsed)
    if answer.status_code == 200:  # a result: an agent error code from the contract, or refused
        assert parsed["status"] == "failed" and parsed["reason"], parsed
    elif answer.status_code == 204:
        assert json.loads(body)["state"] in card_sessions.PROGRESS_STATES
