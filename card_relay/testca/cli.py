"""``python -m card_relay.testca OUTDIR``: write the test CA, its CRLs and variant identities."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from card_relay.testca import load_or_create, variants
from card_relay.testca.identity import to_toml


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", type=Path, help="directory for CA certificates, keys and CRLs")


def run(args: argparse.Namespace) -> int:
    ca = load_or_create(args.outdir)
    folder = args.outdir / "identities"
    folder.mkdir(exist_ok=True)
    for identity in variants():
        issued = ca.issue(identity)
        (folder / f"{identity.id}.toml").write_text(to_toml(identity), encoding="utf-8")
        print(f"{identity.id}: auth serial {issued.auth_cert.serial_number:x}")
    print(f"CA certificates: {ca.auth_ca_path}, {ca.sign_ca_path}")
    print(f"CRLs: {ca.crl_path('auth')}, {ca.crl_path('sign')}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m card_relay.testca", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
