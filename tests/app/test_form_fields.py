"""The shared field rules as forms use them: one DateField, required(), phone_number()."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask
from werkzeug.datastructures import MultiDict
from wtforms import StringField

from app.domain import clock
from app.domain.dates import DateProblem
from app.forms import BaseForm
from app.forms.fields import DateField, phone_number, required


class _Form(BaseForm):
    class Meta:
        csrf = False

    born = DateField("Date of birth", name="born", what="Your date of birth", past=True)
    issued = DateField(
        "Issued",
        name="issued",
        not_before=date(2016, 1, 1),
        messages={
            DateProblem.MISSING: "Enter the issue date",
            DateProblem.TOO_EARLY: "After 2016",
        },
    )
    name = StringField("Name", [required("your name", max_length=5)])
    phone = StringField("Phone", [phone_number("Enter a phone number")])


def _posted(app: Flask, **values: str) -> tuple[bool, Any]:
    with app.test_request_context("/?lang=en", method="POST", data=MultiDict(values)):
        form = _Form()
        return bool(form.validate()), form


GOOD = {
    "born-year": "１９９０",
    "born-month": "4",
    "born-day": "1",
    "issued-year": "2020",
    "issued-month": "1",
    "issued-day": "2",
    "name": "Hana",
    "phone": "045-123-4567",
}


def test_a_typed_date_is_read_once_with_full_width_digits(app: Flask) -> None:
    valid, form = _posted(app, **GOOD)
    assert valid
    assert (form.born.data, form.born.iso()) == (date(1990, 4, 1), "1990-04-01")
    assert form.phone.data == "0451234567"


def test_a_wrong_date_keeps_what_was_typed_and_says_what_to_fix(app: Flask) -> None:
    tomorrow = clock.today_in_japan() + timedelta(days=1)
    valid, form = _posted(
        app,
        **{
            **GOOD,
            "born-year": str(tomorrow.year),
            "born-month": str(tomorrow.month),
            "born-day": str(tomorrow.day),
            "issued-year": "2015",
            "name": "",
            "phone": "+81 45 123 4567",
        },
    )
    assert not valid
    assert form.born.errors == ["Your date of birth must be in the past"]
    assert form.born.parts["year"] == str(tomorrow.year)
    assert form.issued.errors == ["After 2016"]
    assert form.name.errors == ["Enter your name"]
    assert form.phone.errors == ["Enter a phone number with 10 or 11 digits, like 045 123 4567"]


def test_an_impossible_date_and_a_long_answer(app: Flask) -> None:
    valid, form = _posted(app, **{**GOOD, "born-day": "31", "born-month": "2", "name": "Hanako"})
    assert not valid
    assert form.born.errors == ["Your date of birth must be a real date"]
    assert form.name.errors == ["Must be 5 characters or fewer"]


def test_a_saved_date_fills_the_three_inputs(app: Flask) -> None:
    with app.test_request_context():
        form = _Form(data={"born": "2001-02-03"})
    assert form.born.parts == {"year": "2001", "month": "2", "day": "3"}
