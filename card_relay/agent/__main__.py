"""``python -m card_relay.agent``: the installable agent's entry point."""

from __future__ import annotations

import sys

from card_relay.agent.cli import main

if __name__ == "__main__":
    sys.exit(main())
