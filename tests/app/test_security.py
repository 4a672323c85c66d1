"""Security headers, CSRF, and where redirects may go."""

from __future__ import annotations

import pytest

from app.urls import safe_next
from tests.helpers.client import PageClient


def test_csp_forbids_inline_script_and_style_and_eval(client: PageClient) -> None:
    csp = client.get("/").headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_every_response_carries_the_protective_headers(client: PageClient) -> None:
    headers = client.get("/sign-in").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=(self)" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == "no-store"


def test_hsts_is_sent_over_https_only(client: PageClient) -> None:
    assert "max-age=" in client.get("/").headers["Strict-Transport-Security"]
    plain = client.http.get("/", base_url="http://localhost")
    assert "Strict-Transport-Security" not in plain.headers


def test_static_files_may_be_cached_but_pages_may_not(client: PageClient) -> None:
    assert client.get("/static/css/app.css").headers.get("Cache-Control") != "no-store"
    assert client.get("/").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/auth/register/begin", "/auth/sign-in/begin", "/sign-out"])
def test_post_without_csrf_token_is_refused_with_400(client: PageClient, path: str) -> None:
    response = client.post(path, {"display_name": "x"}, csrf=False)
    assert response.status_code == 400
    assert "session expired" in client.post(
        path, csrf=False, headers={"Accept-Language": "en"}
    ).get_data(as_text=True)


def test_htmx_post_without_csrf_header_is_refused(signed_in: PageClient) -> None:
    response = signed_in.http.post(
        "/account/display-name/draft",
        base_url="https://localhost",
        data={"display_name": "x"},
        headers={
            "HX-Request": "true",
            "HX-Target": "draft-status",
            "Referer": "https://localhost/",
        },
    )
    assert response.status_code == 400


def test_session_cookie_is_host_prefixed_secure_httponly_lax(client: PageClient) -> None:
    client.sign_up("Taro")
    cookie = client.http.get_cookie("__Host-session", domain="localhost")
    assert cookie is not None
    assert cookie.secure and cookie.http_only and cookie.same_site == "Lax" and cookie.path == "/"


def test_plain_127_0_0_1_visitors_are_sent_to_localhost_where_passkeys_work(
    client: PageClient,
) -> None:
    response = client.http.get("/sign-in?lang=en", base_url="http://127.0.0.1:5000")
    assert response.status_code == 307
    assert response.headers["Location"] == "http://localhost:5000/sign-in?lang=en"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/dashboard", "/dashboard"),
        ("/apply/?step=2", "/apply/?step=2"),
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/\\evil.example", None),
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_next_parameter_only_accepts_local_paths(target: str | None, expected: str | None) -> None:
    assert safe_next(target) == expected
