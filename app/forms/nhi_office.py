"""Staff decisions on an NHI enrolment: accept with the qualification date and the details the
notice prints (保険者番号, 被保険者記号・番号, validity: review plan G11, from the office's own
system), or ask for a correction with a message the resident reads."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import StopValidation

from app.domain import nhi_fields
from app.forms import BaseForm
from app.forms.fields import DateField

MAX_MESSAGE = 1000
MAX_SYMBOL_NUMBER = 40


class AcceptForm(BaseForm):
    qualification_date = DateField(
        _l("Qualification date (資格取得日)"), id="qualification_date-year"
    )

    def validate_qualification_date(self, field: Any) -> None:
        field.check(_l("The qualification date"))

    insurer_number = StringField(_l("Insurer number (保険者番号)"))
    symbol_number = StringField(_l("Symbol and number (被保険者記号・番号)"))
    valid_until = DateField(_l("Valid until (有効期限)"), id="valid_until-year")

    def validate_insurer_number(self, field: Any) -> None:
        if not (field.data or "").strip():
            raise StopValidation(_l("Enter the insurer number"))
        number = nhi_fields.insurer_number(field.data)
        if number is None:
            raise StopValidation(_l("The insurer number must be 6 or 8 digits"))
        field.data = number

    def validate_symbol_number(self, field: Any) -> None:
        field.data = (field.data or "").strip()
        if not field.data:
            raise StopValidation(_l("Enter the symbol and number"))
        if len(field.data) > MAX_SYMBOL_NUMBER:
            raise StopValidation(_l("The symbol and number must be 40 characters or fewer"))

    def validate_valid_until(self, field: Any) -> None:
        """Optional: a 資格確認書 has a validity, a 資格情報のお知らせ has none."""
        if not any(field.parts.values()):
            return
        field.check(_l("The validity date"))
        start = self.qualification_date.data
        if start and field.data and field.data < start:
            raise StopValidation(_l("The validity date must be on or after the qualification date"))


class CorrectionForm(BaseForm):
    message = TextAreaField(_l("What the resident must correct"))

    def validate_message(self, field: Any) -> None:
        if not field.data:
            raise StopValidation(_l("Enter what the resident must correct"))
        if len(field.data) > MAX_MESSAGE:
            raise StopValidation(_l("The message must be 1000 characters or fewer"))
