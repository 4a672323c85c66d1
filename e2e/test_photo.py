"""The ID photo on a phone: the guidance, a too-close selfie from the gallery refused with the
problem drawn on it, then the photo taken again with the (fake) rear camera and the timer,
accepted, used (the same file sent again) and downloaded without its metadata for the
official site; and a check without an account, which keeps nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.domain import files
from e2e.browser import Tab
from e2e.camera import chromium_browser  # noqa: F401  (a browser with a fake camera)
from e2e.pages import PageObject
from e2e.pages.account import CreateAccountPage
from e2e.pages.photo import PhotoGuidancePage, TakePhotoPage
from tests.helpers import portraits

pytestmark = pytest.mark.e2e


class CheckedPhotoPage(PageObject):
    heading_text = "Your checked photo"


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_a_too_close_selfie_is_refused_and_the_retake_passes(tab: Tab, tmp_path: Path) -> None:
    selfie = tmp_path / "selfie.jpg"
    selfie.write_bytes(portraits.too_close())
    CreateAccountPage.open(tab).create_account_with_a_passkey("はなこ")

    guidance = PhotoGuidancePage.open(tab)
    expect(guidance.page.get_by_role("main")).to_contain_text(tab.texts("Before you start"))
    take = guidance.take_your_photo()

    take = take.choose_a_file(selfie, "fail")
    expect(take.overlay).to_be_visible()  # the problem drawn on the photo
    expect(take.problems).to_contain_text(tab.texts("Must fix:"))
    expect(take.page.get_by_role("button", name=tab.texts("Use this photo"))).to_be_hidden()

    take = take.shoot_with_the_camera("pass")
    expect(take.problems).to_be_hidden()
    take.use_this_photo()
    checked = CheckedPhotoPage(tab)
    with checked.page.expect_download() as download:
        checked.page.get_by_role("link", name=tab.texts("Download the photo (JPEG)")).click()
    photo = download.value.path().read_bytes()
    assert photo[:3] == b"\xff\xd8\xff" and b"Exif" not in photo[:64]


def test_a_photo_over_7_mb_is_refused_before_it_is_sent(tab: Tab, tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8\xff\xe0" + bytes(files.PHOTO.max_bytes + 100_000))
    CreateAccountPage.open(tab).create_account_with_a_passkey("はなこ")
    take = TakePhotoPage.open(tab)
    take.page.get_by_label(tab.texts("Take or choose a photo")).set_input_files(big)
    take.page.get_by_role("button", name=tab.texts("Check my photo")).click()
    message = tab.texts(
        "The selected file must be smaller than %(size)s MB. Take the photo again at a lower"
        " resolution, or send a smaller copy",
        size=files.PHOTO.megabytes,
    )
    expect(take.page.get_by_role("alert").filter(has_text=message)).to_be_visible()
    expect(take.verdict).to_be_hidden()
    take.tab.check()


def test_anyone_can_check_a_photo_without_an_account(tab: Tab, tmp_path: Path) -> None:
    photo = tmp_path / "me.jpg"
    photo.write_bytes(portraits.id_photo())
    take = TakePhotoPage.open(tab).choose_a_file(photo, "pass")
    expect(take.overlay).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
    expect(take.page.get_by_role("button", name=tab.texts("Use this photo"))).to_have_count(0)
    sign_in = take.page.get_by_role("link", name=tab.texts("Sign in to use this photo"))
    expect(sign_in).to_be_visible()
