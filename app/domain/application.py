"""The application's steps for each route, what each needs, and the certificate rule by age.

Sources:
- docs/domain/procedures.md §1.2: the official online form's fields in order (申請書ID, contact,
  date of birth, certificates, Braille) and the handwritten form's.
- docs/domain/procedures.md §0.3 and jpki.md §4: no signature certificate under 15.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from app.domain.dates import age_on
from app.domain.expiry import SIGNATURE_MIN_AGE

# Online routes follow the official online form; the mail route fills the handwritten form.
STEPS: dict[str, tuple[str, ...]] = {
    "online": (
        "terms",
        "application-id",
        "contact",
        "date-of-birth",
        "certificates",
        "braille",
        "photo",
    ),
    "mail": ("details", "date-of-birth", "certificates", "braille"),
}
# Which answers each step fills (fields of `CardApplicationAnswers`); a step is done when all
# of them are given.
STEP_KEYS: dict[str, tuple[str, ...]] = {
    "terms": ("terms",),
    "application-id": ("application_id",),
    "contact": ("contact_name", "email"),
    "details": ("full_name", "address", "phone"),
    "date-of-birth": ("date_of_birth",),
    "certificates": ("certificates",),
    "braille": ("braille",),
    "photo": ("photo_id",),
}
CERTIFICATES = ("both", "user_only", "none")


@dataclass(frozen=True)
class CardApplicationAnswers:
    """The card application's answers as the draft keeps them (one key per answer; the
    eligibility answers it carries, then one field per step's answer)."""

    route: str = ""
    have_form: str = ""
    who: str = ""
    period_of_stay: str = ""
    stay_end: str = ""
    express: str = ""
    has_qr: bool = False
    terms: bool = False
    application_id: str = ""
    contact_name: str = ""
    email: str = ""
    full_name: str = ""
    address: str = ""
    phone: str = ""
    date_of_birth: str = ""  # ISO date
    certificates: str = ""
    braille: str = ""
    photo_id: str = ""

    @classmethod
    def from_draft(cls, answers: dict[str, Any]) -> CardApplicationAnswers:
        values: dict[str, Any] = {}
        for field in fields(cls):
            value = answers.get(field.name)
            if field.type == "bool":
                values[field.name] = bool(value)
            else:
                values[field.name] = "" if value is None else str(value)
        return cls(**values)

    def to_draft(self) -> dict[str, Any]:
        """The answers given, as the draft keeps them (unanswered ones left out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @property
    def born_on(self) -> date | None:
        return date.fromisoformat(self.date_of_birth) if self.date_of_birth else None


def route_kind(route: str) -> str:
    """Smartphone and PC both use the online form; post uses the handwritten one."""
    return "mail" if route == "mail" else "online"


def steps(route: str) -> tuple[str, ...]:
    return STEPS[route_kind(route)]


def is_done(step: str, answers: CardApplicationAnswers, *, today: date) -> bool:
    if not all(getattr(answers, key) for key in STEP_KEYS[step]):
        return False
    if step == "certificates":
        return answers.certificates in certificate_choices(answers, today=today)
    return True


def missing(answers: CardApplicationAnswers, *, today: date) -> list[str]:
    """The steps still to answer on the answers' route, in order; empty when it can be sent."""
    return [s for s in steps(answers.route) if not is_done(s, answers, today=today)]


def next_step(current: str, answers: CardApplicationAnswers, *, today: date) -> str | None:
    """The first unanswered step after `current`, else the first unanswered one; None = check."""
    order = steps(answers.route)
    later = order[order.index(current) + 1 :] if current in order else order
    for step in (*later, *order):
        if not is_done(step, answers, today=today):
            return step
    return None


def age(answers: CardApplicationAnswers, *, today: date) -> int | None:
    born = answers.born_on
    return age_on(born, today) if born else None


def certificate_choices(answers: CardApplicationAnswers, *, today: date) -> tuple[str, ...]:
    """Under-15s are not issued a signature certificate (procedures.md 0.2)."""
    years = age(answers, today=today)
    if years is not None and years < SIGNATURE_MIN_AGE:
        return ("user_only", "none")
    return CERTIFICATES
