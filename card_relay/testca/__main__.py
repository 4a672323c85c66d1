"""Entry point for ``python -m card_relay.testca OUTDIR``."""

from __future__ import annotations

from card_relay.testca.cli import main

raise SystemExit(main())
