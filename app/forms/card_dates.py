"""The expiry and PIN helper's questions: choices and dates (three typed parts), as WTForms."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.domain.dates import DateProblem
from app.forms import BaseForm
from app.forms.choices import radios
from app.forms.fields import DATE_OF_BIRTH_MESSAGES, DateField

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
        hints={
            "printed": _l(
                "The card's expiry is printed on its front (有効期限). The certificates' expiry is "
                "written in the box 電子証明書の有効期限."
            ),
            "chip": _l(
                "With a card reader or an NFC phone and your 4-digit PIN. Only the certificate's "
                "date is on the chip."
            ),
        },
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
        description=_l(
            "For 18- and 19-year-olds the card's length changed on that day: 5 years before, 10 "
            "years after."
        ),
    )


class StayForm(BaseForm):
    stay = radios(
        _l("Does your residence card show a period of stay?"),
        [
            ("yes", _l("Yes")),
            ("no", _l("No: I am a Japanese national, a permanent or special permanent resident")),
        ],
        _l("Select whether your residence card shows a period of stay"),
        description=_l(
            "For foreign residents with a period of stay, the card and its certificates end when "
            "the stay ends, if that comes first. Highly Skilled Professionals (ii) also answer No."
        ),
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


def _date(
    key: str, label: Any, *, past: bool = False, name: str = "date", description: Any = ""
) -> DateField:
    """A card date by the rules of answer `key`: from 2016, when cards were first issued."""
    words = MESSAGES[key]
    early = words["early"]
    return DateField(
        label,
        name=name,
        id=f"{name}-year",
        description=description,
        past=past,
        not_before=FIRST_CARD_DAY,
        messages={
            DateProblem.MISSING: words["missing"],
            DateProblem.INCOMPLETE: words["incomplete"],
            DateProblem.NOT_REAL: words["not_real"],
            DateProblem.TOO_OLD: early,
            DateProblem.TOO_EARLY: early,
            DateProblem.IN_FUTURE: words.get("future", early),
        },
    )


class BornForm(BaseForm):
    born = DateField(
        _l("Date of birth"), name="date", id="date-year", past=True, messages=DATE_OF_BIRTH_MESSAGES
    )


class IssuedForm(BaseForm):
    issued = _date("issued", _l("The date the card was issued"), past=True)


class StayEndForm(BaseForm):
    stay_end = _date("stay_end", _l("The date your period of stay ends"))


class PrintedDatesForm(BaseForm):
    """The card's printed expiry and, unless read from the chip, the certificate's."""

    card = _date(
        "card",
        _l("The card's expiry (有効期限, on the front)"),
        name="card",
        description=_l("For example, 2034 4 1"),
    )
    certificate = _date(
        "certificate",
        _l("The certificates' expiry (電子証明書の有効期限)"),
        name="certificate",
        description=_l(
            "Written in the box on the front. If it is empty, MynaPortal shows it. "
            "For example, 2029 4 1"
        ),
    )


# The helper's questions with a form of their own (read-card and printed-dates have pages).
FORMS: dict[str, type[BaseForm]] = {
    "date-of-birth": BornForm,
    "source": SourceForm,
    "issue-date": IssuedForm,
    "applied": AppliedForm,
    "stay": StayForm,
    "stay-end": StayEndForm,
}
