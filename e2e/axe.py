"""axe-core on the page the user sees, with violations reported so a tester can act on them."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_axe = Axe()

# axe-core itself, for engines Playwright does not drive (the WebKit suite injects it).
SOURCE: str = AXE_SCRIPT

# Every WCAG 2.x A and AA rule plus axe's best practices (landmarks, one h1, heading order).
OPTIONS: dict[str, Any] = {"resultTypes": ["violations"]}


def violations(page: Page) -> list[dict[str, Any]]:
    """Run axe on the whole document and return its violations (an empty list when clean)."""
    # axe is injected with page.evaluate, which the CSP does not apply to.
    return list(_axe.run(page, options=OPTIONS).response["violations"])


def report(url: str, found: list[dict[str, Any]]) -> str:
    """A readable list: rule, impact, what to do, and each offending element."""
    lines = [f"axe found {len(found)} accessibility violation(s) on {url}:"]
    for violation in found:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"    at {target}\n      {node['html'][:200]}\n      {summary}")
    return "\n".join(lines)
