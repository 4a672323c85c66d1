"""Safari's engine for the journeys: Debian's WebKitGTK MiniBrowser, driven by WebKitWebDriver
through Selenium, on an Xvfb screen of our own.

What it takes (measured in `../shared/docs/reviews/webkit.md` §1):
- MiniBrowser has no headless mode, so each session gets its own Xvfb display;
- its toolbar forces a 447 px minimum window: a GTK stylesheet shrinks the chrome so the
  page gets the 360 px a phone gives;
- with no window manager the window never gets input focus (`:focus` never matches): xdotool
  gives it focus after the session starts;
- WebKitGTK keeps no `Secure` cookie on http://localhost, so the live server runs HTTPS with a
  certificate the harness makes (`e2e/webkit/tls.py`) and passes to the engine;
- the engine's console is not readable through WebDriver: a collector injected after each
  page load records errors, CSP violations and htmx errors from then on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
PHONE = (360, 780)  # the width every page must fit, as in the Playwright suite
# MiniBrowser's chrome, shrunk so it no longer holds the window wider than a phone.
GTK_CSS = (
    "headerbar, toolbar, entry, button, label "
    "{ min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; }\n"
)
PACKAGES = "webkit2gtk-driver xvfb xdotool"


def missing_tools() -> list[str]:
    """What this machine lacks to run the suite (`make test` installs it)."""
    tools = [MINIBROWSER, WEBKIT_DRIVER]
    found = [str(tool) for tool in tools if not tool.exists()]
    return found + [name for name in ("Xvfb", "xdotool") if shutil.which(name) is None]


class Display:
    """An Xvfb screen for this test session: MiniBrowser needs one, and nobody else's is used."""

    def __init__(self) -> None:
        read, write = os.pipe()
        self._process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x2400x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            self._process.kill()
            raise RuntimeError("Xvfb did not start; install it with: apt-get install xvfb")
        self.name = f":{number}"

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)


class WebKitOptions(Options):
    """Selenium's WebKitGTK options plus the certificates the engine should trust.

    Selenium rebuilds `webkitgtk:browserOptions` from its own fields, dropping any other key,
    so the certificates are added after it has built them.
    """

    def __init__(self, certificates: dict[str, Path]) -> None:
        super().__init__()
        self.certificates = certificates

    def to_capabilities(self) -> dict[str, Any]:
        capabilities: dict[str, Any] = super().to_capabilities()
        capabilities[Options.KEY]["certificates"] = [
            {"host": host, "certificateFile": str(path)} for host, path in self.certificates.items()
        ]
        return capabilities


class WebKit:
    """Starts WebKit sessions on one display, each with its own profile folders."""

    def __init__(self, display: Display, workdir: Path, certificates: dict[str, Path]) -> None:
        self.display = display
        self.workdir = workdir
        self.certificates = certificates
        config = workdir / "config" / "gtk-3.0"
        config.mkdir(parents=True, exist_ok=True)
        (config / "gtk.css").write_text(GTK_CSS)

    def environment(self, profile: Path) -> dict[str, str]:
        """The driver's environment: our display, and profile folders under the test's own."""
        return {
            **os.environ,
            "DISPLAY": self.display.name,
            "XDG_CONFIG_HOME": str(self.workdir / "config"),
            "XDG_CACHE_HOME": str(profile / "cache"),
            "XDG_DATA_HOME": str(profile / "data"),
            "LANG": "C.UTF-8",
        }

    @contextmanager
    def session(self, profile: Path, *, camera: bool = False) -> Iterator[webdriver.WebKitGTK]:
        """A new browser (no cookies, no service worker) at phone size, with input focus."""
        options = WebKitOptions(self.certificates)
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        if camera:
            options.add_argument("--enable-mock-capture-devices=true")
        service = Service(executable_path=str(WEBKIT_DRIVER), env=self.environment(profile))
        driver = webdriver.WebKitGTK(options=options, service=service)
        try:
            driver.set_window_rect(0, 0, *PHONE)
            self._focus(profile)
            yield driver
        finally:
            try:
                driver.quit()
            except WebDriverException:
                pass

    def _focus(self, profile: Path) -> None:
        """Give the window X input focus, so `:focus` matches and focus rings are drawn."""
        environment = self.environment(profile)
        for _ in range(20):
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--class", "MiniBrowser"],
                capture_output=True,
                text=True,
                env=environment,
                check=False,
            ).stdout.split()
            if found:
                subprocess.run(
                    ["xdotool", "windowfocus", "--sync", found[-1]],
                    env=environment,
                    check=False,
                    timeout=10,
                )
                return
            time.sleep(0.1)
