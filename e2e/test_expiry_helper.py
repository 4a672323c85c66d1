"""The expiry and PIN helper on a phone, without an account: a foreign resident whose period of
stay ends before the card would, the warning that no reminder comes, and the calendar file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.browser import Tab
from e2e.pages import PageObject

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("device", ["phone"])]


class Question(PageObject):
    """A question page of the helper: the heading is the question."""

    def __init__(self, tab: Tab, heading: str) -> None:
        self.heading_text = heading
        super().__init__(tab)

    def answer(self, *option_ids: str, then: str) -> Question:
        """Pick the options and continue to the page headed `then` (the one `answer()` shape)."""
        for option in option_ids:
            self.page.get_by_label(self._(option), exact=True).check()
        return self.go_on(then)

    def date(self, year: str, month: str, day: str, next_heading: str) -> Question:
        self.page.get_by_label(self._("Year"), exact=True).fill(year)
        self.page.get_by_label(self._("Month"), exact=True).fill(month)
        self.page.get_by_label(self._("Day"), exact=True).fill(day)
        return self.go_on(next_heading)

    def go_on(self, next_heading: str) -> Question:
        self.page.get_by_role("button", name=self._("Continue")).click()
        return Question(self.tab, next_heading)


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_a_foreign_resident_whose_stay_ends_first_gets_the_dates_and_reminders(tab: Tab) -> None:
    tab.goto("/card/")
    start = Question(tab, "When does my card expire?")
    start.page.get_by_role("button", name=tab.texts("Start now")).click()
    question = Question(tab, "What is your date of birth?")

    wrong = question.date("2090", "1", "1", "What is your date of birth?")
    expect(wrong.page.get_by_role("alert")).to_contain_text(
        tab.texts("Date of birth must be in the past")
    )
    assert tab.page.title().startswith(tab.texts("Error:"))

    question = wrong.date("1995", "8", "20", "How do you want to give your card's dates?")
    question = question.answer(
        "I know the date the card was issued", then="When was your card issued?"
    )
    question = question.date("2024", "3", "15", "Does your residence card show a period of stay?")
    question = question.answer("Yes", then="When does your period of stay end?")
    dates = question.date("2027", "1", "31", "Your card's dates")

    warning = dates.page.get_by_test_id("stay-warning")
    expect(warning).to_contain_text(tab.texts("Your period of stay ends first"))
    expect(dates.page.get_by_test_id("card-expiry").locator("time")).to_have_attribute(
        "datetime", "2027-01-31"
    )
    expect(dates.page.get_by_test_id("certificate-expiry").locator("time")).to_have_attribute(
        "datetime", "2027-01-31"
    )
    expect(dates.page.get_by_test_id("timeline")).to_contain_text(
        tab.texts("Your period of stay ends in 3 months")
    )

    with dates.page.expect_download() as download:
        dates.page.get_by_test_id("ics-download").click()
    assert download.value.suggested_filename.endswith(".ics")
    calendar = download.value.path().read_bytes().replace(b"\r\n ", b"").decode()
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20270131" in calendar and "BEGIN:VALARM" in calendar
    assert tab.texts("Your period of stay ends in 3 months") in calendar

    dates.page.get_by_role("link", name=tab.texts("Find how to reset your PIN")).first.click()
    reset = Question(tab, "Which of your card's passwords do you still know?")
    route = reset.answer(
        "The signature password (6 to 16 capital letters and numbers)",
        then="Reset your 4-digit PIN at a convenience store",
    )
    expect(route.page.get_by_role("main")).to_contain_text("24")
