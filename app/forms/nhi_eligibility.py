"""The NHI eligibility questions (procedures.md 4.1, Q1–Q7), one form per page.

Each field's `description` is the hint under its question.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import StopValidation

from app.forms import BaseForm
from app.forms.choices import YES_NO, checkboxes, radios


class RegisteredForm(BaseForm):
    registered = radios(
        _l("Is your address registered in Yokohama?"),
        YES_NO,
        _l("Select yes if your address is registered in Yokohama"),
        _l("Your resident record (住民登録) is at a Yokohama ward office."),
    )


class MovingInForm(BaseForm):
    moving_in = radios(
        _l("Are you also moving into Yokohama from another city now?"),
        YES_NO,
        _l("Select yes if you are moving into Yokohama from another city now"),
        _l(
            "If you are registering a move into Yokohama now, you join National Health "
            "Insurance at the ward office at the same time."
        ),
    )


class WhoForm(BaseForm):
    who = radios(
        _l("Who is applying?"),
        [
            ("self", _l("I am joining National Health Insurance")),
            ("household", _l("Someone in my household is joining")),
            ("other", _l("Someone else (not in my household)")),
        ],
        _l("Select who is applying"),
        _l("The applicant (届出人) signs the application with their own My Number Card."),
    )


class ReasonForm(BaseForm):
    reason = radios(
        _l("Why are you joining National Health Insurance?"),
        [
            ("employee", _l("I left my employer's health insurance")),
            ("union", _l("I left a National Health Insurance union (国保組合)")),
            ("dependant", _l("I stopped being a dependant on someone's employee insurance")),
            ("other", _l("Another reason (birth, moving in, public assistance ended…)")),
        ],
        _l("Select why you are joining"),
        _l("The online form is only for people who lost employee health insurance."),
    )


class HowManyForm(BaseForm):
    how_many = StringField(
        _l("How many people are joining, including you if you are?"),
        description=_l("Online, up to 10 people can join at once."),
    )

    def validate_how_many(self, field: Any) -> None:
        value = field.data or ""
        if not value:
            raise StopValidation(_l("Enter how many people are joining"))
        if not value.isascii() or not value.isdigit():
            raise StopValidation(_l("Number of people must be a number, like 3"))
        if int(value) < 1:
            raise StopValidation(_l("Number of people must be 1 or more"))
        field.data = str(int(value))


class CardForm(BaseForm):
    card = radios(
        _l("Do you have your My Number Card, and do you know its signature password?"),
        [
            ("yes", _l("Yes, I have the card and know the signature password")),
            ("no_card", _l("I do not have a My Number Card")),
            (
                "face_card",
                _l("My card is a face-recognition card (顔認証マイナンバーカード, no PINs)"),
            ),
            ("password_unknown", _l("I do not know the signature password")),
            ("password_locked", _l("The signature password is locked")),
        ],
        _l("Select whether you have the card and know its signature password"),
        _l(
            "The signature password (署名用電子証明書の暗証番号) is 6 to 16 capital letters "
            "and numbers. Never type it on this website: you type it only in the card reader "
            "app when you sign."
        ),
    )


class CardProblemsForm(BaseForm):
    card_problems = checkboxes(
        _l("Do any of these apply to the applicant's card?"),
        [
            ("expired", _l("The signature certificate has expired")),
            ("details_changed", _l("I moved or changed my name since the certificate was issued")),
            ("under_15", _l("The applicant is under 15")),
            ("none", _l("None of these")),
        ],
        _l("Select the ones that apply, or select none of these"),
        _l("The card of the person who applies and signs. Select all that apply."),
        hints={
            "expired": _l(
                "The certificate expires on the 5th birthday after it was issued. The date is "
                "printed on the card (券面) or shown in MynaPortal."
            ),
            "details_changed": _l(
                "The signature certificate stops working when your address or name changes."
            ),
            "under_15": _l("People under 15 are not issued a signature certificate."),
        },
    )

    def validate_card_problems(self, field: Any) -> None:
        if "none" in field.data and len(field.data) > 1:
            raise StopValidation(_l("Select none of these only if nothing else applies"))


class LossDocumentForm(BaseForm):
    loss_document = radios(
        _l("Do you have a document showing when you lost your previous insurance?"),
        YES_NO,
        _l("Select yes if you have a document showing when you lost your previous insurance"),
        _l(
            "For example a certificate of loss of insurance (資格喪失証明書) from your former "
            "employer or its insurer. It must show who lost which insurance and when."
        ),
    )


FORMS: dict[str, type[BaseForm]] = {
    "registered": RegisteredForm,
    "moving-in": MovingInForm,
    "who": WhoForm,
    "reason": ReasonForm,
    "how-many": HowManyForm,
    "card": CardForm,
    "card-problems": CardProblemsForm,
    "loss-document": LossDocumentForm,
}
