"""``card-relay``: one console script with a subcommand per tool (the agent comes next)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from card_relay.simulator import cli as simulator_command
from card_relay.testca import cli as testca_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="card-relay", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    simulator = commands.add_parser("simulator", help="run the simulated card behind pcscd")
    simulator_command.add_arguments(simulator)
    simulator.set_defaults(handler=simulator_command.run)
    testca = commands.add_parser("testca", help="write the test CA and identities to a directory")
    testca_command.add_arguments(testca)
    testca.set_defaults(handler=testca_command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code
