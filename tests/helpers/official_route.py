"""The official-route panel as a resident reads it, checked the same way on every page test:
links only to official pages the sources give (`app/domain/official_routes.py`), help lines and
ward numbers as digits-only `tel:` links that dial a number the module holds, nothing opening a
new window."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from app.domain import official_routes as routes

URLS = {link.url for link in routes.LINKS}
TELS = {line.tel for line in routes.HELP_LINES} | {
    tel for ward in (*routes.WARDS, routes.BUREAU) for tel in ward.tels
}


def official_route_panel(page: BeautifulSoup, procedure: str) -> Tag:
    """The page's panel for `procedure`, after checking its links and numbers."""
    panel = page.select_one(f"main [data-official-route={procedure}]")
    assert panel is not None, f"no {procedure} panel"
    links = [a["href"] for a in panel.select("a[href^='http']")]
    assert links and all(href in URLS for href in links), links
    tels = [a["href"] for a in panel.select("a[href^='tel:']")]
    assert tels and all(tel in TELS for tel in tels), tels
    assert not panel.select("a[target]")
    return panel
