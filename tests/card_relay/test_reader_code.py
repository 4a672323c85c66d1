"""A reader that can be on another device shows the 6-digit code, and the page needs it
(issue 12 H2: "show the code on every reader that can be on another device").

The reference reader (`card-relay reader`, the phone route's client) runs in-process with the
simulated card against the real app over HTTP; no pcscd needed.
"""

from __future__ import annotations

import argparse
import re

import pytest

from card_relay import reader
from card_relay.testca import ENV_DIR, TestCa
from e2e.server import LiveServer
from tests.card_relay.test_relay_support import SitePage, site  # noqa: F401 - the fixture

AUTH_PIN = "1234"


def test_the_phone_reader_shows_the_code_and_the_page_needs_it(
    site: LiveServer,  # noqa: F811 - the imported fixture
    testca: TestCa,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV_DIR, str(testca.directory))  # the card the site trusts
    monkeypatch.setenv("PHONE_PIN", AUTH_PIN)
    page = SitePage(site)
    launch = page.start("auth", device="phone")
    parser = argparse.ArgumentParser()
    reader.add_arguments(parser)
    args = parser.parse_args(
        ["--server", site.url, "--ticket", launch.app_link, "--pin-env", "PHONE_PIN", "--simulated"]
    )
    assert reader.run(args) == 0
    printed = capsys.readouterr().out
    shown = re.search(r"^code: (\d{6})$", printed, re.MULTILINE)
    assert shown, printed
    return_url = f"/relay/return?j={launch.job_id}"
    without = page.claim(return_url, code="")
    assert "does not match" in without.get_text()
    claimed = page.claim(return_url, code=shown.group(1))
    assert "Your card works" in claimed.get_text()
