"""The application's steps, one form each. Each form reads and writes its part of the draft."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, StopValidation

from app.domain import application_id
from app.domain.application import CardApplicationAnswers
from app.forms import BaseForm
from app.forms.apply import DateOfBirthForm
from app.forms.choices import radios
from app.forms.fields import phone_number
from app.labels import apply as labels
from app.labels import form_choices

EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


class StepForm(BaseForm):
    """A step's form: `KEYS` are its answers; text steps also autosave those keys."""

    KEYS: ClassVar[tuple[str, ...]] = ()
    AUTOSAVE: ClassVar[bool] = False

    def answers(self) -> dict[str, Any]:
        return {key: getattr(self, key).data for key in self.KEYS}

    @classmethod
    def initial(cls, answers: CardApplicationAnswers) -> dict[str, Any]:
        """The form's data from the typed answers (the fields are named as the answers are)."""
        return {k: getattr(answers, k) for k in cls.KEYS if getattr(answers, k)}

    def check(self, today: date) -> bool:
        return bool(self.validate())


class TermsForm(StepForm):
    KEYS = ("terms",)
    terms = BooleanField(
        _l("I agree to the terms of use"),
        validators=[DataRequired(message=_l("Agree to the terms of use to continue"))],
    )


def _check_application_id(form: Any, field: Any) -> None:
    messages = {
        application_id.IdProblem.MISSING: _l("Enter your application form ID"),
        application_id.IdProblem.NOT_DIGITS: _l("Application form ID must only include numbers"),
        application_id.IdProblem.WRONG_LENGTH: _l("Application form ID must be 23 digits"),
    }
    problem = application_id.problem(field.data or "")
    if problem is not None:
        raise StopValidation(str(messages[problem]))
    field.data = application_id.normalise(field.data)


class ApplicationIdForm(StepForm):
    KEYS = ("application_id",)
    AUTOSAVE = True
    application_id = StringField(
        _l("Application form ID (申請書ID)"), validators=[_check_application_id]
    )


def _check_email(form: Any, field: Any) -> None:
    if not field.data:
        raise StopValidation(str(_l("Enter your email address")))
    if len(field.data) > 254 or not EMAIL.fullmatch(field.data):
        raise StopValidation(
            str(_l("Enter an email address in the correct format, like name@example.com"))
        )


class ContactForm(StepForm):
    KEYS = ("contact_name", "email")
    AUTOSAVE = True
    contact_name = StringField(
        _l("Name for email contact (メール連絡用氏名)"),
        validators=[
            DataRequired(message=_l("Enter a name for email contact")),
            Length(max=50, message=_l("Name must be 50 characters or fewer")),
        ],
    )
    email = StringField(_l("Email address (メールアドレス)"), validators=[_check_email])


class DetailsForm(StepForm):
    KEYS = ("full_name", "address", "phone")
    AUTOSAVE = True
    full_name = StringField(
        _l("Full name (氏名)"),
        validators=[
            DataRequired(message=_l("Enter your full name")),
            Length(max=100, message=_l("Full name must be 100 characters or fewer")),
        ],
    )
    address = StringField(
        _l("Address (住所)"),
        validators=[
            DataRequired(message=_l("Enter your address")),
            Length(max=200, message=_l("Address must be 200 characters or fewer")),
        ],
    )
    phone = StringField(
        _l("Phone number (電話番号)"), validators=[phone_number(_l("Enter your phone number"))]
    )


class BirthStepForm(DateOfBirthForm, StepForm):
    KEYS = ("date_of_birth",)
    AUTOSAVE = True

    def answers(self) -> dict[str, Any]:
        return {"date_of_birth": self.value.isoformat() if self.value else None}

    @classmethod
    def initial(cls, answers: CardApplicationAnswers) -> dict[str, Any]:
        """The shared date-of-birth question names its field `when`."""
        return {"when": answers.date_of_birth} if answers.date_of_birth else {}

    def check(self, today: date) -> bool:
        return self.validate_with(today)


class CertificatesForm(StepForm):
    KEYS = ("certificates",)
    certificates = radios(
        _l("Do you want electronic certificates on your card? (電子証明書の発行希望)"),
        form_choices(labels.CERTIFICATES),
        _l("Select which electronic certificates you want"),
    )


class BrailleForm(StepForm):
    KEYS = ("braille",)
    braille = radios(
        _l("Do you want your name in Braille on the card? (氏名の点字表記)"),
        form_choices(labels.BRAILLE),
        _l("Select whether you want your name in Braille"),
    )


STEP_FORMS: dict[str, type[StepForm]] = {
    "terms": TermsForm,
    "application-id": ApplicationIdForm,
    "contact": ContactForm,
    "details": DetailsForm,
    "date-of-birth": BirthStepForm,
    "certificates": CertificatesForm,
    "braille": BrailleForm,
}
