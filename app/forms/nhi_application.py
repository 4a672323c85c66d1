"""The NHI application's sections (procedures.md 4.3): about you, the head of household, each
person joining, the previous insurance, the documents. Every message says what to do."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import FileField, StringField
from wtforms.validators import StopValidation

from app.domain import nhi_fields
from app.domain.dates import DateProblem
from app.forms import BaseForm
from app.forms.choices import YES_NO, OneOf, checkboxes, radios
from app.forms.fields import DateField, phone_number, required
from app.labels import form_choices
from app.labels import nhi as labels

RELATIONSHIPS = form_choices(labels.RELATIONSHIPS)
SEXES = form_choices(labels.SEXES)
INSURERS = form_choices(labels.INSURERS)
MYNA_HOKENSHO = form_choices(labels.MYNA_HOKENSHO)
ATTACHMENT_KINDS = [
    ("loss_certificate", _l("Certificate of loss of insurance (資格喪失証明書) or another proof")),
    ("other", _l("Another document")),
]


class SectionForm(BaseForm):
    """A section page, autosaved as the user types; `check(today)` validates it."""

    AUTOSAVE = True
    today: date = date.min

    def check(self, today: date) -> bool:
        self.today = today
        return bool(self.validate_on_submit())

    def answers(self) -> dict[str, Any]:
        """The section's answers as stored in the draft (dates as ISO strings)."""
        values: dict[str, Any] = {}
        for field in self:
            if field.short_name == "csrf_token":
                continue
            data = field.data
            values[field.short_name] = data.isoformat() if isinstance(data, date) else data
        return values


class ApplicantForm(SectionForm):
    full_name = StringField(
        _l("Your full name (氏名)"), validators=[required(message=_l("Enter your full name"))]
    )
    birth_date = DateField(_l("Your date of birth (生年月日)"), id="birth_date-year")
    relationship = radios(
        _l("Your relationship to the head of household (続柄)"),
        RELATIONSHIPS,
        _l("Select your relationship to the head of household"),
    )
    phone = StringField(
        _l("Daytime phone number (電話番号)"), [phone_number(_l("Enter a phone number"))]
    )
    email = StringField(_l("Email address (メールアドレス)"))

    def validate_birth_date(self, field: Any) -> None:
        field.check(_l("Your date of birth"), past=True, today=self.today)

    def validate_email(self, field: Any) -> None:
        value = field.data or ""
        if not value:
            raise StopValidation(_l("Enter an email address"))
        local, _, domain = value.partition("@")
        if len(value) > 254 or not local or "." not in domain or " " in value:
            raise StopValidation(
                _l("Enter an email address in the correct format, like name@example.com")
            )


class HeadForm(SectionForm):
    is_applicant = radios(
        _l("Are you the head of household (世帯主)?"),
        YES_NO,
        _l("Select yes if you are the head of household"),
    )
    full_name = StringField(_l("Head of household's full name (世帯主氏名)"))
    kana = StringField(_l("Head of household's name in katakana (フリガナ)"))
    birth_date = DateField(_l("Head of household's date of birth (生年月日)"), id="birth_date-year")

    def validate_full_name(self, field: Any) -> None:
        if self.is_applicant.data == "no" and not field.data:
            raise StopValidation(_l("Enter the head of household's full name"))

    def validate_kana(self, field: Any) -> None:
        _check_kana(field, _l("Enter the head of household's name in katakana"))

    def validate_birth_date(self, field: Any) -> None:
        if self.is_applicant.data == "no":
            field.check(_l("The head of household's date of birth"), past=True, today=self.today)
        elif field.problem is not DateProblem.MISSING:
            field.check(_l("The head of household's date of birth"), past=True, today=self.today)


def _check_kana(field: Any, missing: Any) -> None:
    if not field.data:
        raise StopValidation(missing)
    kana = nhi_fields.to_katakana(field.data)
    if kana is None:
        raise StopValidation(_l("Enter the name in katakana or hiragana, like バンゴウ ハナコ"))
    field.data = kana


