"""The expiry and PIN helper's questions: choices as WTForms, dates as three typed parts."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.forms import BaseForm
from app.forms.choices import radios

FIRST_CARD_DAY = date(2016, 1, 1)  # cards were first issued in January 2016


class SourceForm(BaseForm):
    source = radios(
        _l("How do you want to give your card's dates?"),
        [
            ("issue", _l("I know the date the card was issued")),
            ("printed", _l("I will type the dates printed on the card")),
            ("chip", _l("Read the certificate's date from the card with a reader")),
        ],
        _l("Select how you want to give your card's dates"),
    )


class AppliedForm(BaseForm):
    applied = radios(
        _l("Did you apply for the card before 1 April 2022?"),
        [
            ("before", _l("Yes, before 1 April 2022")),
            ("after", _l("No, on or after 1 April 2022")),
            ("not_sure", _l("I am not sure")),
        ],
        _l("Select when you applied for the card"),
    )


class StayForm(BaseForm):
    stay = radios(
        _l("Does your residence card show a period of stay?"),
        [
            ("yes", _l("Yes")),
            ("no", _l("No: I am a Japanese national, a permanent or special permanent resident")),
        ],
        _l("Select whether your residence card shows a period of stay"),
    )


class PinResetForm(BaseForm):
    known = radios(
        _l("Which of your card's passwords do you still know?"),
        [
            ("signature", _l("The signature password (6 to 16 capital letters and numbers)")),
            ("pin", _l("The 4-digit PIN")),
            ("neither", _l("Neither")),
        ],
        _l("Select which password you still know"),
    )


MESSAGES: dict[str, dict[str, Any]] = {
    "born": {
        "missing": _l("Enter your date of birth"),
        "incomplete": _l("Date of birth must include a year, a month and a day"),
        "not_real": _l("Date of birth must be a real date"),
        "future": _l("Date of birth must be in the past"),
        "early": _l("Date of birth must be after 1900"),
    },
    "issued": {
        "missing": _l("Enter the date the card was issued"),
        "incomplete": _l("The issue date must include a year, a month and a day"),
        "not_real": _l("The issue date must be a real date"),
        "future": _l("The issue date must be today or in the past"),
        "early": _l("The issue date must be after the start of 2016, when cards were first issued"),
    },
    "card": {
        "missing": _l("Enter the card's expiry date"),
        "incomplete": _l("The card's expiry date must include a year, a month and a day"),
        "not_real": _l("The card's expiry date must be a real date"),
        "early": _l("The card's expiry date must be after the start of 2016"),
    },
    "certificate": {
        "missing": _l("Enter the certificate's expiry date"),
        "incomplete": _l("The certificate's expiry date must include a year, a month and a day"),
        "not_real": _l("The certificate's expiry date must be a real date"),
        "early": _l("The certificate's expiry date must be after the start of 2016"),
    },
    "stay_end": {
        "missing": _l("Enter the date your period of stay ends"),
        "incomplete": _l("The end date must include a year, a month and a day"),
        "not_real": _l("The end date must be a real date"),
        "early": _l("The end date must be after the start of 2016"),
    },
}


def read_date(values: Mapping[str, str], prefix: str) -> date | str:
    """A real date from `<prefix>-year/-month/-day`, or a problem key."""
    parts = [
        unicodedata.normalize("NFKC", values.get(f"{prefix}-{p}", "")).strip()
        for p in ("year", "month", "day")
    ]
    if not any(parts):
        return "missing"
    if not all(parts):
        return "incomplete"
    if not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        return "not_real"
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return "not_real"


def check_date(values: Mapping[str, str], prefix: str, key: str, *, today: date) -> date | str:
    """The date or the message that says what to fix, by the rules of answer `key`."""
    value = read_date(values, prefix)
    if isinstance(value, str):
        return str(MESSAGES[key][value])
    if key in ("born", "issued") and value > today:
        return str(MESSAGES[key]["future"])
    if key == "born" and value.year < 1900:
        return str(MESSAGES[key]["early"])
    if key != "born" and value < FIRST_CARD_DAY:
        return str(MESSAGES[key]["early"])
    return value


def parts_of(iso: str | None) -> dict[str, str]:
    if not iso:
        return {}
    day = date.fromisoformat(iso)
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}
