"""The installable card agent's files this installation offers (built by
scripts/build_agent_package.py into ``RELAY_AGENT_DOWNLOADS``, default ``dist/agent``).

Only files that exist are offered, so the reader-setup page never links a download that 404s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

DEB = re.compile(r"myna-card-agent_[0-9A-Za-z.+~-]+_all\.deb")
WHEEL = re.compile(r"myna_card_agent-[0-9A-Za-z.+]+-py3-none-any\.whl")


@dataclass(frozen=True)
class Download:
    name: str
    kib: int


@dataclass(frozen=True)
class Downloads:
    deb: Download | None
    wheel: Download | None


def directory() -> Path:
    configured = current_app.config.get("RELAY_AGENT_DOWNLOADS")
    if configured:
        return Path(configured)
    return Path(current_app.root_path).parent / "dist" / "agent"


def _newest(folder: Path, pattern: re.Pattern[str]) -> Download | None:
    if not folder.is_dir():
        return None
    found = sorted(
        (p for p in folder.iterdir() if p.is_file() and pattern.fullmatch(p.name)),
        key=lambda p: p.stat().st_mtime,
    )
    if not found:
        return None
    return Download(found[-1].name, found[-1].stat().st_size // 1024 + 1)


def available() -> Downloads:
    folder = directory()
    return Downloads(_newest(folder, DEB), _newest(folder, WHEEL))


def is_offered(name: str) -> bool:
    """Only the two package names, never another file of the folder (no path in ``name``)."""
    return bool(DEB.fullmatch(name) or WHEEL.fullmatch(name)) and (directory() / name).is_file()
