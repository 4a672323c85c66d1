"""The photo pages: the guidance before the shot, and the capture page with its result."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, expect

from e2e.pages import PageObject

# Counting down, uploading and checking take a few seconds; this only bounds the wait.
RESULT_WAIT_MS = 30_000


class PhotoGuidancePage(PageObject):
    heading_text = "Take the ID photo"
    path = "/photo/"

    def take_your_photo(self) -> TakePhotoPage:
        self.page.get_by_role("button", name=self._("Take your photo")).click()
        return TakePhotoPage(self.tab)


class TakePhotoPage(PageObject):
    heading_text = "Take your photo"
    path = "/photo/take"

    @property
    def verdict(self) -> Locator:
        return self.page.locator("#photo-result [data-verdict]")

    @property
    def problems(self) -> Locator:
        return self.page.locator("#photo-result .photo-problems")

    @property
    def overlay(self) -> Locator:
        return self.page.locator("#photo-result img.photo-preview")

    def _wait_for_result(self, verdict: str) -> TakePhotoPage:
        expect(self.verdict).to_have_attribute("data-verdict", verdict, timeout=RESULT_WAIT_MS)
        self.tab.check()  # the result swapped in place is part of this page
        return self

    def choose_a_file(self, path: Path, verdict: str) -> TakePhotoPage:
        """The plain file input (a photo from the gallery), then "Check my photo"."""
        self.page.get_by_label(self._("Take or choose a photo")).set_input_files(path)
        self.page.get_by_role("button", name=self._("Check my photo")).click()
        return self._wait_for_result(verdict)

    def shoot_with_the_camera(self, verdict: str) -> TakePhotoPage:
        """Start the camera, press the 3-second timer; the shot is uploaded and checked."""
        self.page.get_by_role("button", name=self._("Start the camera")).click()
        self.page.get_by_role("button", name=self._("Take the photo in 3 seconds")).click()
        return self._wait_for_result(verdict)

    def use_this_photo(self) -> None:
        self.page.get_by_role("button", name=self._("Use this photo")).click()
