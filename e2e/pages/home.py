"""The landing page and the offline page."""

from __future__ import annotations

from e2e.pages import PageObject


class HomePage(PageObject):
    heading_text = "Get your My Number Card and use it"
    path = "/"

    def create_an_account(self) -> PageObject:
        from e2e.pages.account import CreateAccountPage

        # A start button: a link that looks and announces itself as a button.
        self.page.get_by_role("button", name=self._("Create an account")).click()
        return CreateAccountPage(self.tab)

    def i_already_have_an_account(self) -> PageObject:
        from e2e.pages.account import SignInPage

        self.page.get_by_role("main").get_by_role(
            "link", name=self._("I already have an account")
        ).click()
        return SignInPage(self.tab)


class OfflinePage(PageObject):
    """What the service worker shows for any page while there is no connection."""

    heading_text = "You are offline"
