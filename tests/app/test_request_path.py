"""The request path stays lean: what a signed-in htmx fragment costs must not grow with the
server's uptime, an unchanged session is not re-encrypted on every response, the session is
read from the database once per request (never cached across requests, so signing out holds
at once in every worker), and templates and translations do per-request work only once."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from flask import Flask, render_template_string
from flask_babel import force_locale
from jinja2 import Template
from sqlalchemy import event

from app.extensions import db
from app.forms.account import DisplayNameForm
from app.session_cookie import REFRESH_AFTER
from tests.conftest import build_app
from tests.helpers.client import PageClient

FRAGMENT = {"HX-Request": "true", "HX-Target": "display-name-section"}
COOKIE = "__Host-session"


@contextmanager
def statements(app: Flask) -> Iterator[list[str]]:
    """Every SQL statement the app sends while the block runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    engine = db.engine_for(app)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


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
    quiet = signed_in.get("/account", headers=FRAGMENT)
    assert quiet.status_code == 200 and "Set-Cookie" not in quiet.headers
    later = time.time() + REFRESH_AFTER + 1
    with mock.patch("app.session_cookie.time.time", return_value=later):
        refreshed = signed_in.get("/account", headers=FRAGMENT)
    assert refreshed.status_code == 200 and "Set-Cookie" in refreshed.headers  # idle timer


def test_the_fragment_reads_the_session_once_and_the_draft_once(
    signed_in: PageClient, app: Flask
) -> None:
    signed_in.get_page("/account")
    with statements(app) as seen:
        assert signed_in.get("/account", headers=FRAGMENT).status_code == 200
    sessions = [s for s in seen if re.search(r"\bFROM\b.*\buser_sessions\b", s, re.S)]
    drafts = [s for s in seen if re.search(r"\bFROM drafts\b", s)]
    assert len(sessions) == 1 and len(drafts) == 1
    assert len(seen) == 2  # nothing else: no write, no second look-up
    with statements(app) as again:  # the next request checks the session again
        signed_in.get("/account", headers=FRAGMENT)
    assert len([s for s in again if "user_sessions" in s]) == 1


def test_signing_out_in_one_worker_ends_the_session_in_another_at_once(
    signed_in: PageClient, app: Flask, tmp_path: Path
) -> None:
    """Two gunicorn workers are two apps on one database: no worker may trust a session it
    saw valid a moment ago."""
    other_worker = build_app(
        tmp_path / "other",
        app.config["DATABASE_URL"],
        SECRET_KEY=app.config["SECRET_KEY"],
        DATA_KEY=app.config["DATA_KEY"],
    )
    cookie = signed_in.http.get_cookie(COOKIE, domain="localhost")
    assert cookie is not None
    browser = PageClient(other_worker)
    browser.http.set_cookie(COOKIE, cookie.value, domain="localhost", secure=True)
    assert browser.get("/account", headers=FRAGMENT).status_code == 200
    assert signed_in.sign_out().status_code == 303
    assert browser.get("/account", headers=FRAGMENT).status_code == 401
    assert browser.get("/dashboard").status_code == 302
    db.engine_for(other_worker).dispose()


def test_an_imported_macro_module_is_built_once_not_per_render(
    signed_in: PageClient,
) -> None:
    signed_in.get_page("/account")
    with mock.patch.object(Template, "make_module", autospec=True) as make_module:
        signed_in.get("/account", headers=FRAGMENT)
        signed_in.get_page("/account")
    assert make_module.call_count == 0  # every `{% from ... import %}` used its cached module


def test_a_forced_locale_inside_a_request_translates_in_that_locale(app: Flask) -> None:
    with app.test_request_context("/?lang=ja"):
        assert render_template_string("{{ _('Save') }}") == "保存"
        with force_locale("en"):
            assert render_template_string("{{ _('Save') }}") == "Save"
        assert render_template_string("{{ _('Save') }}") == "保存"
