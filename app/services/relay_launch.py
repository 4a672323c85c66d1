"""The links that hand a job to the reader side: the desktop agent, or a phone via a QR code."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from urllib.parse import quote

import segno


@dataclass(frozen=True)
class LaunchLinks:
    desktop_url: str
    app_link: str
    qr_data_uri: str


def launch_links(ticket: str, origin: str, agent_url: str) -> LaunchLinks:
    """The ticket rides in the query for the local agent and in the fragment for the phone,
    so that it never reaches a server log on the phone route."""
    desktop = f"{agent_url.rstrip('/')}/card-relay/v1/launch?t={quote(ticket)}"
    app_link = f"{origin}/relay/app#t={quote(ticket)}"
    return LaunchLinks(desktop, app_link, qr_data_uri(app_link))


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI (allowed by the CSP's img-src data:)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
