"""``card-relay reader``: the reference reader client for the phone route (and the fake phone
in tests). It speaks the same reader-side protocol as a phone app: redeem, progress, run the
job on any transport, post the result, and print the 6-digit code the server returns.

The PIN comes from the environment variable named by ``--pin-env`` (tests) or is asked for
without echo; it is never printed, logged or sent anywhere but to the card.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from urllib.parse import parse_qs, urlsplit

from card_relay.agent.client import RelayClient, ServerError
from card_relay.agent.protocol import Job, ProtocolError, ResultAnswer, payload_for
from card_relay.agent.protocol import success_payload as _success
from card_relay.errors import CardError
from card_relay.jpki import JpkiCard
from card_relay.operations import run_authentication, run_signature
from card_relay.transport import CardTransport

logger = logging.getLogger("card_relay.reader")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, help="the site's base URL")
    parser.add_argument("--ticket", required=True, help="the ticket, or the whole app link")
    parser.add_argument("--pin-env", metavar="VAR", help="read the PIN from this variable")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--simulated", action="store_true", help="the in-process simulated card")
    source.add_argument("--reader", help="a PC/SC reader whose name contains this")
    parser.add_argument("--card-timeout", type=float, default=60.0, help="seconds (default 60)")


def _say(line: str, error: bool = False) -> None:
    """Output for the person (or test) running the client; never carries the PIN."""
    stream = sys.stderr if error else sys.stdout
    stream.write(line + "\n")
    stream.flush()


def ticket_of(value: str) -> str:
    """Accept the bare ticket or the app link the QR code holds (``…/relay/app#t=…``)."""
    if "://" not in value:
        return value.strip()
    parts = urlsplit(value)
    found = parse_qs(parts.fragment).get("t") or parse_qs(parts.query).get("t")
    if not found:
        raise ValueError("the link holds no ticket (#t=…)")
    return found[0]


def _transport(args: argparse.Namespace, job: Job, client: RelayClient) -> CardTransport:
    client.progress(job, "waiting_card")
    if args.simulated:
        from card_relay.simulator import default_card
        from card_relay.virtual import VirtualTransport

        return VirtualTransport(default_card(), name="simulated")
    from card_relay import pcsc

    timeout = max(0.0, min(args.card_timeout, job.seconds_left()))
    reported: list[str] = []

    def on_wait(state: str) -> None:
        if not reported or reported[-1] != state:
            reported.append(state)
            client.progress(job, state)

    return pcsc.connect(args.reader, timeout=timeout, on_wait=on_wait)


def _pin(args: argparse.Namespace, job: Job) -> str:
    if args.pin_env:
        return os.environ[args.pin_env]  # run() checked it is set before redeeming
    label = "user-authentication PIN (4 digits)" if job.kind == "auth" else "signature PIN"
    return getpass.getpass(f"{label} for {job.origin}: ")


def run_job(args: argparse.Namespace, client: RelayClient, job: Job) -> ResultAnswer:
    """Run ``job`` on the chosen card and post what came of it."""
    transport: CardTransport | None = None
    try:
        transport = _transport(args, job, client)
        card = JpkiCard(transport)
        client.progress(job, "pin")
        pin = _pin(args, job)
        client.progress(job, "working")
        if job.kind == "auth":
            assert job.challenge is not None  # noqa: S101 - Job.from_json guarantees it
            result = run_authentication(card, pin, job.origin, job.challenge)
        else:
            assert job.digest is not None  # noqa: S101 - Job.from_json guarantees it
            result = run_signature(card, pin, job.digest)
        del pin
        payload = _success(result.certificate, result.signature)
    except CardError as exc:
        logger.info("job %s: %s", job.job_id, exc.code)
        payload = payload_for(exc)
        error = payload["error"]
        tries = f" ({error['tries_left']} tries left)" if "tries_left" in error else ""
        _say(f"error: {error['code']}{tries}")
    finally:
        if transport is not None:
            try:
                transport.close()
            except CardError:
                pass
    return client.result(job, payload)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s reader %(message)s")
    if args.pin_env and args.pin_env not in os.environ:
        _say(f"card-relay reader: ${args.pin_env} is not set", error=True)
        return 2
    try:
        client = RelayClient(args.server, agent_kind="phone")
        job = client.redeem(ticket_of(args.ticket))
        if job.origin != client.origin:
            _say(f"refused: the job is for {job.origin}, not {client.origin}", error=True)
            return 2
        answer = run_job(args, client, job)
    except (ServerError, ProtocolError, ValueError) as exc:
        _say(f"card-relay reader: {exc}", error=True)
        return 2
    _say(f"status: {answer.status}")
    if answer.reason:
        _say(f"reason: {answer.reason}")
    if answer.code:
        _say(f"code: {answer.code}")
    return 0 if answer.status == "verified" else 1
