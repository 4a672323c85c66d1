"""The office accepts an NHI enrolment: a staff account opens the list, sees the signature
checked again, starts the review, accepts with the qualification date and downloads the notice
PDF for the head of household; the resident's status page then says Accepted.

The resident's side (already covered in the browser by test_nhi_enrollment.py) is played here
through the app's test client against the same server and database, to keep this journey about
the office."""

from __future__ import annotations

import pypdf
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.storage.models import User
from e2e.browser import Tab
from e2e.pages.account import CreateAccountPage
from e2e.pages.nhi import NhiPage
from e2e.server import LiveServer
from tests.app.nhi import helpers
from tests.helpers.client import PageClient

pytestmark = pytest.mark.e2e


def resident_sends(server: LiveServer) -> tuple[PageClient, str]:
    resident = PageClient(server.app)
    resident.sign_up("Hanako")
    resident.get_page("/nhi/")
    helpers.answer_eligibility(resident)
    helpers.fill_application(resident)
    sent = helpers.sign(resident)
    assert sent.status_code == 303
    return resident, sent.headers["Location"].split("/")[3]


def make_staff(server: LiveServer) -> None:
    """What `flask users make-staff NAME` does, straight in the database."""
    with server.app.app_context():
        newest = db.session.scalars(select(User).order_by(User.created_at.desc())).first()
        assert newest is not None
        newest.is_staff = True
        db.session.commit()


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_staff_accepts_an_enrolment_and_the_notice_is_issued(
    tab: Tab, live_server: LiveServer
) -> None:
    resident, enrolment = resident_sends(live_server)
    CreateAccountPage.open(tab).create_account_with_a_passkey("窓口 一郎")
    make_staff(live_server)

    tab.goto("/office/")
    office = NhiPage(tab, "Office")
    listing = office.follow("NHI enrolments", "NHI enrolments")
    listing.page.locator("#state").select_option("received")
    listing = listing.press("Filter", "NHI enrolments")
    reference = listing.page.locator(".nhi-table tbody a").inner_text()
    listing.page.locator(".nhi-table tbody a").click()
    page = NhiPage(tab, "NHI enrolment %(reference)s", reference=reference)
    verification = tab.page.locator("#nhi-verification")
    expect(verification).to_contain_text(
        tab.texts("The signature is valid and the document is unchanged since signing.")
    )
    tab.page.get_by_role("button", name=tab.texts("Start review")).click()
    page = NhiPage(tab, "NHI enrolment %(reference)s", reference=reference)
    expect(tab.page.locator("#nhi-status")).to_have_text(tab.texts("In review"))
    page.fill_date("qualification_date", "2026", "4", "1")
    page.fill("Insurer number (保険者番号)", "138012")
    page.fill("Symbol and number (被保険者記号・番号)", "横浜鶴 1234567")
    page.fill_date("valid_until", "2027", "7", "31")
    tab.page.get_by_role("button", name=tab.texts("Accept and issue the notice")).click()
    page = NhiPage(tab, "NHI enrolment %(reference)s", reference=reference)
    expect(tab.page.locator("#nhi-status")).to_have_text(tab.texts("Accepted"))

    notice = page.download("Download the notice to post (PDF)")
    with open(notice.path(), "rb") as handle:
        text = "".join(p.extract_text() for p in pypdf.PdfReader(handle).pages)
    assert "資格確認書" in text and "番号 花子 様" in text and "2026-04-01" in text
    assert "138012" in text and "2027-07-31" in text

    status = resident.get_page(f"/nhi/enrolments/{enrolment}?lang=en")
    assert status.select_one("#nhi-status").get_text() == "Accepted"
