"""A WebKit tab as a user works in it: find things by the words on screen, check every page.

The same words as the Playwright page objects (English message ids, shown in the tab's
language through `e2e.texts.Texts`), and the same checks on every page (`e2e.checks` and
axe), so a journey in this suite reads like its Chromium twin.
"""

from __future__ import annotations

import json
from typing import Any

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from e2e import axe, checks
from e2e.texts import Texts

WAIT_SECONDS = 10

# Records what the console would show from the moment it is injected: WebDriver cannot read
# WebKitGTK's console, so load-time errors before the injection are not seen (README).
COLLECTOR_JS = """
if (!window.__mynaProblems) {
  const problems = (window.__mynaProblems = []);
  const note = (kind, text) => problems.push(`${kind}: ${text}`);
  const what = (e) => e.message || (e.target && (e.target.src || e.target.href)) || "?";
  addEventListener("error", (e) => note("error", what(e)), true);
  addEventListener("unhandledrejection", (e) => note("unhandled rejection", String(e.reason)));
  document.addEventListener("securitypolicyviolation", (e) =>
    note("CSP", `${e.violatedDirective} ${e.blockedURI}`));
  const htmxErrors = ["htmx:sendError", "htmx:swapError", "htmx:onLoadError", "htmx:targetError"];
  for (const name of htmxErrors) {
    document.addEventListener(name, () => note(name, location.pathname));
  }
  document.addEventListener("htmx:responseError", (e) => {
    const status = e.detail.xhr.status;
    if (status !== 422) note("htmx:responseError", `${status} ${e.detail.pathInfo.requestPath}`);
  });
  const original = console.error;
  console.error = (...args) => {
    note("console.error", args.join(" "));
    original.apply(console, args);
  };
}
"""
AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, %s).then((result) => done(result.violations), (error) => done(String(error)));
"""
# The element a user acts on, by the exact words on it (labels, buttons, links in <main>).
FIND_JS = """
const [selector, words] = arguments;
const main = document.querySelector("main") || document;
const spoken = (element) => {
  const copy = element.cloneNode(true);  // the words a screen reader says: no aria-hidden parts
  copy.querySelectorAll("[aria-hidden=true]").forEach((part) => part.remove());
  return copy.textContent.trim().replace(/\\s+/g, " ");
};
return [...main.querySelectorAll(selector)].find((e) => spoken(e) === words) || null;
"""


class WebKitTab:
    """One WebKit window on the live server, in one language."""

    def __init__(self, driver: WebDriver, base_url: str, language: str) -> None:
        self.driver = driver
        self.base_url = base_url
        self.texts = Texts(language)
        self.language = language
        self.checked_pages = 0

    # Going places ----------------------------------------------------------------------
    def goto(self, path: str) -> None:
        separator = "&" if "?" in path else "?"
        self.driver.get(f"{self.base_url}{path}{separator}lang={self.language}")

    @property
    def path(self) -> str:
        return str(self.driver.current_url).removeprefix(self.base_url)

    def expect_page(self, heading_id: str, **params: object) -> None:
        """Wait for the page whose h1 reads `heading_id` in this language (a caption may follow,
        as Playwright's accessible-name match allows), then check it."""
        wanted = self.texts(heading_id, **params)
        try:
            WebDriverWait(self.driver, WAIT_SECONDS).until(
                lambda driver: (
                    wanted in self.heading()
                    and driver.execute_script("return document.readyState") == "complete"
                )
            )
        except TimeoutException:
            raise AssertionError(
                f"expected the page {wanted!r}, got {self.heading()!r} at {self.path}"
            ) from None
        self.check()

    def heading(self) -> str:
        found = self.driver.execute_script(
            "const h = document.querySelector('h1'); return h ? h.textContent.trim() : null"
        )
        return str(found or "")

    # Acting --------------------------------------------------------------------------------
    def find(self, selector: str, message_id: str, **params: object) -> WebElement:
        words = self.texts(message_id, **params)
        element = self.driver.execute_script(FIND_JS, selector, words)
        assert element is not None, f"no {selector} reading {words!r} on {self.path}"
        return element  # type: ignore[no-any-return]

    def choose(self, option_id: str) -> None:
        """Pick a radio or tick a checkbox by clicking its label, as a finger would."""
        self.find("label", option_id).click()

    def start(self, path: str, heading_id: str) -> None:
        """Open a journey's start page, check it, and press its "Start now"."""
        self.goto(path)
        self.expect_page(heading_id)
        self.press("Start now")

    def answer(self, *option_ids: str, then: str) -> None:
        """Pick the options, continue, and check the page headed `then` (the one `answer()`
        shape of the page objects in `e2e/pages`)."""
        for option_id in option_ids:
            self.choose(option_id)
        self.press("Continue")
        self.expect_page(then)

    def press(self, button_id: str) -> None:
        self.find("button, [role=button]", button_id).click()

    def follow(self, link_id: str) -> None:
        self.find("a", link_id).click()

    def fill(self, label_id: str, value: str) -> None:
        label = self.find("label", label_id)
        field = self.driver.find_element("id", label.get_attribute("for"))
        field.clear()
        field.send_keys(value)

    def fill_date(self, year: str, month: str, day: str) -> None:
        for label_id, value in (("Year", year), ("Month", month), ("Day", day)):
            self.fill(label_id, value)

    def evaluate(self, script: str, *args: Any) -> Any:
        """Run `script` (an expression) in the page and return its value."""
        return self.driver.execute_script(f"return {script}", *args)

    # Checking ------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        found = self.driver.execute_script("return window.__mynaProblems || []")
        return list(found)

    def check(self) -> None:
        """What every page must pass: nothing recorded, fits 360 px, nothing hidden shown,
        axe finds nothing. Then start recording for what happens next on this page."""
        problems = self.problems()
        assert not problems, f"{self.path}: the page reported problems:\n" + "\n".join(
            f"- {problem}" for problem in problems
        )
        checks.check_layout(self.driver.current_url, self.evaluate)
        violations = self.axe()
        assert not violations, axe.report(self.driver.current_url, violations)
        self.driver.execute_script(COLLECTOR_JS)
        self.checked_pages += 1

    def axe(self) -> list[dict[str, Any]]:
        if not self.driver.execute_script("return typeof window.axe !== 'undefined'"):
            self.driver.execute_script(axe.SOURCE)
        found = self.driver.execute_async_script(AXE_RUN_JS % json.dumps(axe.OPTIONS))
        assert isinstance(found, list), f"axe could not run on {self.path}: {found}"
        return found
