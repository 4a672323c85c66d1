"""The desktop agent: a loopback web page for the PIN, the card through PC/SC, results to the
server. See docs/relay-protocol.md for the protocol and docs/card_relay.md for how it behaves."""

from __future__ import annotations

from card_relay.agent.core import Agent, Outcome
from card_relay.agent.server import AgentServer
from card_relay.agent.sources import PcscSource, VirtualSource

__all__ = ["Agent", "AgentServer", "Outcome", "PcscSource", "VirtualSource"]
