"""Tabs a user works in: every page they land on is checked (axe, console, width)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, CDPSession, ConsoleMessage, Error, Page

from e2e import axe, checks
from e2e.texts import Texts

# Device profiles a journey can run on: a name of ours or any Playwright device name.
PHONE_WIDTH = 360  # the narrowest common phone width the pages must fit without scrolling
PROFILES: dict[str, tuple[str, dict[str, Any]]] = {
    # A Pixel 7 (touch, mobile user agent, DPR 2.625) narrowed to 360 CSS pixels.
    "phone": (
        "Pixel 7",
        {
            "viewport": {"width": PHONE_WIDTH, "height": 780},
            "screen": {"width": PHONE_WIDTH, "height": 780},
        },
    ),
    "desktop": ("Desktop Chrome", {}),
}


def context_options(devices: dict[str, Any], profile: str, locale: str) -> dict[str, Any]:
    """`browser.new_context` arguments for a profile name or a Playwright device name."""
    device_name, overrides = PROFILES.get(profile, (profile, {}))
    if device_name not in devices:
        known = ", ".join([*PROFILES, *sorted(devices)][:12])
        raise ValueError(f"unknown device profile {profile!r}; try one of: {known}, …")
    options = {**devices[device_name], **overrides, "locale": locale}
    options.pop("default_browser_type", None)  # a hint for launching, not a context option
    return options


# Chromium logs every 4xx answer as a console error. 422 is the app's deliberate answer to
# a form with mistakes (the page then shows them), so it is not one; any other status is.
EXPECTED_NETWORK_ERROR = "Failed to load resource: the server responded with a status of 422 "
# The card pages ask the desktop agent's status first; with no agent running that request fails
# by design (the page then says so), and Chromium still logs it.
AGENT_PROBE = "/card-relay/v1/status"


class VirtualAuthenticator:
    """Chromium's CDP virtual authenticator: a platform passkey provider with biometrics.

    It belongs to one tab. `replace()` swaps in a fresh authenticator, which is how a
    journey plays "another device": the new one holds none of the earlier passkeys.
    """

    OPTIONS = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }

    def __init__(self, cdp: CDPSession) -> None:
        self._cdp = cdp
        self._cdp.send("WebAuthn.enable")
        self.id = self._add()

    def _add(self) -> str:
        answer = self._cdp.send("WebAuthn.addVirtualAuthenticator", {"options": self.OPTIONS})
        return str(answer["authenticatorId"])

    def credentials(self) -> list[dict[str, Any]]:
        """The passkeys this authenticator holds."""
        answer = self._cdp.send("WebAuthn.getCredentials", {"authenticatorId": self.id})
        return list(answer["credentials"])

    def sync_from(self, other: VirtualAuthenticator) -> None:
        """Copy the other device's passkeys here, as a password manager syncs them."""
        for credential in other.credentials():
            self._cdp.send(
                "WebAuthn.addCredential", {"authenticatorId": self.id, "credential": credential}
            )

    def replace(self) -> None:
        """Forget this authenticator and its passkeys; use a new, empty one."""
        self._cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.id})
        self.id = self._add()


@dataclass
class Visit:
    url: str
    checked: bool = False


@dataclass
class Tab:
    """One browser tab, with what the checks need to know about it.

    Page objects call `check()` once a page has appeared; `verify()` (run when the test
    ends) fails if a page was visited without being checked or if the console logged an
    error at any time, a CSP violation included.
    """

    page: Page
    base_url: str
    texts: Texts
    cdp: CDPSession
    authenticator: VirtualAuthenticator
    console_errors: list[str] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)

    @classmethod
    def open(cls, context: BrowserContext, base_url: str, language: str) -> Tab:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        tab = cls(page, base_url, Texts(language), cdp, VirtualAuthenticator(cdp))
        page.on("console", tab._on_console)
        page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {error}"))
        page.on("framenavigated", lambda frame: tab._on_navigated(frame.url, frame.parent_frame))
        return tab

    def _on_console(self, message: ConsoleMessage) -> None:
        # Chromium reports CSP violations ("Refused to …") as console errors too.
        location = message.location.get("url", "")
        if location.endswith(AGENT_PROBE) and message.text.startswith("Failed to load resource"):
            return
        if message.type == "error" and not message.text.startswith(EXPECTED_NETWORK_ERROR):
            self.console_errors.append(f"{message.text} ({location})")

    def _on_navigated(self, url: str, parent: object) -> None:
        if parent is not None or url == "about:blank":
            return
        if self.visits and self.visits[-1].url.split("#")[0] == url.split("#")[0]:
            return  # a link to a place on the same page (#id), not a new page
        self.visits.append(Visit(url))

    def goto(self, path: str) -> None:
        """Type an address into the tab (page objects check the page that appears)."""
        self.page.goto(self.base_url + path)

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def check(self) -> None:
        """Check the page now showing: no console errors, no axe violations, fits the width,
        nothing marked `hidden` on screen."""
        self.page.wait_for_load_state("load")
        self.assert_console_clean()
        found = axe.violations(self.page)
        assert not found, axe.report(self.page.url, found)
        checks.check_layout(self.page.url, lambda script: self.page.evaluate(f"() => {script}"))
        if self.visits:
            self.visits[-1].checked = True

    def assert_console_clean(self) -> None:
        assert not self.console_errors, "the browser console reported errors:\n" + "\n".join(
            f"- {error}" for error in self.console_errors
        )

    def verify(self) -> None:
        """What must hold for the whole life of the tab (run at the end of the test)."""
        self.assert_console_clean()
        unchecked = [visit.url for visit in self.visits if not visit.checked]
        assert not unchecked, (
            "pages visited without a check (open them through a page object): "
            + ", ".join(unchecked)
        )

    def close(self) -> None:
        """Close the tab as a user would; what they typed must already be safe."""
        self.verify()
        try:
            self.page.close()
        except Error:
            pass


class BrowserSession:
    """One user's browser (a context: cookies, storage, service workers) and its tabs."""

    def __init__(self, context: BrowserContext, base_url: str, language: str) -> None:
        self.context = context
        self.base_url = base_url
        self.language = language
        self.tabs: list[Tab] = []

    def open_tab(self) -> Tab:
        """A new tab with its own virtual authenticator (its own "device" for passkeys)."""
        tab = Tab.open(self.context, self.base_url, self.language)
        self.tabs.append(tab)
        return tab

    def close_tab(self, tab: Tab) -> None:
        tab.close()
        self.tabs.remove(tab)

    def go_offline(self) -> None:
        self.context.set_offline(True)

    def go_online(self) -> None:
        self.context.set_offline(False)
