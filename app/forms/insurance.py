"""The insurance journey's questions and the cancellation request (procedures.md 3.2, 3.4)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, StopValidation

from app.forms import BaseForm
from app.forms.choices import radios


class HaveCardForm(BaseForm):
    have_card = radios(
        _l("Do you have your My Number Card?"),
        [("yes", _l("Yes")), ("no", _l("No, or it has not arrived yet"))],
        _l("Select whether you have your My Number Card"),
    )


class FaceCardForm(BaseForm):
    face_card = radios(
        _l("Does your card have a PIN?"),
        [
            ("pin", _l("Yes, I set PINs when I got the card")),
            ("face_only", _l("No, it is a face-recognition card without a PIN")),
            ("not_sure", _l("I am not sure")),
        ],
        _l("Select whether your card has a PIN"),
    )


class KnowPinForm(BaseForm):
    know_pin = radios(
        _l("Do you know your 4-digit PIN?"),
        [("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("I am not sure"))],
        _l("Select whether you know your 4-digit PIN"),
    )


class DeviceForm(BaseForm):
    device = radios(
        _l("Which device will you use?"),
        [
            ("phone", _l("A smartphone that reads cards by NFC (Android or iPhone)")),
            ("computer", _l("A computer with an IC card reader")),
            ("neither", _l("Neither")),
        ],
        _l("Select which device you will use"),
    )


class TermsForm(BaseForm):
    agree = BooleanField(
        _l("I agree to these terms"),
        validators=[InputRequired(_l("Agree to the terms to register your card"))],
    )


# Cancelling ---------------------------------------------------------------------------------
class ApplicantForm(BaseForm):
    applicant = radios(
        _l("Who is sending the request?"),
        [
            ("self", _l("I am, for my own registration")),
            ("household", _l("Someone in the same household")),
            ("agent", _l("Someone else, with a letter of authority (委任状)")),
        ],
        _l("Select who is sending the request"),
    )


class InsurerForm(BaseForm):
    insurer = radios(
        _l("Which health insurance is the person in?"),
        [
            ("nhi", _l("National Health Insurance from the ward (国民健康保険)")),
            ("employee", _l("Insurance through an employer (健康保険組合, 協会けんぽ, 共済組合)")),
            ("elderly", _l("Insurance for people 75 and over (後期高齢者医療制度)")),
            ("not_sure", _l("I am not sure")),
        ],
        _l("Select which health insurance the person is in"),
    )


def _required(message: Any, maximum: int = 200) -> list[Any]:
    return [
        InputRequired(message),
        Length(max=maximum, message=_l("Must be %(max)d characters or fewer", max=maximum)),
    ]


class DetailsForm(BaseForm):
    """The MHLW template's fields; the reason may be left blank. Autosaved as it is typed."""

    AUTOSAVE = True

    name = StringField(_l("Full name of the insured person"), _required(_l("Enter the full name")))
    birth_year = StringField(_l("Year"), name="birth-date-year")
    birth_month = StringField(_l("Month"), name="birth-date-month")
    birth_day = StringField(_l("Day"), name="birth-date-day")
    address = StringField(_l("Address"), _required(_l("Enter the address"), 300))
    phone = StringField(_l("Phone number"), _required(_l("Enter a phone number"), 20))
    insured_number = StringField(
        _l("Insured person's symbol and number (被保険者記号・番号)"),
        _required(_l("Enter the symbol and number from the 資格情報のお知らせ"), 40),
    )
    reason = TextAreaField(_l("Reason"), [Length(max=500)])

    def validate_birth_year(self, field: Any) -> None:
        parts = (field.data, self.birth_month.data, self.birth_day.data)
        if not all(parts):
            raise StopValidation(str(_l("Enter the date of birth, with a year, a month and a day")))
        try:
            born = date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError as error:
            raise StopValidation(str(_l("Date of birth must be a real date"))) from error
        if born >= date.today() or born.year < 1900:
            raise StopValidation(str(_l("Date of birth must be in the past")))

    def answers(self) -> dict[str, Any]:
        """The answers as the draft keeps them (the date also as one ISO date)."""
        values = {k: v for k, v in self.data.items() if k != "csrf_token"}
        return {**values, "birth_date": self.birth_date()}

    def birth_date(self) -> str:
        return date(
            int(self.birth_year.data), int(self.birth_month.data), int(self.birth_day.data)
        ).isoformat()

    def validate_phone(self, field: Any) -> None:
        digits = "".join(c for c in field.data if c.isdigit())
        if not 10 <= len(digits) <= 11:
            raise StopValidation(str(_l("Enter a phone number with 10 or 11 digits")))
