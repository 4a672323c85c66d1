"""The eligibility and route questions (procedures.md 1.2, E1–E6), one form per page."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation

from app.domain.dates import DateProblem
from app.forms import BaseForm
from app.forms.choices import checkboxes, radios
from app.forms.fields import DATE_OF_BIRTH_MESSAGES, DateField


class HaveFormForm(BaseForm):
    have_form = radios(
        _l("Do you have your application form?"),
        [
            ("qr", _l("Yes, with a QR code")),
            ("id_only", _l("Yes, but I only have the 23-digit ID")),
            ("renewal_no_id", _l("I have a renewal notice without an application ID")),
            ("no", _l("No")),
            ("unknown", _l("I do not know what this is")),
        ],
        _l("Select whether you have your application form"),
        description=_l(
            "The application form (個人番号カード交付申請書) came by post with your notification "
            "card or a "
            "letter from your city. Its 23-digit ID (申請書ID) is printed at the top right, with a "
            "QR code."
        ),
        hints={
            "id_only": _l(
                "For example, you wrote it down. You can apply online, but not at a photo booth."
            ),
            "renewal_no_id": _l(
                "Before your card expires, J-LIS posts a renewal notice (有効期限通知書). Some "
                "notices have no application ID (申請書ID) or QR code."
            ),
            "unknown": _l("We will show you what it looks like."),
        },
    )


class DetailsChangedForm(BaseForm):
    details_changed = radios(
        _l("Has your name, address or period of stay changed since the form was printed?"),
        [("no", _l("No")), ("yes", _l("Yes")), ("not_sure", _l("I am not sure"))],
        _l("Select whether your details have changed"),
        description=_l(
            "Compare your name and address printed on the form with your residence record."
        ),
    )


class WhoForm(BaseForm):
    who = radios(
        _l("Who is the card for?"),
        [("self", _l("Me")), ("child", _l("My child under 15"))],
        _l("Select who the card is for"),
        hints={"child": _l("A parent or guardian applies for a child under 15.")},
    )


class PeriodOfStayForm(BaseForm):
    period_of_stay = radios(
        _l("Does your residence card show a period of stay?"),
        [("yes", _l("Yes")), ("no", _l("No"))],
        _l("Select whether your residence card shows a period of stay"),
        description=_l(
            "Foreign residents with a period of stay (在留期間) get a card that ends when the stay "
            "ends. Answer No if you are a Japanese national, a permanent resident or a special "
            "permanent resident."
        ),
    )


class ExpressForm(BaseForm):
    express = checkboxes(
        _l("Do any of these apply to you?"),
        [
            ("under_one", _l("The card is for a baby under 1 year old")),
            ("from_abroad", _l("I moved to Japan from abroad in the last 30 days")),
            ("new_resident", _l("I became a mid- to long-term resident in the last 30 days")),
            ("lost", _l("I lost my card in the last 30 days")),
            ("damaged", _l("My card is damaged")),
            ("number_changed", _l("My My Number was changed")),
            ("notes_full", _l("The notes area (追記欄) on the front of my card is full")),
            ("none", _l("None of these")),
        ],
        _l("Select the reasons that apply, or None of these"),
        description=_l(
            "In these cases you may get the card in about a week (特急発行, express issuance). "
            "Select "
            "all that apply."
        ),
    )

    def validate_express(self, field: Any) -> None:
        if "none" in field.data and len(field.data) > 1:
            raise StopValidation(str(_l("Select None of these on its own, or only the reasons")))


class RouteForm(BaseForm):
    route = radios(
        _l("How do you want to apply?"),
        [
            ("smartphone", _l("With my smartphone")),
            ("pc", _l("On a computer")),
            ("booth", _l("At an ID photo booth")),
            ("mail", _l("By post")),
            ("workplace", _l("At my workplace, when the city comes to take applications")),
        ],
        _l("Select how you want to apply"),
        hints={
            "smartphone": _l(
                "Scan the form's QR code and take your photo with the phone. About 10 minutes. "
                "The card is ready soonest this way."
            ),
            "pc": _l("Type the 23-digit ID and upload a photo file (JPEG)."),
            "booth": _l(
                "Some ID photo booths send the application for you. You need the form with its QR "
                "code and the booth fee."
            ),
            "mail": _l(
                "We fill in a printable form for you. You add a printed photo, sign it and post "
                "it. A few days slower than online."
            ),
            "workplace": _l(
                "Some employers host the city's on-site application (出張申請受付). The card is "
                "then posted to you, with no office visit."
            ),
        },
    )


class DateForm(BaseForm):
    """A step's one date typed in three parts (inputs `date-year`, `-month`, `-day`);
    subclasses give the field with its messages and rule."""

    when: DateField
    today: date | None = None

    @property
    def value(self) -> date | None:
        return self.when.data

    def parts(self) -> dict[str, str]:
        return self.when.parts

    def validate_with(self, today: date) -> bool:
        self.today = today
        return bool(self.validate())

    @classmethod
    def from_iso(cls, value: str | None) -> DateForm:
        return cls(data={"when": value}) if value else cls()


class StayEndForm(BaseForm):
    stay_end = DateField(
        _l("End of your period of stay"),
        name="date",
        id="date-year",
        messages={
            DateProblem.MISSING: _l("Enter the date your period of stay ends"),
            DateProblem.INCOMPLETE: _l("The end date must include a year, a month and a day"),
            DateProblem.NOT_REAL: _l("The end date must be a real date"),
            DateProblem.TOO_OLD: _l("The end date must be a real date"),
        },
    )


class DateOfBirthForm(DateForm):
    when = DateField(
        _l("Date of birth"),
        name="date",
        id="date-year",
        past=True,
        messages=DATE_OF_BIRTH_MESSAGES,
    )


FORMS: dict[str, type[BaseForm]] = {
    "have-form": HaveFormForm,
    "details-changed": DetailsChangedForm,
    "who": WhoForm,
    "period-of-stay": PeriodOfStayForm,
    "stay-end": StayEndForm,
    "express": ExpressForm,
    "route": RouteForm,
}


class MovedForm(BaseForm):
    moved = radios(
        _l("Have you moved to another city, town or village since you applied?"),
        [("no", _l("No")), ("yes", _l("Yes"))],
        _l("Select whether you have moved since you applied"),
        description=_l("Answer Yes only if the notice to collect the card has not arrived yet."),
    )


class CollectForm(BaseForm):
    collect = radios(
        _l("Can you go to the office yourself to collect the card?"),
        [
            ("yes", _l("Yes")),
            (
                "unavoidable",
                _l("No, because of illness, a disability or another unavoidable reason"),
            ),
            ("other", _l("No, for another reason, such as work")),
        ],
        _l("Select whether you can collect the card yourself"),
    )


#: The questions after applying (`domain/collection.FLOW`).
COLLECT_FORMS: dict[str, type[BaseForm]] = {"moved": MovedForm, "collect": CollectForm}
