"""Session-scoped photos and reports, so each photo is built and judged once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from photo_checks import PhotoReport, check_photo
from tests.photo_checks import cases

# A fixed "now" so the 6-month rule does not depend on the day the tests run.
NOW = datetime(2025, 6, 1, 12, 0, 0)


@pytest.fixture(scope="session")
def good_jpeg() -> bytes:
    return cases.good_jpeg()


@pytest.fixture(scope="session")
def good_report(good_jpeg: bytes) -> PhotoReport:
    return check_photo(good_jpeg, now=NOW)


@pytest.fixture(scope="session")
def defect_report() -> Callable[[str], PhotoReport]:
    """Judge the named defect photo once per session."""
    cache: dict[str, PhotoReport] = {}

    def judge(name: str) -> PhotoReport:
        if name not in cache:
            builder = cases.DEFECTS[name][0]
            cache[name] = check_photo(cases.jpeg(builder()), now=NOW)
        return cache[name]

    return judge
