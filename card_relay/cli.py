"""``card-relay``: one console script with a subcommand per tool."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from card_relay import reader as reader_command
from card_relay.agent import cli as agent_command
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
    agent = commands.add_parser("agent", help="run the desktop agent on 127.0.0.1")
    agent_command.add_arguments(agent)
    agent.set_defaults(handler=agent_command.run)
    reader = commands.add_parser("reader", help="run one job as the phone would (reference)")
    reader_command.add_arguments(reader)
    reader.set_defaults(handler=reader_command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.handler(args)
    return code
