"""Installing the app on a phone, and what it shows when the connection drops."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from e2e.browser import BrowserSession, Tab
from e2e.pages.home import HomePage, OfflinePage

pytestmark = pytest.mark.e2e

# Resolves once the page's service worker has finished activating.
WORKER_ACTIVATED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise((resolve) => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
    }));
  }
  return worker.scriptURL;
}"""


@pytest.mark.persistent_profile  # Chromium never offers to install from an incognito profile
def test_the_app_installs_and_shows_the_offline_page_without_a_connection(
    tab: Tab, browser_session: BrowserSession
) -> None:
    home = HomePage.open(tab)

    manifest = tab.cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    data = json.loads(manifest["data"])
    assert data["name"] == tab.texts("My Number Card guide")
    assert {icon.get("purpose") for icon in data["icons"]} == {"any", "maskable"}
    # What Chromium checks before it offers "Install app": nothing stands in the way.
    installability = tab.cdp.send("Page.getInstallabilityErrors")
    assert installability["installabilityErrors"] == []

    assert home.page.evaluate(WORKER_ACTIVATED) == tab.base_url + "/sw.js"

    browser_session.go_offline()
    tab.goto("/dashboard")
    offline = OfflinePage(tab)
    expect(offline.page).to_have_url(tab.base_url + "/dashboard")

    browser_session.go_online()
    HomePage.open(tab)
