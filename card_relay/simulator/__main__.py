"""Entry point for ``python -m card_relay.simulator``."""

from __future__ import annotations

from card_relay.simulator.cli import main

raise SystemExit(main())
