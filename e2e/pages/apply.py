"""The apply journey's pages: questions, results, the application steps, the confirmation."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from e2e.browser import Tab
from e2e.pages import PageObject


class ApplyStartPage(PageObject):
    heading_text = "Apply for the My Number Card"
    path = "/apply/"

    def start_now(self) -> QuestionPage:
        self.page.get_by_role("button", name=self._("Start now")).click()
        return QuestionPage.expecting("Do you have your application form?", self.tab)


class QuestionPage(PageObject):
    """A question page: the question is the h1 (a radio group's legend)."""

    heading_text = ""

    @classmethod
    def expecting(cls, heading_id: str, tab: object) -> QuestionPage:
        page = type(cls.__name__, (cls,), {"heading_text": heading_id})
        return page(tab)  # type: ignore[no-any-return]

    def choose(self, *option_ids: str) -> None:
        for option in option_ids:
            self.page.get_by_label(self._(option), exact=True).check()

    def answer(self, *option_ids: str, then: str) -> QuestionPage:
        """Pick the options and continue to the next page (a question or a result) headed
        `then`: the one `answer()` shape of every journey's page objects and the WebKit tab."""
        self.choose(*option_ids)
        self.page.get_by_role("button", name=self._("Continue")).click()
        return QuestionPage.expecting(then, self.tab)

    def answer_route(self, option_id: str, heading_id: str) -> ApplicationStartPage:
        self.choose(option_id)
        self.page.get_by_role("button", name=self._("Continue")).click()
        return ApplicationStartPage.expecting(heading_id, self.tab)  # type: ignore[return-value]

    @property
    def continue_button(self) -> Locator:
        return self.page.get_by_role("main").get_by_role("button", name=self._("Continue"))


class ApplicationStartPage(QuestionPage):
    """Before the first step: sign in (or create an account), or start the application."""

    def create_account_and_come_back(self, display_name: str) -> ApplicationStartPage:
        from e2e.pages.account import CreateAccountPage

        self.page.get_by_role("main").get_by_role("link", name=self._("Create an account")).click()
        CreateAccountPage(self.tab)
        self.page.get_by_label(self._("Display name")).fill(display_name)
        self.page.get_by_role("button", name=self._("Create account with a passkey")).click()
        expect(
            self.page.get_by_role("button", name=self._("Start your application"))
        ).to_be_visible()
        return ApplicationStartPage.expecting(self.heading_text, self.tab)  # type: ignore[return-value]

    def start_your_application(self, first_heading: str) -> StepPage:
        self.page.get_by_role("button", name=self._("Start your application")).click()
        return StepPage.expecting(first_heading, self.tab)  # type: ignore[return-value]


class StepPage(QuestionPage):
    """An application step: answers are saved with "Save and continue"."""

    def fill(self, label_id: str, value: str) -> None:
        self.page.get_by_label(self._(label_id)).fill(value)

    def fill_date(self, year: str, month: str, day: str) -> None:
        self.page.get_by_label(self._("Year"), exact=True).fill(year)
        self.page.get_by_label(self._("Month"), exact=True).fill(month)
        self.page.get_by_label(self._("Day"), exact=True).fill(day)

    def save_and_continue(self, next_heading: str, *option_ids: str) -> StepPage:
        self.choose(*option_ids)
        self.page.get_by_role("button", name=self._("Save and continue")).click()
        return StepPage.expecting(next_heading, self.tab)  # type: ignore[return-value]

    def take_your_photo(self) -> PageObject:
        from e2e.pages.photo import PhotoGuidancePage

        self.page.get_by_role("button", name=self._("Take your photo")).click()
        return PhotoGuidancePage(self.tab)


def answer_the_questions(tab: Tab) -> QuestionPage:
    """The apply questions with the answers of the smartphone route, from the start page to
    "How do you want to apply?"."""
    question = ApplyStartPage.open(tab).start_now()
    question = question.answer(
        "Yes, with a QR code",
        then="Has your name, address or period of stay changed since the form was printed?",
    )
    question = question.answer("No", then="Who is the card for?")
    question = question.answer("Me", then="Does your residence card show a period of stay?")
    question = question.answer("No", then="Do any of these apply to you?")
    return question.answer("None of these", then="How do you want to apply?")


class CheckAnswersPage(PageObject):
    heading_text = "Check your answers before sending your application"

    def value(self, text: str) -> Locator:
        return self.page.locator(".summary-list__value", has_text=text)

    def send(self, button_id: str, heading_id: str) -> SentPage:
        self.page.get_by_role("button", name=self._(button_id)).click()
        return SentPage.expecting(heading_id, self.tab)


class SentPage(PageObject):
    heading_text = ""

    @classmethod
    def expecting(cls, heading_id: str, tab: object) -> SentPage:
        return type("SentPage", (cls,), {"heading_text": heading_id})(tab)  # type: ignore[no-any-return]

    @property
    def reference(self) -> Locator:
        return self.page.locator(".panel__reference")

    def download_pdf(self, link_id: str) -> bytes:
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name=self._(link_id)).click()
        return download.value.path().read_bytes()
