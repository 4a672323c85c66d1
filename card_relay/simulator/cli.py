"""``python -m card_relay.simulator --vpcd``: the simulated card behind real pcscd.

SIGUSR1 removes the card, SIGUSR2 inserts it again; ``--control-socket`` offers the same as
commands. The PINs are never printed: the default identity's are in docs/card_relay.md.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from card_relay.simulator.build import build_card
from card_relay.simulator.control import serve_control
from card_relay.simulator.vpcd import DEFAULT_PORT, VpcdLink
from card_relay.testca import default_dir, load_or_create
from card_relay.testca.identity import DEFAULT, load_identity

logger = logging.getLogger("card_relay.simulator")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vpcd", action="store_true", required=True, help="connect to vpcd")
    parser.add_argument("--host", default="127.0.0.1", help="vpcd host (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="vpcd port (slot 0)")
    parser.add_argument("--identity", type=Path, help="identity TOML/JSON (default: built-in)")
    parser.add_argument("--testca-dir", type=Path, help=f"test CA directory ({default_dir()})")
    parser.add_argument("--control-socket", type=Path, help="Unix socket for remove/insert")
    parser.add_argument("--removed", action="store_true", help="start with the card removed")
    parser.add_argument("-v", "--verbose", action="count", default=0)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s simulator %(levelname)s %(message)s",
    )
    identity = load_identity(args.identity) if args.identity else DEFAULT
    ca = load_or_create(args.testca_dir)
    link = VpcdLink(build_card(ca.issue(identity)), args.host, args.port, inserted=not args.removed)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if signum == signal.SIGUSR1:
            link.remove()
        elif signum == signal.SIGUSR2:
            link.insert()
        else:
            stop.set()

    for sig in (signal.SIGUSR1, signal.SIGUSR2, signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)
    control = serve_control(link, args.control_socket, stop) if args.control_socket else None
    logger.info(
        "simulated card for identity %r (test CA %s) -> vpcd %s:%d",
        identity.id,
        ca.directory,
        args.host,
        args.port,
    )
    link.run(stop)
    if control is not None:
        control.join(timeout=2)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m card_relay.simulator", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
