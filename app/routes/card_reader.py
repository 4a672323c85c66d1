"""Set up your card reader: get the desktop agent for this system, and check it runs.

The page asks the agent's loopback status URL from the browser (static/js/modules/
agent-check.mjs); the server cannot see the visitor's computer. Without JavaScript the page
still lists the downloads and the steps.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    has_request_context,
    render_template,
    request,
    send_from_directory,
)

from app.auth import public
from app.domain.devices import System, system_of
from app.services import agent_downloads

bp = Blueprint("card_reader", __name__)


def agent_status_url() -> str:
    return f"{current_app.config['RELAY_AGENT_URL'].rstrip('/')}/card-relay/v1/status"


@bp.app_context_processor
def agent_links() -> dict[str, str]:
    """For the card panel's launch check (partials/relay/panel.html) as well as this page."""
    if not has_request_context():
        return {}  # a template rendered outside a request (a PDF, a CLI) has no card panel
    return {"agent_status_url": agent_status_url(), "site_origin": site_origin()}


def site_origin() -> str:
    return str(current_app.config.get("ORIGIN") or request.host_url.rstrip("/"))


@bp.get("/relay/setup")
@public
def setup() -> str:
    return render_template(
        "pages/relay/setup.html",
        system=system_of(request.headers.get("User-Agent", "")),
        System=System,
        downloads=agent_downloads.available(),
        status_url=agent_status_url(),
        site=site_origin(),
    )


@bp.get("/relay/setup/download/<string:name>")
@public
def download(name: str) -> Response:
    if not agent_downloads.is_offered(name):
        abort(404)
    return send_from_directory(agent_downloads.directory(), name, as_attachment=True)
