"""The insurance journey's questions and the cancellation request (procedures.md 3.2, 3.4)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.domain.dates import DateProblem
from app.forms import BaseForm
from app.forms.choices import radios
from app.forms.fields import DATE_OF_BIRTH_MESSAGES, DateField, phone_number, required


class HaveCardForm(BaseForm):
    have_card = radios(
        _l("Do you have your My Number Card?"),
        [("yes", _l("Yes")), ("no", _l("No, or it has not arrived yet"))],
        _l("Select whether you have your My Number Card"),
        description=_l(
            "The plastic card with your photo (マイナンバーカード). The paper notification card "
            "(通知カード) "
            "cannot be registered."
        ),
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
        description=_l(
            "Some people choose a card for face recognition only (顔認証マイナンバーカード), with "
            "no PIN set."
        ),
        hints={"not_sure": _l("The next question is about the PIN.")},
    )


class KnowPinForm(BaseForm):
    know_pin = radios(
        _l("Do you know your 4-digit PIN?"),
        [("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("I am not sure"))],
        _l("Select whether you know your 4-digit PIN"),
        description=_l(
            "The PIN for user authentication (利用者証明用電子証明書の暗証番号), set when you got "
            "the card. Do "
            "not type it here: you only type it in the card reader app."
        ),
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
        hints={
            "phone": _l(
                "Most recent phones can. The phone then acts as the card reader for this page."
            ),
            "computer": _l(
                "A USB reader for IC cards (ICカードリーダライタ), with our card reader app "
                "running."
            ),
            "neither": _l("We will show you other places to register."),
        },
    )


READINESS_FORMS: dict[str, type[BaseForm]] = {
    "have-card": HaveCardForm,
    "face-card": FaceCardForm,
    "know-pin": KnowPinForm,
    "device": DeviceForm,
}


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
            ("agent", _l("Someone from another household, with a letter of authority (委任状)")),
        ],
        _l("Select who is sending the request"),
        hints={
            "household": _l("No letter of authority is needed."),
            "agent": _l("You will attach the letter of authority and your own ID."),
        },
    )


class InsurerForm(BaseForm):
    insurer = radios(
        _l("Which health insurance is the person in?"),
        [
            ("nhi", _l("National Health Insurance from your city (国民健康保険)")),
            ("employee", _l("Insurance through an employer (健康保険組合, 協会けんぽ, 共済組合)")),
            ("elderly", _l("Insurance for people 75 and over (後期高齢者医療制度)")),
            ("not_sure", _l("I am not sure")),
        ],
        _l("Select which health insurance the person is in"),
        description=_l("It is printed on the 資格情報のお知らせ or 資格確認書 (保険者名称)."),
    )


class ValidCardForm(BaseForm):
    """A valid card or 資格確認書 is a required document (S4:106-113; review plan E2)."""

    valid_card = radios(
        _l("Does the insured person have a valid 資格確認書 or health insurance card?"),
        [("yes", _l("Yes")), ("no", _l("No"))],
        _l("Select whether the insured person has a valid 資格確認書 or health insurance card"),
        description=_l(
            "Paper health insurance cards are no longer valid. People with a registered card "
            "usually have a 資格情報のお知らせ instead, which is not a 資格確認書."
        ),
        hints={
            "yes": _l("You will attach a copy of it."),
            "no": _l("You send the request without it."),
        },
    )


CANCEL_FORMS: dict[str, type[BaseForm]] = {
    "applicant": ApplicantForm,
    "insurer": InsurerForm,
    "valid-card": ValidCardForm,
}
BIRTH_DATE_INCOMPLETE = _l("Enter the date of birth, with a year, a month and a day")


class DetailsForm(BaseForm):
    """The MHLW template's fields; the reason may be left blank. Autosaved as it is typed."""

    AUTOSAVE = True

    name = StringField(
        _l("Full name of the insured person"),
        [required(message=_l("Enter the full name"), max_length=200)],
    )
    birth_date = DateField(
        _l("Date of birth (生年月日)"),
        name="birth-date",
        id="birth-date-year",
        past=True,
        # Someone else's date of birth, perhaps: "Enter the date of birth", not "your".
        messages={
            **DATE_OF_BIRTH_MESSAGES,
            DateProblem.MISSING: BIRTH_DATE_INCOMPLETE,
            DateProblem.INCOMPLETE: BIRTH_DATE_INCOMPLETE,
        },
    )
    address = StringField(
        _l("Address"), [required(message=_l("Enter the address"), max_length=300)]
    )
    phone = StringField(_l("Phone number"), [phone_number(_l("Enter a phone number"))])
    insured_number = StringField(
        _l("Insured person's symbol and number (被保険者記号・番号)"),
        [
            required(
                message=_l("Enter the symbol and number from the 資格情報のお知らせ"), max_length=40
            )
        ],
    )
    reason = TextAreaField(_l("Reason"), [Length(max=500)])

    def answers(self) -> dict[str, Any]:
        """The answers as the draft keeps them (the date as one ISO date)."""
        values = {k: v for k, v in self.data.items() if k != "csrf_token"}
        return {**values, "birth_date": self.birth_date.iso()}
