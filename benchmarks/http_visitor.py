"""A browser, as far as a benchmark needs one: loopback requests to http://localhost:PORT
with the `__Host-` session cookie and the CSRF token kept by hand (Python's cookie jar
will not send a Secure cookie over http, which browsers do for localhost), and a sign-up
through the real passkey ceremony with the tests' software authenticator."""

from __future__ import annotations

import http.client
import json
import re
import secrets
from dataclasses import dataclass

from tests.helpers.authenticator import SoftAuthenticator


def request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes | None = None,
    timeout: float = 10.0,
) -> tuple[int, dict[str, str], bytes]:
    """One request on a new loopback connection (sync workers do not keep connections)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        received = response.read()
        answer = {k.lower(): v for k, v in response.getheaders()}
        answer["set-cookie"] = "\n".join(
            v for k, v in response.getheaders() if k.lower() == "set-cookie"
        )
        return response.status, answer, received
    finally:
        connection.close()


@dataclass
class Visitor:
    port: int
    cookie: str = ""
    csrf: str = ""
    timeout: float = 60.0

    @property
    def host(self) -> str:
        return f"localhost:{self.port}"  # the app sends 127.0.0.1 visitors to localhost

    def send(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """A request with the session cookie; remembers a new cookie and CSRF token."""
        sent = {"Host": self.host, **(headers or {})}
        if self.cookie:
            sent["Cookie"] = f"__Host-session={self.cookie}"
        status, answer, received = request(self.port, method, path, sent, body, self.timeout)
        found = re.search(r"__Host-session=([^;]*)", answer["set-cookie"])
        if found:
            self.cookie = found.group(1)
        token = re.search(rb'<meta name="csrf-token" content="([^"]+)"', received)
        if token:
            self.csrf = token.group(1).decode()
        return status, received

    def sign_up(self, name: str = "bench", *, then: str = "/dashboard") -> None:
        """A new account through the passkey ceremony; then a page for the new CSRF token."""
        authenticator = SoftAuthenticator(origin=f"http://{self.host}")
        self.send("GET", "/account/create")
        form = f"display_name={name}&csrf_token={self.csrf}".encode()
        form_headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        status, options = self.send("POST", "/auth/register/begin", form, form_headers)
        assert status == 200, (status, options[:300])
        created = authenticator.create(options.decode()).encode()
        json_headers = {"Content-Type": "application/json", "X-CSRFToken": self.csrf}
        status, body = self.send("POST", "/auth/register/complete", created, json_headers)
        assert status == 200 and "redirect" in json.loads(body), (status, body[:300])
        status, _ = self.send("GET", then)  # the session was rotated: a new CSRF token
        assert status == 200, status

    def post_file(
        self, path: str, field: str, data: bytes, headers: dict[str, str] | None = None
    ) -> int:
        """A multipart form with the CSRF token and one file; the answer's status."""
        boundary = secrets.token_hex(16)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f"{self.csrf}\r\n--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{field}"; filename="upload.jpg"\r\n'
                "Content-Type: image/jpeg\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        sent = {"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})}
        return self.send("POST", path, body, sent)[0]
