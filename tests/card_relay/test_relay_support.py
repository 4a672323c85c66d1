"""The real app and the real agent side by side, for the relay integration tests.

The app runs as in e2e (werkzeug in a thread, fresh SQLite); the agent runs in this process on
a free port and talks to the app over HTTP; ``SitePage`` is a browser reduced to requests.
The test CA the app trusts is the session's, the same one the simulated card is issued from.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup

from app.extensions import db
from app.services.relay_documents import register_document
from card_relay.agent import AgentServer
from card_relay.agent.cli import build_server
from card_relay.agent.sources import CardSource
from card_relay.testca import TestCa
from e2e.server import LiveServer

HTTP_TIMEOUT = 30


def site_config(testca: TestCa) -> dict[str, object]:
    return {
        "RELAY_AUTH_CA": str(testca.auth_ca_path),
        "RELAY_SIGN_CA": str(testca.sign_ca_path),
        "RELAY_CRLS": f"{testca.crl_path('auth')},{testca.crl_path('sign')}",
    }


@pytest.fixture
def site(tmp_path: Path, testca: TestCa) -> Iterator[LiveServer]:
    # requests sends no Secure cookie over http (a browser does on localhost), hence the switch.
    server = LiveServer.for_workdir(
        tmp_path, SESSION_COOKIE_SECURE=False, **site_config(testca)
    ).start()
    yield server
    server.stop()


def start_agent(site: LiveServer, source: CardSource, **options: float) -> AgentServer:
    """An agent for ``site`` on a free port; the site's launch links point at it."""
    httpd = build_server(site.url, source, port=0, **options)  # type: ignore[arg-type]
    site.app.config["RELAY_AGENT_URL"] = httpd.url
    httpd.start()
    return httpd


@dataclass
class Launch:
    job_id: str
    desktop_url: str
    app_link: str


class SitePage:
    """One browser session on the site: starts jobs, follows the agent's redirects, claims."""

    def __init__(self, site: LiveServer) -> None:
        self.site = site
        self.http = requests.Session()
        self.http.headers["Accept-Language"] = "en"
        self.csrf = ""

    def get(self, path_or_url: str) -> requests.Response:
        url = path_or_url if "://" in path_or_url else self.site.url + path_or_url
        return self.http.get(url, timeout=HTTP_TIMEOUT)

    def open_try_page(self) -> BeautifulSoup:
        page = BeautifulSoup(self.get("/relay/try").text, "html.parser")
        token = page.select_one("input[name=csrf_token]")
        assert token is not None
        self.csrf = str(token["value"])
        return page

    def start(self, purpose: str = "auth", device: str = "computer", **extra: str) -> Launch:
        if not self.csrf:
            self.open_try_page()
        answer = self.http.post(
            self.site.url + "/relay/v1/jobs",
            data={
                "csrf_token": self.csrf,
                "purpose": purpose,
                "device": device,
                "return_to": "/relay/try",
                **extra,
            },
            timeout=HTTP_TIMEOUT,
        )
        assert answer.status_code == 200, answer.text
        panel = BeautifulSoup(answer.text, "html.parser")
        status = panel.select_one("#card-relay-status")
        assert status is not None
        job_id = str(status["hx-get"]).split("/")[4]
        desktop = panel.select_one("a[data-testid=agent-launch]")
        app_link = panel.select_one("a[href*='/relay/app#t=']")
        return Launch(
            job_id,
            str(desktop["href"]) if desktop else "",
            str(app_link["href"]) if app_link else "",
        )

    def launch(self, launch: Launch) -> requests.Response:
        """Follow the panel's link as the browser does (Referer: the site's origin only)."""
        return self.http.get(
            launch.desktop_url,
            headers={"Referer": self.site.url + "/"},
            allow_redirects=False,
            timeout=HTTP_TIMEOUT,
        )

    def post_pin(self, agent_page: requests.Response, **fields: str) -> requests.Response:
        page = BeautifulSoup(agent_page.text, "html.parser")
        form = {str(i["name"]): str(i.get("value", "")) for i in page.select("input[type=hidden]")}
        return self.http.post(
            urlsplit(agent_page.url)._replace(path="/card-relay/v1/pin", query="").geturl(),
            data={**form, "action": "continue", **fields},
            allow_redirects=False,
            timeout=HTTP_TIMEOUT,
        )

    def status_text(self, job_id: str) -> str:
        return self.get(f"/relay/v1/jobs/{job_id}/status").text

    def claim(self, return_url: str, code: str | None = None) -> BeautifulSoup:
        """Open the return page and send its claim form; the page the claim leads to."""
        assert urlsplit(return_url).path == "/relay/return"
        page = BeautifulSoup(self.get(return_url).text, "html.parser")
        form = page.select_one("form[action*='/claim']")
        assert form is not None, page.get_text(" ", strip=True)
        data = {"csrf_token": self.csrf}
        if code is not None:
            data["code"] = code
        answer = self.http.post(self.site.url + str(form["action"]), data=data, timeout=30)
        return BeautifulSoup(answer.text, "html.parser")

    def register_document(self, title: str, lines: list[str], data: bytes) -> str:
        """Register a document for this session to sign, as a journey would."""
        if not self.csrf:
            self.open_try_page()
        app = self.site.app
        cookie = self.http.cookies.get(app.config["SESSION_COOKIE_NAME"])
        values = app.session_interface.get_signing_serializer(app).loads(cookie)  # type: ignore[attr-defined]
        if "relay_sid" not in values:
            self.start("auth")  # the first job gives the session its relay id
            cookie = self.http.cookies.get(app.config["SESSION_COOKIE_NAME"])
            values = app.session_interface.get_signing_serializer(app).loads(cookie)  # type: ignore[attr-defined]
        key = hashlib.sha256(values["relay_sid"].encode()).hexdigest()
        with app.app_context():
            document = register_document(
                db.session,
                data=data,
                media_type="text/plain",
                title=title,
                lines=lines,
                session_key=key,
            )
            return str(document.id)


def ticket_in(url: str) -> str:
    parts = urlsplit(url)
    return (parse_qs(parts.query).get("t") or parse_qs(parts.fragment).get("t") or [""])[0]


class Background:
    """Run a blocking call (a held launch) on a thread and collect its result."""

    def __init__(self, call: object) -> None:
        self.result: object = None
        self._call = call
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self.result = self._call()  # type: ignore[operator]

    def join(self) -> object:
        self._thread.join(timeout=HTTP_TIMEOUT)
        assert not self._thread.is_alive(), "the held request never finished"
        return self.result
