"""One journey per site language (issue 17), on the 360 px phone: the reader picks the language
with the switcher, answers the apply questions to the smartphone route, and checks an ID photo.
Every page: axe, the console, no sideways scrolling, no element wider than the viewport, and
the page checker (no text left in another language) — `e2e/languages.py`.

The expected words come from each language's catalogue (`e2e/texts.py`), so a language passes
once its catalogue is complete; the whole NHI journey in Vietnamese and easy Japanese is in
`test_nhi_enrollment.py` (it needs the card reader).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from card_relay.languages import LANGUAGES
from e2e.browser import Tab
from e2e.languages import speak
from e2e.pages.apply import answer_the_questions
from e2e.pages.photo import TakePhotoPage
from tests.helpers import portraits

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("device", ["phone"])
@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_apply_questions_and_the_photo_step_fit_a_phone_in_each_language(
    tab: Tab, code: str, tmp_path: Path
) -> None:
    speak(tab, code)
    route = answer_the_questions(tab)
    route.answer_route("With my smartphone", "Apply with your smartphone")

    photo = tmp_path / "me.jpg"
    photo.write_bytes(portraits.id_photo())
    take = TakePhotoPage.open(tab).choose_a_file(photo, "pass")
    expect(take.overlay).to_be_visible()
    expect(take.page.locator("html")).to_have_attribute("lang", code)
