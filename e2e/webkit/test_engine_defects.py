"""What the WebKit probe found (`../shared/docs/reviews/webkit.md`), each checked in the engine
that showed it: no WebAuthn, no `Secure` cookie on http://localhost, faint native radios,
`hidden` buttons on screen and a camera timer that claimed a photo it never took."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.support.wait import WebDriverWait

from app.config import plain_http_localhost
from e2e.server import LiveServer
from e2e.webkit.engine import WebKit
from e2e.webkit.tab import WebKitTab
from tests.helpers.portraits import id_photo

pytestmark = [pytest.mark.e2e, pytest.mark.webkit]


@pytest.mark.parametrize("page", ["/account/create", "/sign-in"])
def test_without_webauthn_the_passkey_button_is_off_and_says_what_to_do(
    webkit_tab: WebKitTab, page: str
) -> None:
    tab = webkit_tab
    assert tab.evaluate("typeof window.PublicKeyCredential") == "undefined"
    tab.goto(page)
    tab.expect_page("Create an account" if page == "/account/create" else "Sign in")
    error = tab.evaluate("document.querySelector('[data-passkey-error]').textContent")
    assert "Safari, Chrome, Edge" in error or "Safari、Chrome、Edge" in error
    assert tab.evaluate("document.querySelector('main form button[type=submit]').disabled")


@pytest.fixture
def make_run_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app as `make run` serves it: plain HTTP on localhost."""
    (tmp_path / "plain").mkdir()
    server = LiveServer.for_workdir(tmp_path / "plain")
    server.app.config.update(plain_http_localhost(server.url))
    server.start()
    yield server
    server.stop()


def test_forms_and_the_language_work_on_make_runs_plain_http_localhost(
    webkit: WebKit, make_run_server: LiveServer, tmp_path: Path
) -> None:
    with webkit.session(tmp_path / "profile") as driver:
        tab = WebKitTab(driver, make_run_server.url, "en")
        tab.goto("/apply/questions/have-form")
        tab.expect_page("Do you have your application form?")
        tab.choose("Yes, with a QR code")
        tab.press("Continue")  # before: 400, the CSRF token's session cookie was never kept
        tab.expect_page(
            "Has your name, address or period of stay changed since the form was printed?"
        )
        driver.get(make_run_server.url + "/apply/")  # no ?lang: the cookie must remember it
        tab.expect_page("Apply for the My Number Card")


def darkest_contrast_against_white(png: bytes) -> float:
    """WCAG contrast of the darkest pixel of a screenshot against white."""
    image = Image.open(io.BytesIO(png)).convert("L")
    darkest = image.getextrema()[0] / 255

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 1.05 / (linear(darkest) + 0.05)


def test_unchecked_radios_stand_out_at_three_to_one(webkit_tab: WebKitTab) -> None:
    webkit_tab.goto("/apply/questions/have-form")
    webkit_tab.expect_page("Do you have your application form?")
    radio = webkit_tab.driver.find_element("css selector", "input[type=radio]")
    assert not radio.is_selected()
    # WebKitGTK's element screenshots come back black here: crop the window's instead.
    box = webkit_tab.evaluate(
        "((r) => [r.left, r.top, r.right, r.bottom].map(Math.round))"
        "(document.querySelector('input[type=radio]').getBoundingClientRect())"
    )
    window = Image.open(io.BytesIO(webkit_tab.driver.get_screenshot_as_png()))
    crop = io.BytesIO()
    window.crop(tuple(box)).save(crop, "PNG")
    assert darkest_contrast_against_white(crop.getvalue()) >= 3.0


def test_the_photo_page_shows_no_hidden_button_and_falls_back_without_a_camera(
    signed_in_webkit_tab: WebKitTab,
) -> None:
    tab = signed_in_webkit_tab
    tab.goto("/photo/take")
    tab.expect_page("Take your photo")  # the page check fails on any `hidden` element shown
    tab.press("Start the camera")  # this engine has no camera device here
    tab.driver.implicitly_wait(0)
    message = tab.texts(
        "The camera could not be started. Use the button below to take or choose a photo instead."
    )
    for _ in range(50):
        if tab.evaluate("document.querySelector('[data-camera-countdown]').textContent") == message:
            break
        tab.driver.execute_script("return new Promise((done) => setTimeout(done, 100))")
    assert tab.evaluate("document.querySelector('[data-camera-countdown]').textContent") == message
    assert tab.evaluate("document.activeElement.id") == "photo"
    tab.check()  # neither camera button is left on screen


def test_a_photo_is_checked_through_htmx_in_webkit(
    signed_in_webkit_tab: WebKitTab, tmp_path: Path
) -> None:
    tab = signed_in_webkit_tab
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(id_photo())
    tab.goto("/photo/take")
    tab.expect_page("Take your photo")
    tab.driver.find_element("id", "photo").send_keys(str(photo))
    tab.press("Check my photo")
    # The first check in a process loads the face models (seconds on a cold machine).
    WebDriverWait(tab.driver, 60).until(
        lambda driver: driver.execute_script(
            "return document.querySelector('#photo-result [data-verdict]') !== null"
        )
    )
    verdict = tab.evaluate("document.querySelector('#photo-result [data-verdict]').dataset.verdict")
    assert verdict in {"pass", "warn"}
    assert tab.path.startswith("/photo/take")  # swapped in place, no page load
    tab.check()
