"""Every public page renders cleanly in each language of the site and keeps the page rules."""

from __future__ import annotations

import pytest

from card_relay.languages import LANGUAGES
from tests.helpers.client import PageClient

PUBLIC_PAGES = [
    "/",
    "/account/create",
    "/sign-in",
    "/apply/",
    "/photo/",
    "/insurance/",
    "/nhi/",
    "/offline",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_public_page_passes_the_page_checks_in_each_language(
    client: PageClient, path: str, lang: str
) -> None:
    soup = client.get_page(f"{path}?lang={lang}")
    assert soup.select_one("html")["lang"] == lang


def test_home_page_is_japanese_by_default(client: PageClient) -> None:
    soup = client.get_page("/")
    assert soup.select_one("html")["lang"] == "ja"
    assert "マイナンバーカード" in soup.select_one("h1").get_text()


def test_home_page_follows_accept_language_when_no_choice_was_made(client: PageClient) -> None:
    soup = client.get_page("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert soup.select_one("h1").get_text(strip=True) == "Get your My Number Card and use it"


def test_language_choice_is_remembered_over_accept_language(client: PageClient) -> None:
    client.get_page("/?lang=en")
    soup = client.get_page("/sign-in", headers={"Accept-Language": "ja"})
    assert soup.select_one("html")["lang"] == "en"
    assert soup.select_one("h1").get_text(strip=True) == "Sign in"


def test_language_switch_links_to_the_same_page_in_the_other_language(client: PageClient) -> None:
    soup = client.get_page("/sign-in?lang=ja")
    link = soup.select_one('.language-switch a[hreflang="en"]')
    assert link["href"] == "/sign-in?lang=en"
    assert soup.select_one('.language-switch [aria-current="true"]').get_text() == "日本語"


def test_unknown_page_is_a_404_page_that_passes_the_checks(client: PageClient) -> None:
    soup = client.get_page("/no-such-page?lang=en", status=404)
    assert soup.select_one("h1").get_text(strip=True) == "Page not found"


def test_htmx_error_is_an_alert_fragment_retargeted_to_the_alerts_region(
    client: PageClient,
) -> None:
    response = client.get("/no-such-page", headers={"HX-Request": "true", "HX-Target": "main"})
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "#alerts"
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'role="alert"' in body


def test_history_restore_gets_the_whole_page_not_a_fragment(client: PageClient) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get("/no-such-page", headers=headers)
    assert "<html" in response.get_data(as_text=True)
    assert "HX-Retarget" not in response.headers


def test_manifest_names_the_app_and_its_icons(client: PageClient) -> None:
    response = client.get("/manifest.webmanifest?lang=en")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_service_worker_is_served_from_the_root_scope(client: PageClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert "caches" in response.get_data(as_text=True)
