"""`make run`: the demonstration (`DEMO`) on the embedded defaults, plus the simulated card agent.

A demonstration shows its banner on every page and sends every procedure to its own office
pages (app/domain/receivers.py); a deployment leaves `MYNA_DEMO` unset.

The agent runs in this process on 127.0.0.1:24730 with the in-process simulated card, so a
newcomer can try the card steps with no pcscd and no reader. The card is issued by the test CA
that the app trusts when no CA is configured (`card_relay.testca.load_or_create()`: the same
directory, `$CARD_RELAY_TESTCA_DIR` or `~/.cache/myna-guide/testca`, for both).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.serving import WSGIRequestHandler

from app import create_app
from app.config import plain_http_localhost
from app.extensions import db
from app.storage import migrate

if TYPE_CHECKING:
    from card_relay.agent import AgentServer

AGENT_PORT = 24730


class DevRequestHandler(WSGIRequestHandler):
    """The dev server's handler: no `Server: Werkzeug/x.y Python/x.y` banner (security review
    L8: version banners only help someone looking for a known hole), and a timeout. The
    threaded dev server has no worker timeout: a connection that sends nothing for `timeout`
    seconds is closed instead of holding its thread; what a request may cost once received
    is bounded by the app itself (the photo check's header limits and time budget, H1)."""

    timeout = 30

    def version_string(self) -> str:
        return "myna-guide"


def start_simulated_agent(app: Flask, site: str, port: int) -> AgentServer | None:
    """Start the agent for `site` on a daemon thread and point the app's launch links at it;
    None (and a message) if the port is taken, so the rest of the demo still runs."""
    from card_relay.agent import VirtualSource
    from card_relay.agent.cli import build_server
    from card_relay.simulator import default_card

    try:
        agent = build_server(site, VirtualSource(default_card()), port=port)
    except OSError as exc:
        print(f"card agent not started on port {port}: {exc}", file=sys.stderr)  # noqa: T201
        return None
    agent.start()
    app.config["RELAY_AGENT_URL"] = agent.url
    return agent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run myna-guide on this machine.")
    parser.add_argument("--port", type=int, default=5000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--agent-port", type=int, default=AGENT_PORT)
    parser.add_argument("--no-agent", action="store_true", help="run your own `card-relay agent`")
    args = parser.parse_args(argv)
    # Passkeys need a domain name, not an IP address: browsers treat localhost as secure.
    site = f"http://localhost:{args.port}"
    # A demonstration: the banner on every page, and every journey sends to its office pages.
    app = create_app({**plain_http_localhost(site), "DEMO": True})
    migrate.upgrade(db.engine_for(app))
    if not args.no_agent:
        agent = start_simulated_agent(app, site, args.agent_port)
        if agent is not None:
            print(f"card agent (simulated card) on {agent.url}: try {site}/relay/try", flush=True)  # noqa: T201
    print(f"myna-guide is running: open {site}/", flush=True)  # noqa: T201
    app.run(
        host=args.host,
        port=args.port,
        debug=False,
        use_reloader=False,
        request_handler=DevRequestHandler,
    )


if __name__ == "__main__":
    main()
