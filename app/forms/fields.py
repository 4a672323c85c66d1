"""The field rules every form shares: one date field, one "required" rule, one phone rule.

Rules themselves are pure (`app/domain/dates.py`, `app/domain/phones.py`); these wrap them for
WTForms with GOV.UK error messages ("Enter …", "… must be a real date") that say what to do.
Choices (radios, checkboxes) are in `app/forms/choices.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field
from wtforms.validators import StopValidation

from app.domain import clock, phones
from app.domain.dates import DateProblem, parse

PARTS = ("year", "month", "day")
# Messages built from what the date is ("Your date of birth"), for fields that give no others.
WHAT_MESSAGES: dict[DateProblem, Any] = {
    DateProblem.MISSING: _l("Enter %(what)s"),
    DateProblem.INCOMPLETE: _l("%(what)s must include a year, month and day"),
    DateProblem.NOT_REAL: _l("%(what)s must be a real date"),
    DateProblem.TOO_OLD: _l("%(what)s must be a real date"),
    DateProblem.IN_FUTURE: _l("%(what)s must be in the past"),
}

# A date of birth (the person's own): real, in the past, from 1900.
DATE_OF_BIRTH_MESSAGES: dict[DateProblem, Any] = {
    DateProblem.MISSING: _l("Enter your date of birth"),
    DateProblem.INCOMPLETE: _l("Date of birth must include a year, a month and a day"),
    DateProblem.NOT_REAL: _l("Date of birth must be a real date"),
    DateProblem.IN_FUTURE: _l("Date of birth must be in the past"),
    DateProblem.TOO_OLD: _l("Date of birth must be after 1900"),
}


class DateField(Field):  # type: ignore[misc]
    """A date typed as year, month and day (inputs `<name>-year`, `-month`, `-day`).

    `data` is the date or None, `parts` what was typed (a wrong date is shown back as typed),
    `problem` what is wrong with it. Declared with `messages` (or `what`), the field checks
    itself: real, in the past when `past`, not before `not_before`; otherwise the form calls
    `check()` when its own rule says the date is needed.
    """

    def __init__(
        self,
        label: Any = None,
        validators: Any = None,
        *,
        messages: Mapping[DateProblem, Any] | None = None,
        what: Any = None,
        past: bool = False,
        not_before: date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(label, validators, **kwargs)
        self.messages = dict(messages or {})
        self.what = what
        self.past = past
        self.not_before = not_before

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[Any] = []
        self.parts = dict.fromkeys(PARTS, "")
        if formdata is not None and any(f"{self.name}-{p}" in formdata for p in PARTS):
            self.parts = {p: formdata.get(f"{self.name}-{p}", "") for p in PARTS}
        else:
            if isinstance(data, str) and data:
                data = date.fromisoformat(data)
            if isinstance(data, date):
                self.parts = parts_of(data)
        parsed = parse(self.parts["year"], self.parts["month"], self.parts["day"])
        self.data = parsed if isinstance(parsed, date) else None
        self.problem = None if isinstance(parsed, date) else parsed

    def pre_validate(self, form: Any) -> None:
        if self.messages or self.what:
            self.check(today=getattr(form, "today", None))

    def check(self, what: Any = None, *, past: bool = False, today: date | None = None) -> None:
        """Stop with the message for what is wrong: not a real date, in the future (when
        `past`), or before `not_before`."""
        problem = self.problem
        if problem is None and self.data is not None:
            if (past or self.past) and self.data > (today or clock.today_in_japan()):
                problem = DateProblem.IN_FUTURE
            elif self.not_before is not None and self.data < self.not_before:
                problem = DateProblem.TOO_EARLY
        if problem is not None:
            raise StopValidation(self._message(problem, what or self.what))

    def _message(self, problem: DateProblem, what: Any) -> str:
        if problem in self.messages:
            return str(self.messages[problem])
        return str(WHAT_MESSAGES[problem]) % {"what": what}

    def iso(self) -> str | None:
        """The date as the drafts and the session keep it."""
        return self.data.isoformat() if self.data else None


def parts_of(day: date) -> dict[str, str]:
    """The three inputs' values for a date."""
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}


def required(thing: Any = None, *, message: Any = None, max_length: int | None = None) -> Any:
    """Stops with "Enter <thing>" (or `message`) when the answer is empty, and with
    "Must be N characters or fewer" when `max_length` is given (Notify's `thing=` idea)."""
    missing = message if message is not None else _l("Enter %(thing)s", thing=thing)

    def check(form: Any, field: Any) -> None:
        if not field.data:
            raise StopValidation(str(missing))
        if max_length is not None and len(field.data) > max_length:
            raise StopValidation(str(_l("Must be %(max)d characters or fewer", max=max_length)))

    return check


def phone_number(missing: Any) -> Any:
    """Stops with `missing` when empty, or when the number is not a Japanese phone number
    (10 or 11 digits from 0); keeps the digits only (`app/domain/phones.py`)."""

    def check(form: Any, field: Any) -> None:
        if not field.data:
            raise StopValidation(str(missing))
        digits = phones.normal_phone(field.data)
        if digits is None:
            raise StopValidation(
                str(_l("Enter a phone number with 10 or 11 digits, like 045 123 4567"))
            )
        field.data = digits

    return check