class PersonForm(SectionForm):
    full_name = StringField(
        _l("Full name (氏名)"), validators=[required(message=_l("Enter the person's full name"))]
    )
    kana = StringField(_l("Name in katakana (フリガナ)"))
    birth_date = DateField(_l("Date of birth (生年月日)"), id="birth_date-year")
    sex = radios(_l("Sex, as on the resident record (性別)"), SEXES, _l("Select the person's sex"))
    relationship = radios(
        _l("Relationship to the head of household (続柄)"),
        RELATIONSHIPS,
        _l("Select the person's relationship to the head of household"),
    )
    myna_hokensho = radios(
        _l("Does this person use their My Number Card as a health insurance card (マイナ保険証)?"),
        MYNA_HOKENSHO,
        _l("Select whether the person uses their card as a health insurance card"),
    )

    same_insurance = radios(
        _l("Did this person lose the same previous insurance on the same date as the household?"),
        YES_NO,
        _l("Select yes if this person lost the same insurance on the same date"),
        _l(
            "Family members can leave different insurers on different days, for example a "
            "spouse who left another job. NHI starts for each person on their own date of loss."
        ),
    )
    # This person's own previous insurance, asked only when it differs (same_insurance "no").
    loss_date = DateField(_l("This person's date of loss (資格喪失日)"), id="loss_date-year")
    insurer_type = radios(
        _l("What kind of insurance was it? (保険の種類)"),
        INSURERS,
        _l("Select the kind of insurance"),
    )
    insurer_type.kwargs["validators"] = []  # checked in validate_insurer_type, only when asked
    insurer_name = StringField(_l("Name of the insurer (保険者名称)"))
    symbol_number = StringField(_l("Symbol and number of the old insurance (記号・番号)"))

    def validate_kana(self, field: Any) -> None:
        _check_kana(field, _l("Enter the person's name in katakana"))

    def validate_birth_date(self, field: Any) -> None:
        field.check(_l("Date of birth"), past=True, today=self.today)

    def _own_insurance(self) -> bool:
        return bool(self.same_insurance.data == "no")

    def validate_loss_date(self, field: Any) -> None:
        if self._own_insurance():
            field.check(_l("The date this person lost their insurance"))

    def validate_insurer_type(self, field: Any) -> None:
        if self._own_insurance():
            OneOf(_l("Select the kind of insurance"))(self, field)

    def validate_insurer_name(self, field: Any) -> None:
        if self._own_insurance() and not field.data:
            raise StopValidation(_l("Enter the name of the insurer"))


class InsuranceForm(SectionForm):
    loss_date = DateField(
        _l("The date you lost your previous insurance (資格喪失日)"), id="loss_date-year"
    )
    insurer_type = radios(
        _l("What kind of insurance was it? (保険の種類)"),
        INSURERS,
        _l("Select the kind of insurance"),
    )
    insurer_name = StringField(
        _l("Name of the insurer (保険者名称)"),
        validators=[required(message=_l("Enter the name of the insurer"))],
    )
    symbol_number = StringField(_l("Symbol and number of the old insurance (記号・番号)"))

    def validate_loss_date(self, field: Any) -> None:
        field.check(_l("The date you lost your insurance"))


class AttachmentForm(BaseForm):
    document = FileField(_l("Choose a file (PDF, JPG or PNG)"))
    kind = radios(_l("What is this document?"), ATTACHMENT_KINDS, _l("Select what the document is"))


class DeclarationForm(BaseForm):
    declaration = checkboxes(
        _l("Declaration (申告)"),
        [("yes", _l("I confirm that this information is correct"))],
        _l("Confirm that the information is correct"),
    )


SECTION_FORMS: dict[str, type[SectionForm]] = {
    "about-you": ApplicantForm,
    "head-of-household": HeadForm,
    "previous-insurance": InsuranceForm,
}
