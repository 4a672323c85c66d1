"""The minor items of the security review (L8): no version banner from the dev server, the
language cookie pinned to the host, a 413 that says the limit, and "start again" links that
cannot wipe answers by a plain GET."""

from __future__ import annotations

import io

from flask import Flask

from app.demo import DevRequestHandler
from tests.helpers.client import PageClient


def test_the_dev_server_names_no_versions() -> None:
    handler = DevRequestHandler.__new__(DevRequestHandler)
    assert handler.version_string() == "myna-guide"


def test_the_language_cookie_is_host_prefixed(client: PageClient) -> None:
    response = client.get("/?lang=en")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-lang=en;")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert client.get_page("/").select_one("html")["lang"] == "en"  # the choice is kept


def test_a_too_big_upload_says_what_the_limit_is(signed_in: PageClient, app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    big = io.BytesIO(b"\xff\xd8" + b"0" * (2 * 1024 * 1024))
    response = signed_in.post(
        "/photo/check?lang=en",
        {"photo": (big, "p.jpg")},
        content_type="multipart/form-data",
        htmx_target="photo-result",
    )
    assert response.status_code == 413
    assert "up to 1 MB" in response.get_data(as_text=True)


def test_start_again_by_get_only_asks_and_post_clears(client: PageClient) -> None:
    for start, question, answer in (
        ("/apply/start-again", "/apply/questions/have-form", {"have_form": "qr"}),
        ("/nhi/start-again", "/nhi/questions/registered", {"registered": "yes"}),
    ):
        assert client.post(question, answer).status_code == 303
        page = client.get_page(start + "?lang=en")
        assert page.select_one("h1").get_text(strip=True) == "Start the questions again?"
        checked = client.get_page(question)
        assert checked.select_one("input[checked]") is not None  # the GET changed nothing
        form = page.select_one("main form")
        assert client.post(form["action"]).status_code == 303
        assert client.get_page(question).select_one("input[checked]") is None
