"""Each journey's end leads to the official route (issue 15): on a phone, the panel's links are
the official pages of app/domain/official_routes.py, its phone numbers dial a help line, and the
keyboard reaches every one of them; the footer leads to the lost-card page. External sites
cannot be fetched here, so the hrefs are asserted and nothing navigates away."""

from __future__ import annotations

import pytest

from app.domain import official_routes as routes
from e2e.browser import Tab
from e2e.pages import PageObject
from e2e.pages.account import CreateAccountPage
from e2e.pages.home import HomePage
from e2e.pages.insurance import send_a_cancellation_request
from e2e.pages.nhi import NhiPage
from e2e.pages.official_route import LostCardPage, OfficialRoutePanel

pytestmark = pytest.mark.e2e

URLS = {item.url for item in routes.LINKS}
TELS = {line.tel for line in routes.HELP_LINES}


class ExpressResultPage(PageObject):
    heading_text = "You may be able to get your card faster"
    path = "/apply/result/express"


class CardStatusPage(PageObject):
    heading_text = "Check your card"
    path = "/insurance/status"


def follow(panel: OfficialRoutePanel) -> None:
    links, tels = panel.hrefs("http"), panel.hrefs("tel:")
    assert links and all(href.startswith("https://") and href in URLS for href in links)
    wards = {tel for ward in (*routes.WARDS, routes.BUREAU) for tel in ward.tels}
    assert tels and all(tel in TELS | wards for tel in tels)
    assert panel.tab_through() == set(links) | set(tels)


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_the_card_application_ends_with_the_official_ways_to_apply(tab: Tab) -> None:
    follow(OfficialRoutePanel(ExpressResultPage.open(tab), "card_application"))


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_the_insurance_status_page_leads_to_the_official_registration(tab: Tab) -> None:
    follow(OfficialRoutePanel(CardStatusPage.open(tab), "insurance_registration"))


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_the_nhi_journey_gives_yokohama_s_entrance_and_every_ward_by_keyboard(tab: Tab) -> None:
    tab.goto("/nhi/")
    panel = OfficialRoutePanel(NhiPage(tab, "Join National Health Insurance"), "nhi_enrolment")
    follow(panel)  # Enter on the ward list's summary opens it; every ward's number is reached
    tsurumi = panel.root.get_by_role("link", name="045-510-1807")
    assert tsurumi.is_visible() and tsurumi.get_attribute("href") == "tel:0455101807"
    panel.on.tab.check()  # the opened list still fits 360 px and passes axe


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_a_cancellation_request_ends_with_the_official_cancellation(tab: Tab) -> None:
    tab.goto("/account/create")
    CreateAccountPage(tab).create_account_with_a_passkey("はなこ")
    sent = send_a_cancellation_request(tab, address="横浜市中区港町1-1", phone="045-123-4567")
    follow(OfficialRoutePanel(sent, "insurance_cancellation"))


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_the_footer_leads_to_the_lost_card_page_and_its_24_hour_line(tab: Tab) -> None:
    home = HomePage.open(tab)
    home.page.get_by_role("contentinfo").get_by_role(
        "link", name=tab.texts("Lost or stolen card?")
    ).click()
    lost = LostCardPage(tab)
    assert routes.help_line("suspension").tel in lost.lines()
