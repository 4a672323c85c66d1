"""The request path stays lean: what a signed-in htmx fragment costs must not grow with the
server's uptime, and an unchanged session is not re-encrypted on every response."""

from __future__ import annotations

import time
from unittest import mock

from flask import Flask

from app.forms.account import DisplayNameForm
from app.session_cookie import REFRESH_AFTER
from tests.helpers.client import PageClient


def test_a_form_normalises_its_answers_once_however_many_forms_were_made(app: Flask) -> None:
    with app.test_request_context(method="POST", data={"display_name": " Ｈａｎａｋｏ "}):
        for _ in range(5):
            form = DisplayNameForm()
        assert form.display_name.data == "Hanako"
        assert len(form.display_name.filters) == len(DisplayNameForm().display_name.filters)
        assert len(form.display_name.filters) <= 2


def test_an_unchanged_session_cookie_is_re_signed_only_after_a_while(
    signed_in: PageClient,
) -> None:
    signed_in.get_page("/account")
    fragment = {"HX-Request": "true", "HX-Target": "display-name-section"}
    quiet = signed_in.get("/account", headers=fragment)
    assert quiet.status_code == 200 and "Set-Cookie" not in quiet.headers
    later = time.time() + REFRESH_AFTER + 1
    with mock.patch("app.session_cookie.time.time", return_value=later):
        refreshed = signed_in.get("/account", headers=fragment)
    assert refreshed.status_code == 200 and "Set-Cookie" in refreshed.headers  # idle timer
