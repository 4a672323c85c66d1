"""Pages of the insurance journeys (registration, status, cancellation) and the one walk of a
cancellation request to its sent page, which the registration journey and the official-route
test both take (so a new question in the cancellation is answered in one place)."""

from __future__ import annotations

from playwright.sync_api import expect

from app.labels import insurance as cancel_labels
from e2e.browser import Tab
from e2e.pages import PageObject


class Page(PageObject):
    """Any page of these journeys, known by its heading."""

    def __init__(self, tab: Tab, heading: str) -> None:
        self.heading_text = heading
        super().__init__(tab)

    def answer(self, *option_ids: str, then: str) -> Page:
        """Pick the options and continue to the page headed `then` (the one `answer()` shape)."""
        for option in option_ids:
            self.page.get_by_label(self._(option), exact=True).check()
        return self.press("Continue", then)

    def press(self, button: str, next_heading: str) -> Page:
        self.page.get_by_role("button", name=self._(button)).first.click()
        return Page(self.tab, next_heading)

    def follow(self, link: str, next_heading: str) -> Page:
        name = self._(link)
        target = self.page.get_by_role("link", name=name).or_(
            self.page.get_by_role("button", name=name)
        )
        target.first.click()
        return Page(self.tab, next_heading)


def send_a_cancellation_request(tab: Tab, *, address: str, phone: str) -> Page:
    """A signed-in resident asks, for their own National Health Insurance registration and
    holding no valid card, to cancel; answers the details, adds an ID and sends. Returns the
    sent page, having checked the demonstration's exact words there (nothing cancelled, the
    state "Received (demonstration)")."""
    tab.goto("/insurance/cancel/")
    cancel = Page(tab, "Cancel the health insurance registration")
    cancel = cancel.follow("Start now", "Who is sending the request?")
    cancel = cancel.answer(
        "I am, for my own registration", then="Which health insurance is the person in?"
    )
    cancel = cancel.answer(
        "National Health Insurance from your city (国民健康保険)",
        then="Does the insured person have a valid 資格確認書 or health insurance card?",
    )
    cancel = cancel.answer("No", then="About the insured person")
    fill = cancel.page.get_by_label
    fill(tab.texts("Full name (氏名)")).fill("番号 花子")
    fill(tab.texts("Year"), exact=True).fill("1990")
    fill(tab.texts("Month"), exact=True).fill("4")
    fill(tab.texts("Day"), exact=True).fill("1")
    fill(tab.texts("Address (住所)")).fill(address)
    fill(tab.texts("Phone number (電話番号)")).fill(phone)
    fill(tab.texts("Insured person's symbol and number (被保険者記号・番号)")).fill("12-3456")
    documents = cancel.press("Save and continue", "Add the documents")
    fill(tab.texts.option(cancel_labels.DOCUMENTS, "identity")).set_input_files(
        {"name": "id.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%id\n"}
    )
    check = documents.press("Save and continue", "Check your request before sending it")
    sent = check.press("Accept and send", "Sent to this demonstration's office pages")
    # What the demonstration says it did, exactly (truthful-outcomes X6, X8).
    expect(sent.page.get_by_test_id("not-cancelled")).to_have_text(
        tab.texts("Your registration is not cancelled.")
        + " "
        + tab.texts("No insurer received this. Send the request to your insurer (below).")
    )
    expect(sent.page.get_by_test_id("status")).to_have_text(tab.texts("Received (demonstration)"))
    return sent
