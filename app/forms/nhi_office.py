"""Staff decisions on an NHI enrolment: accept with the qualification date, or ask for a
correction with a message the resident reads."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import StopValidation

from app.forms import BaseForm
from app.forms.fields import DateField

MAX_MESSAGE = 1000


class AcceptForm(BaseForm):
    qualification_date = DateField(
        _l("Qualification date (資格取得日)"), id="qualification_date-year"
    )

    def validate_qualification_date(self, field: Any) -> None:
        field.check(_l("The qualification date"))


class CorrectionForm(BaseForm):
    message = TextAreaField(_l("What the resident must correct"))

    def validate_message(self, field: Any) -> None:
        if not field.data:
            raise StopValidation(_l("Enter what the resident must correct"))
        if len(field.data) > MAX_MESSAGE:
            raise StopValidation(_l("The message must be 1000 characters or fewer"))
