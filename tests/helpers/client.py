"""A test client that checks every page it fetches and speaks passkeys and CSRF like a browser."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from werkzeug.test import TestResponse

from app.security import CSP
from tests.helpers.authenticator import SoftAuthenticator
from tests.helpers.html import check_page

BASE_URL = "https://localhost"


class PageClient:
    """Wraps Flask's test client; `get_page` and `get_fragment` run the page checks."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.http = app.test_client()
        self.authenticator = SoftAuthenticator(origin=BASE_URL)
        self._csrf: str | None = None

    # Reading pages -------------------------------------------------------------------
    def get_page(self, path: str, *, status: int = 200, **kwargs: Any) -> BeautifulSoup:
        response = self.http.get(path, base_url=BASE_URL, **kwargs)
        assert response.status_code == status, (path, response.status_code)
        assert response.headers["Content-Security-Policy"] == self.expected_csp()
        soup = check_page(response.get_data(as_text=True))
        self._remember_csrf(soup)
        return soup

    def expected_csp(self) -> str:
        """The strict CSP; only the card agent's loopback origin may be fetched besides 'self'."""
        agent = "/".join(self.app.config["RELAY_AGENT_URL"].split("/")[:3])
        return CSP.replace("connect-src 'self'", f"connect-src 'self' {agent}")

    def get_fragment(self, path: str, *, target: str, status: int = 200) -> BeautifulSoup:
        response = self.http.get(path, base_url=BASE_URL, headers=htmx_headers(target))
        assert response.status_code == status, (path, response.status_code)
        assert "HX-Request" in response.headers.get("Vary", "")
        return check_page(response.get_data(as_text=True), fragment=True)

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.http.get(path, base_url=BASE_URL, **kwargs)

    # Sending forms ---------------------------------------------------------------------
    def forget_csrf(self) -> None:
        """After the session changed (sign-in, sign-out), the next post fetches a new token."""
        self._csrf = None

    def csrf_token(self) -> str:
        if self._csrf is None:
            self.get_page("/")
        assert self._csrf is not None
        return self._csrf

    def post(
        self,
        path: str,
        data: dict[str, Any] | None = None,
        *,
        htmx_target: str | None = None,
        csrf: bool = True,
        **kwargs: Any,
    ) -> TestResponse:
        form = dict(data or {})
        if csrf:
            form.setdefault("csrf_token", self.csrf_token())
        headers = {"Referer": BASE_URL + "/", **kwargs.pop("headers", {})}
        if htmx_target:
            headers.update(htmx_headers(htmx_target))
        return self.http.post(path, base_url=BASE_URL, data=form, headers=headers, **kwargs)

    def post_json(self, path: str, body: str, *, accept_json: bool = True) -> TestResponse:
        headers = {
            "X-CSRFToken": self.csrf_token(),
            "Content-Type": "application/json",
            "Referer": BASE_URL + "/",
        }
        if accept_json:
            headers["Accept"] = "application/json"
        return self.http.post(path, base_url=BASE_URL, data=body, headers=headers)

    # Passkeys ----------------------------------------------------------------------------
    def sign_up(self, name: str) -> TestResponse:
        begin = self.post(
            "/auth/register/begin", {"display_name": name}, headers={"Accept": "application/json"}
        )
        assert begin.status_code == 200, begin.get_data(as_text=True)
        response = self.post_json(
            "/auth/register/complete", self.authenticator.create(begin.get_data(as_text=True))
        )
        self._csrf = None  # the session was rotated
        return response

    def sign_in(self) -> TestResponse:
        begin = self.post("/auth/sign-in/begin", headers={"Accept": "application/json"})
        assert begin.status_code == 200
        response = self.post_json(
            "/auth/sign-in/complete", self.authenticator.get(begin.get_data(as_text=True))
        )
        self._csrf = None
        return response

    def sign_out(self) -> TestResponse:
        response = self.post("/sign-out")
        self._csrf = None
        return response

    def _remember_csrf(self, soup: BeautifulSoup) -> None:
        meta = soup.select_one('meta[name="csrf-token"]')
        if meta is not None:
            self._csrf = str(meta["content"])


def htmx_headers(target: str) -> dict[str, str]:
    return {"HX-Request": "true", "HX-Target": target, "HX-Current-URL": BASE_URL + "/"}
