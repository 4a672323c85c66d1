"""A simulated My Number Card, usable in-process (``virtual.py``) or behind pcscd via vpcd."""

from __future__ import annotations

from pathlib import Path

from card_relay.simulator.build import build_card
from card_relay.simulator.card import SimulatedCard
from card_relay.testca import TestCa, load_or_create
from card_relay.testca.identity import DEFAULT, Identity, load_identity

__all__ = ["SimulatedCard", "build_card", "default_card"]


def default_card(
    identity: Identity | Path | None = None, ca: TestCa | None = None
) -> SimulatedCard:
    """A card for ``identity`` (default: PINs 1234 / ABCD1234) issued by the shared test CA."""
    if isinstance(identity, Path):
        identity = load_identity(identity)
    ca = ca or load_or_create()
    return build_card(ca.issue(identity or DEFAULT))
