"""Creating an account, signing in, the task list and the account page with its passkeys."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from e2e.pages import PageObject


class CreateAccountPage(PageObject):
    heading_text = "Create an account"
    path = "/account/create"

    def create_account_with_a_passkey(self, display_name: str) -> YourTasksPage:
        """Give a display name and let the device's authenticator make the passkey."""
        self.page.get_by_label(self._("Display name")).fill(display_name)
        self.page.get_by_role("button", name=self._("Create account with a passkey")).click()
        return YourTasksPage(self.tab)

    def create_account_without_a_name(self) -> CreateAccountPage:
        """Forget the name: the same page comes back with a summary of what to fix."""
        self.page.get_by_label(self._("Display name")).clear()
        self.page.get_by_role("button", name=self._("Create account with a passkey")).click()
        expect(self.error_summary).to_be_visible()
        return CreateAccountPage(self.tab)

    @property
    def error_summary(self) -> Locator:
        return self.page.get_by_role("alert").filter(has_text=self._("There is a problem"))


class SignInPage(PageObject):
    heading_text = "Sign in"
    path = "/sign-in"

    def sign_in_with_a_passkey(self) -> YourTasksPage:
        self.page.get_by_role("button", name=self._("Sign in with a passkey")).click()
        return YourTasksPage(self.tab)


class YourTasksPage(PageObject):
    """The dashboard: the four procedures as a task list, each with its status."""

    heading_text = "Your tasks"
    path = "/dashboard"
    PROCEDURES = (
        "Apply for the My Number Card",
        "Take the ID photo",
        "Register the card for health insurance",
        "Join National Health Insurance",
    )

    def task(self, name_id: str) -> Locator:
        return self.page.get_by_role("main").get_by_role("link", name=self._(name_id))

    def expect_the_four_procedures(self, status_id: str = "Not yet started") -> None:
        """Each procedure is a link whose accessible description is its status."""
        for name_id in self.PROCEDURES:
            task = self.task(name_id)
            expect(task).to_be_visible()
            expect(task).to_have_accessible_description(self._(status_id))

    def signed_in_as(self, display_name: str) -> Locator:
        return self.page.get_by_text(self._("Signed in as %(name)s.", name=display_name))


class YourAccountPage(PageObject):
    """The profile: display name (autosaved as a draft while typing) and the passkeys."""

    heading_text = "Your account"
    path = "/account"

    @property
    def display_name(self) -> Locator:
        return self.page.get_by_label(self._("Display name"))

    @property
    def draft_saved(self) -> Locator:
        return self.page.get_by_text(self._("Draft saved"))

    @property
    def restored_notice(self) -> Locator:
        return self.page.get_by_text(self._("We restored what you had typed."))

    def type_display_name(self, text: str) -> None:
        """Type key by key, as a person does; the draft is saved while they type."""
        self.display_name.clear()
        self.display_name.press_sequentially(text)
        expect(self.draft_saved).to_be_visible()

    def save_display_name(self) -> YourAccountPage:
        self.page.get_by_role("button", name=self._("Save"), exact=True).click()
        # The same page comes back: its confirmation shows that the new one has arrived.
        expect(self.notification("Your display name has been saved.")).to_be_visible()
        return YourAccountPage(self.tab)

    def passkey(self, number: int) -> Locator:
        return self.page.get_by_text(self._("Passkey %(number)d", number=number), exact=True)

    def add_a_passkey(self) -> YourAccountPage:
        self.page.get_by_role("button", name=self._("Add a passkey")).click()
        expect(self.notification("Your new passkey has been added.")).to_be_visible()
        return YourAccountPage(self.tab)

    def remove_passkey(self, number: int) -> YourAccountPage:
        name = self._("Remove passkey %(number)d", number=number)
        self.page.get_by_role("button", name=name, exact=True).click()
        expect(self.notification("The passkey has been removed.")).to_be_visible()
        return YourAccountPage(self.tab)
