"""Sessions that end (security review M2) and a cookie with nothing personal to read (L3).

Reproduction (review §B M2): sign in, copy `__Host-session`, sign out, replay the copy:
`/dashboard` answered 200 and autosave 200. The cookie's 8-hour expiry slid on every request,
so a used cookie lived forever; removing a passkey revoked nothing.
Reproduction (review §B L3): base64url + zlib decoding of the cookie showed the date of birth,
the end of the period of stay and the NHI eligibility answers.
"""

from __future__ import annotations

import base64
import json
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from app import auth
from tests.app.nhi.helpers import answer_eligibility
from tests.helpers.client import PageClient

COOKIE = "__Host-session"


def _copy_of(app: Flask, client: PageClient) -> PageClient:
    """Another browser holding a copy of the client's session cookie."""
    thief = PageClient(app)
    cookie = client.http.get_cookie(COOKIE, domain="localhost")
    assert cookie is not None
    thief.http.set_cookie(COOKIE, cookie.value, domain="localhost", secure=True)
    return thief


def _signed_in_page(client: PageClient) -> int:
    return client.get("/dashboard").status_code


def test_a_copied_cookie_stops_working_at_sign_out(signed_in: PageClient, app: Flask) -> None:
    thief = _copy_of(app, signed_in)
    assert _signed_in_page(thief) == 200
    token = thief.csrf_token()
    assert signed_in.sign_out().status_code == 303
    assert _signed_in_page(thief) == 302
    assert thief.get("/dashboard").headers["Location"].startswith("/sign-in")
    autosave = thief.post(
        "/account/display-name/draft",
        {"display_name": "Still here?", "csrf_token": token},
        htmx_target="draft-status",
    )
    assert autosave.status_code in (400, 401)


def test_a_session_ends_after_its_absolute_lifetime_however_often_it_is_used(
    signed_in: PageClient, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    lifetime = app.config["SESSION_ABSOLUTE_LIFETIME"]
    assert lifetime == 12 * 60 * 60
    start = datetime.now(UTC)
    for hours in (4, 8, 11.9):  # used well within the 8-hour idle limit each time
        monkeypatch.setattr(auth, "_now", lambda h=hours: start + timedelta(hours=h))
        assert _signed_in_page(signed_in) == 200
    monkeypatch.setattr(auth, "_now", lambda: start + timedelta(hours=12, minutes=1))
    assert _signed_in_page(signed_in) == 302


def test_removing_a_passkey_signs_out_the_other_sessions_but_not_this_one(
    signed_in: PageClient, app: Flask
) -> None:
    other_device = PageClient(app)
    other_device.authenticator = signed_in.authenticator
    assert other_device.sign_in().status_code == 200
    assert _signed_in_page(other_device) == 200
    begin = signed_in.post("/account/passkeys/add/begin", headers={"Accept": "application/json"})
    added = signed_in.post_json(
        "/account/passkeys/add/complete",
        signed_in.authenticator.create(begin.get_data(as_text=True)),
    )
    assert added.status_code == 200
    soup = signed_in.get_page("/account?lang=en")
    assert signed_in.post(soup.select("form[action*='/remove']")[-1]["action"]).status_code == 303
    assert _signed_in_page(signed_in) == 200
    assert _signed_in_page(other_device) == 302


def _cookie_plaintext(client: PageClient) -> str:
    """Everything anyone holding the cookie can read without the server's keys."""
    cookie = client.http.get_cookie(COOKIE, domain="localhost")
    assert cookie is not None
    value = cookie.value
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if compressed:
        raw = zlib.decompress(raw)
    return raw.decode("latin-1")


def test_the_cookie_holds_no_readable_answers(client: PageClient) -> None:
    client.post(
        "/card/questions/date-of-birth", {"date-year": "1990", "date-month": "4", "date-day": "1"}
    )
    client.post("/apply/questions/period-of-stay", {"period_of_stay": "yes"})
    client.post(
        "/apply/questions/stay-end", {"date-year": "2031", "date-month": "3", "date-day": "31"}
    )
    answer_eligibility(client)
    plain = _cookie_plaintext(client)
    assert (
        client.get("/card/questions/source").status_code == 200
    )  # the server still has the answers
    for value in ("1990", "2031", "employee", "how_many", "card_dates", "nhi_eligibility"):
        assert value not in plain
    with pytest.raises(ValueError):
        json.loads(plain)
