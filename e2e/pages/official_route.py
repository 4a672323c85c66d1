"""The official-route panel at the end of a journey and the lost-card page: what the user
follows on the official side (components/official_route.html)."""

from __future__ import annotations

from playwright.sync_api import Locator

from e2e.pages import PageObject


class OfficialRoutePanel:
    """The panel `[data-official-route=<procedure>]` on a page the user has reached."""

    def __init__(self, on: PageObject, procedure: str) -> None:
        self.on = on
        self.root: Locator = on.page.locator(f"main [data-official-route={procedure}]")

    def hrefs(self, prefix: str) -> list[str]:
        links = self.root.locator(f"a[href^='{prefix}']")
        return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]

    def tab_through(self) -> set[str]:
        """Press Tab from the panel's heading to its end (Enter opens a `<details>` on the
        way) and return the hrefs the keyboard reached."""
        self.root.locator("h2").evaluate("h => { h.tabIndex = -1; h.focus(); }")
        reached: set[str] = set()
        for _ in range(200):
            self.on.page.keyboard.press("Tab")
            focused = self.on.page.evaluate(
                """() => {
                  const e = document.activeElement;
                  const inside = !!e.closest("[data-official-route]");
                  return {inside, tag: e.tagName, href: e.getAttribute("href") || ""};
                }"""
            )
            if not focused["inside"]:
                break
            if focused["tag"] == "SUMMARY":
                self.on.page.keyboard.press("Enter")
            elif focused["href"]:
                reached.add(focused["href"])
        return reached


class LostCardPage(PageObject):
    heading_text = "If your card is lost or stolen"
    path = "/card/lost"

    def lines(self) -> list[str]:
        links = self.page.get_by_role("main").locator("a[href^='tel:']")
        return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
