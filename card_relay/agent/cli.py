"""``card-relay agent``: run the desktop agent until interrupted.

The test-PIN rule lives here: ``CARD_RELAY_TEST_PIN`` lets automated tests skip the PIN page,
so an agent started with it but without ``--allow-test-pin`` refuses to start rather than
silently ignoring it (a production agent must never run in that mode by accident).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping

from card_relay.agent.client import RelayClient
from card_relay.agent.core import Agent
from card_relay.agent.server import LOOPBACK, AgentServer
from card_relay.agent.sources import CardSource, PcscSource, VirtualSource

logger = logging.getLogger("card_relay.agent")
TEST_PIN_ENV = "CARD_RELAY_TEST_PIN"
# The packaged agent's service reads the site from here (/etc/myna-card-agent/agent.env).
SERVER_ENV = "MYNA_CARD_AGENT_SERVER"
DEFAULT_PORT = 24730


class ConfigError(Exception):
    """The agent's settings are unsafe or inconsistent; it does not start."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    server = os.environ.get(SERVER_ENV)
    parser.add_argument(
        "--server",
        required=server is None,
        default=server,
        help=f"the site's base URL, e.g. https://… (default: ${SERVER_ENV})",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"(default {DEFAULT_PORT})")
    parser.add_argument("--host", default="127.0.0.1", choices=LOOPBACK, help="loopback only")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--reader", help="use the first reader whose name contains this")
    source.add_argument("--simulated", action="store_true", help="the in-process simulated card")
    parser.add_argument(
        "--allow-test-pin", action="store_true", help=f"tests: honour {TEST_PIN_ENV}"
    )
    parser.add_argument("--card-timeout", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--pin-timeout", type=float, default=120.0, help="seconds (default 120)")
    parser.add_argument("-v", "--verbose", action="count", default=0)


def pin_from_environment(environ: Mapping[str, str], allowed: bool) -> str | None:
    """The test PIN, only with the flag; ``ConfigError`` when set without it."""
    value = environ.get(TEST_PIN_ENV)
    if value is None:
        return None
    if not allowed:
        raise ConfigError(
            f"{TEST_PIN_ENV} is set but --allow-test-pin was not given: refusing to start "
            "(the test PIN is for automated tests only)"
        )
    return value


def build_server(
    server: str,
    source: CardSource,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    test_pin: str | None = None,
    card_timeout: float = 60.0,
    pin_timeout: float = 120.0,
) -> AgentServer:
    """An agent for ``server`` listening on ``host:port`` (0 picks a free port), not started."""
    agent = Agent(
        RelayClient(server),
        source,
        test_pin=test_pin,
        card_timeout=card_timeout,
        pin_timeout=pin_timeout,
    )
    return AgentServer(agent, host, port)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s agent %(levelname)s %(message)s",
    )
    try:
        test_pin = pin_from_environment(os.environ, args.allow_test_pin)
    except ConfigError as exc:
        print(f"card-relay agent: {exc}", file=sys.stderr)
        return 2
    if test_pin is not None:
        print(f"card-relay agent: TEST MODE, the PIN comes from {TEST_PIN_ENV}", file=sys.stderr)
    source: CardSource
    if args.simulated:
        try:
            from card_relay.simulator import default_card
        except ImportError:  # the installable agent ships without the simulator and test CA
            print("card-relay agent: --simulated needs the full myna-guide", file=sys.stderr)
            return 2
        source = VirtualSource(default_card())
    else:
        source = PcscSource(args.reader)
    try:
        httpd = build_server(
            args.server,
            source,
            host=args.host,
            port=args.port,
            test_pin=test_pin,
            card_timeout=args.card_timeout,
            pin_timeout=args.pin_timeout,
        )
    except (ValueError, OSError) as exc:
        print(f"card-relay agent: {exc}", file=sys.stderr)
        return 2
    print(f"card-relay agent for {httpd.agent.origin} on {httpd.url}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.agent.stop()
        httpd.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """``myna-card-agent``: the installable agent's own command (the same as ``card-relay
    agent``, which needs the whole project installed)."""
    parser = argparse.ArgumentParser(
        prog="myna-card-agent",
        description="Lets the myna-guide site use your My Number Card in a reader on this "
        "computer; the PIN is typed on the agent's own page and goes to the card only.",
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))
