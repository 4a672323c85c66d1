"""The NHI application's answers as typed sections (procedures.md 4.3), read from and written
to the draft's JSON.

One name per concept: the section `previous-insurance` (URL) is `previous_insurance` in the
draft and in the signed document. Drafts and enrolments saved before that kept it under
`insurance`; `from_draft` still reads them.

The previous insurance and its loss date are per person (review plan G9): the section gives the
household's, and a person who lost another insurance on another day gives their own
(`same_insurance` "no"). NHI starts for each person on their own loss date; the household's
deadline runs from the earliest.

Sources:
- docs/domain/procedures.md §4.3: "date previous insurance ended … per person"; §4.2: NHI
  starts on the loss date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from app.domain.answers import Section, text

LEGACY_KEYS = {"previous_insurance": "insurance"}


@dataclass(frozen=True)
class NhiEligibility(Section):
    who: str = ""
    reason: str = ""
    how_many: str = ""


@dataclass(frozen=True)
class NhiApplicant(Section):
    full_name: str = ""
    birth_date: str = ""  # ISO date, as typed and checked
    relationship: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class NhiHead(Section):
    is_applicant: str = ""  # "yes" | "no"
    full_name: str = ""
    kana: str = ""
    birth_date: str = ""


@dataclass(frozen=True)
class NhiPerson(Section):
    id: str = ""
    full_name: str = ""
    kana: str = ""
    birth_date: str = ""
    sex: str = ""
    relationship: str = ""
    myna_hokensho: str = ""
    same_insurance: str = ""  # "no": this person's own previous insurance below
    loss_date: str = ""
    insurer_type: str = ""
    insurer_name: str = ""
    symbol_number: str = ""

    def insurance(self, household: PreviousInsurance | None) -> PreviousInsurance:
        """This person's previous insurance: their own, or the household's section."""
        if self.same_insurance == "no":
            return PreviousInsurance(
                loss_date=self.loss_date,
                insurer_type=self.insurer_type,
                insurer_name=self.insurer_name,
                symbol_number=self.symbol_number,
            )
        return household or PreviousInsurance()


@dataclass(frozen=True)
class PreviousInsurance(Section):
    loss_date: str = ""
    insurer_type: str = ""
    insurer_name: str = ""
    symbol_number: str = ""

    @property
    def lost_on(self) -> date | None:
        return date.fromisoformat(self.loss_date) if self.loss_date else None


@dataclass(frozen=True)
class NhiAttachment:
    id: str = ""
    kind: str = ""
    name: str = ""
    media_type: str = ""
    size: int = 0
    sha256: str = ""

    @classmethod
    def from_draft(cls, data: dict[str, Any]) -> NhiAttachment:
        return cls(
            id=text(data.get("id")),
            kind=text(data.get("kind")),
            name=text(data.get("name")),
            media_type=text(data.get("media_type")),
            size=int(data.get("size", 0)),
            sha256=text(data.get("sha256")),
        )


@dataclass(frozen=True)
class NhiApplication:
    """Everything the resident answered; a section not yet saved is None."""

    eligibility: NhiEligibility
    applicant: NhiApplicant | None
    head: NhiHead | None
    people: tuple[NhiPerson, ...]
    people_done: bool
    previous_insurance: PreviousInsurance | None
    attachments: tuple[NhiAttachment, ...]
    declaration: bool

    @property
    def lost_on(self) -> date | None:
        """The earliest loss date of anyone joining (the household's deadline runs from it)."""
        insurances = [p.insurance(self.previous_insurance) for p in self.people]
        if self.previous_insurance is not None:
            insurances.append(self.previous_insurance)
        dates = [i.lost_on for i in insurances if i.lost_on is not None]
        return min(dates) if dates else None

    @classmethod
    def from_draft(cls, answers: dict[str, Any]) -> NhiApplication:
        return cls(
            eligibility=NhiEligibility.from_draft(answers.get("eligibility")),
            applicant=_section(NhiApplicant, section(answers, "applicant")),
            head=_section(NhiHead, section(answers, "head")),
            people=tuple(NhiPerson.from_draft(p) for p in answers.get("people", [])),
            people_done=answers.get("people_done") == "yes",
            previous_insurance=_section(PreviousInsurance, section(answers, "previous_insurance")),
            attachments=tuple(NhiAttachment.from_draft(a) for a in answers.get("attachments", [])),
            declaration=answers.get("declaration") == "yes",
        )


def section(answers: dict[str, Any], key: str) -> Any:
    """A section's saved answers, under its name or the name it had before."""
    value = answers.get(key)
    if not value and key in LEGACY_KEYS:
        value = answers.get(LEGACY_KEYS[key])
    return value


S = TypeVar("S", bound=Section)


def _section(cls: type[S], data: Any) -> S | None:
    return cls.from_draft(data) if data else None
