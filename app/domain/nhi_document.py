"""The canonical document a resident signs: canonical JSON built from the answers.

Bytes: UTF-8 JSON, keys sorted, no insignificant whitespace, strings NFC-normalised, no
floats; attachments referenced by SHA-256. Only the answers the office needs go in, nothing
about the draft's progress and no timestamp (the signing time comes with the signature), so
the same answers always give the same bytes. See docs/nhi-canonical-document.md.

Sources:
- docs/domain/procedures.md §4.3: what the ward's 加入届 asks (applicant, head of household,
  each person, the previous insurance and its loss date per person).
- sources/000_0b792771a67859a2.txt:79 (Yokohama City, 2025-03-24): the notices go to the head of
  household, whose name the document carries.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from app.domain.nhi_answers import (
    NhiApplicant,
    NhiApplication,
    NhiAttachment,
    NhiEligibility,
    NhiHead,
    NhiPerson,
    PreviousInsurance,
)

# v2: each person carries their own previous insurance and qualification date (G9).
FORMAT = "myna-guide/nhi-enrolment/v2"
MEDIA_TYPE = "application/json"


def _text(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value or ""))


def _insurance(insurance: PreviousInsurance) -> dict[str, Any]:
    return {
        "loss_date": _text(insurance.loss_date),
        "insurer_type": _text(insurance.insurer_type),
        "insurer_name": _text(insurance.insurer_name),
        "symbol_number": _text(insurance.symbol_number),
    }


def _person(person: NhiPerson, household: PreviousInsurance | None) -> dict[str, Any]:
    insurance = person.insurance(household)
    return {
        "name": _text(person.full_name),
        "name_kana": _text(person.kana),
        "birth_date": _text(person.birth_date),
        "sex": _text(person.sex),
        "relationship_to_head": _text(person.relationship),
        "myna_hokensho": _text(person.myna_hokensho),
        "previous_insurance": _insurance(insurance),
        "qualification_date": _text(insurance.loss_date),
    }


def document(application: NhiApplication) -> dict[str, Any]:
    """The document as a plain structure (the PDF copy and the office page render it)."""
    applicant = application.applicant or NhiApplicant()
    head = application.head or NhiHead()
    insurance = application.previous_insurance or PreviousInsurance()
    eligibility = application.eligibility
    head_is_applicant = head.is_applicant == "yes"
    lost_on = application.lost_on
    return {
        "format": FORMAT,
        "municipality": "横浜市",
        "notification": "国民健康保険 資格取得届",
        "reason": _text(eligibility.reason),
        "applicant": {
            "name": _text(applicant.full_name),
            "birth_date": _text(applicant.birth_date),
            "applying_as": _text(eligibility.who),
            "relationship_to_head": _text(applicant.relationship),
            "phone": _text(applicant.phone),
            "email": _text(applicant.email),
        },
        "head_of_household": {
            "is_applicant": head_is_applicant,
            "name": _text(applicant.full_name if head_is_applicant else head.full_name),
            "name_kana": _text(head.kana),
            "birth_date": _text(applicant.birth_date if head_is_applicant else head.birth_date),
        },
        "people": [_person(p, application.previous_insurance) for p in application.people],
        "previous_insurance": _insurance(insurance),
        # The earliest of the people's dates: the household's deadline runs from it.
        "qualification_date": _text(lost_on.isoformat() if lost_on else insurance.loss_date),
        "attachments": [
            {
                "kind": _text(a.kind),
                "file_name": _text(a.name),
                "media_type": _text(a.media_type),
                "size": a.size,
                "sha256": _text(a.sha256),
            }
            for a in application.attachments
        ],
        "declaration": application.declaration,
    }


def canonical_bytes(answers: dict[str, Any]) -> bytes:
    """The exact bytes that are signed, for a draft's answers."""
    return encode(document(NhiApplication.from_draft(answers)))


def encode(value: dict[str, Any]) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def decode(data: bytes) -> dict[str, Any]:
    """Read a stored document back (the office renders what was signed, not the answers)."""
    return json.loads(data.decode("utf-8"))  # type: ignore[no-any-return]


def application_of(doc: dict[str, Any]) -> NhiApplication:
    """A signed document read back as the typed answers it was built from (the PDFs read these).

    The inverse of `document()`: `document(application_of(doc)) == doc`. The document's field
    names are fixed by the signature (`name`, `name_kana`, `relationship_to_head`, `file_name`);
    they become the answers' names here, once."""
    applicant, head = doc["applicant"], doc["head_of_household"]
    insurance = doc["previous_insurance"]
    return NhiApplication(
        eligibility=NhiEligibility(who=applicant["applying_as"], reason=doc["reason"]),
        applicant=NhiApplicant(
            full_name=applicant["name"],
            birth_date=applicant["birth_date"],
            relationship=applicant["relationship_to_head"],
            phone=applicant["phone"],
            email=applicant["email"],
        ),
        head=NhiHead(
            is_applicant="yes" if head["is_applicant"] else "no",
            full_name=head["name"],
            kana=head["name_kana"],
            birth_date=head["birth_date"],
        ),
        people=tuple(_person_of(p, insurance) for p in doc["people"]),
        people_done=True,
        previous_insurance=PreviousInsurance(**insurance),
        attachments=tuple(
            NhiAttachment(
                kind=a["kind"],
                name=a["file_name"],
                media_type=a["media_type"],
                size=a["size"],
                sha256=a["sha256"],
            )
            for a in doc["attachments"]
        ),
        declaration=bool(doc["declaration"]),
    )


def _person_of(person: dict[str, Any], household: dict[str, Any]) -> NhiPerson:
    """A person read back; their insurance is their own only when it differs from the
    household's (a v1 document has none per person)."""
    own = person.get("previous_insurance", household)
    return NhiPerson(
        full_name=person["name"],
        kana=person["name_kana"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        relationship=person["relationship_to_head"],
        myna_hokensho=person["myna_hokensho"],
        **({"same_insurance": "yes"} if own == household else {"same_insurance": "no", **own}),
    )


def summary_lines(doc: dict[str, Any], digest_hex: str) -> list[str]:
    """What the card agent shows before the signature password: who, what, how many, which file."""
    people = doc["people"]
    lines = [
        f"届出人 Applicant: {doc['applicant']['name']} ({doc['applicant']['birth_date']})",
        f"世帯主 Head of household: {doc['head_of_household']['name']}",
        f"加入する人 People joining: {len(people)}",
    ]
    lines += [f"  - {p['name']} ({p['birth_date']})" for p in people]
    lines += [
        f"資格取得日 NHI from: {doc['qualification_date']}",
        f"前の保険 Previous insurer: {doc['previous_insurance']['insurer_name']}",
        f"添付書類 Attachments: {len(doc['attachments'])}",
        f"SHA-256: {digest_hex}",
    ]
    return lines
