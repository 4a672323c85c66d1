"""NHI rules: eligibility paths, the 14-day deadline, field rules, files, canonical bytes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.domain import nhi_deadlines, nhi_document, nhi_eligibility, nhi_fields
from app.domain.nhi_answers import NhiApplication

ELIGIBLE = {
    "registered": "yes",
    "moving_in": "no",
    "who": "household",
    "reason": "employee",
    "how_many": "3",
    "card": "yes",
    "card_problems": ["none"],
    "loss_document": "yes",
}


@pytest.mark.parametrize(
    ("question", "change", "leads_to"),
    [
        ("registered", {"registered": "no"}, ("result", "not-registered")),
        ("registered", {}, ("question", "moving-in")),
        ("moving-in", {"moving_in": "yes"}, ("result", "moving-in")),
        ("moving-in", {}, ("question", "who")),
        ("who", {"who": "other"}, ("result", "someone-else")),
        ("who", {"who": "self"}, ("question", "reason")),
        ("reason", {"reason": "other"}, ("result", "other-reason")),
        ("reason", {"reason": "union"}, ("question", "how-many")),
        ("reason", {"reason": "dependant"}, ("question", "how-many")),
        ("how-many", {"how_many": "11"}, ("result", "too-many")),
        ("how-many", {"how_many": "10"}, ("question", "card")),
        ("card", {"card": "no_card"}, ("result", "no-card")),
        ("card", {"card": "face_card"}, ("result", "face-card")),
        ("card", {"card": "password_unknown"}, ("result", "password")),
        ("card", {"card": "password_locked"}, ("result", "password")),
        ("card", {}, ("question", "card-problems")),
        ("card-problems", {"card_problems": ["expired"]}, ("result", "certificate-expired")),
        (
            "card-problems",
            {"card_problems": ["details_changed"]},
            ("result", "details-changed"),
        ),
        ("card-problems", {"card_problems": ["under_15"]}, ("result", "under-15")),
        ("card-problems", {}, ("question", "loss-document")),
        ("loss-document", {"loss_document": "no"}, ("result", "no-document")),
        ("loss-document", {}, ("result", "eligible")),
    ],
)
def test_each_answer_leads_on(question: str, change: dict[str, Any], leads_to: tuple) -> None:
    step = nhi_eligibility.after(question, {**ELIGIBLE, **change})
    assert (step.kind, step.key) == leads_to


def test_eligible_only_when_every_answer_passes() -> None:
    assert nhi_eligibility.is_eligible(ELIGIBLE)
    assert not nhi_eligibility.is_eligible({**ELIGIBLE, "how_many": "12"})
    assert not nhi_eligibility.is_eligible({k: v for k, v in ELIGIBLE.items() if k != "card"})


@pytest.mark.parametrize(
    ("loss", "today", "status", "deadline", "months_back", "beyond"),
    [
        (date(2026, 4, 1), date(2026, 4, 1), "on_time", date(2026, 4, 14), 0, False),
        (date(2026, 4, 1), date(2026, 4, 14), "on_time", date(2026, 4, 14), 0, False),
        (date(2026, 4, 1), date(2026, 4, 15), "late", date(2026, 4, 14), 1, False),
        (date(2026, 1, 31), date(2026, 6, 2), "late", date(2026, 2, 13), 6, False),
        (date(2026, 5, 1), date(2026, 4, 20), "future", date(2026, 5, 14), 0, False),
        (date(2023, 3, 1), date(2026, 4, 1), "late", date(2023, 3, 14), 38, True),
    ],
)
def test_timing(
    loss: date, today: date, status: str, deadline: date, months_back: int, beyond: bool
) -> None:
    timing = nhi_deadlines.timing(loss, today=today)
    assert (timing.status, timing.deadline, timing.months_back) == (status, deadline, months_back)
    assert timing.starts_on == loss
    assert timing.beyond_backdate_limit is beyond


@pytest.mark.parametrize(
    ("typed", "kana"),
    [
        ("バンゴウ ハナコ", "バンゴウ\u3000ハナコ"),
        ("ばんごう　はなこ", "バンゴウ\u3000ハナコ"),
        ("ﾊﾞﾝｺﾞｳ", "バンゴウ"),
        ("Hanako", None),
        ("番号", None),
        ("", None),
    ],
)
def test_kana(typed: str, kana: str | None) -> None:
    assert nhi_fields.to_katakana(typed) == kana


@pytest.mark.parametrize(
    ("cert_name", "cert_birth", "name", "birth", "problems"),
    [
        ("番号\u3000花子", date(1990, 4, 1), "番号 花子", date(1990, 4, 1), []),
        ("番号\u3000花子", date(1990, 4, 1), "番号花子", date(1990, 4, 1), []),
        ("SMITH\u3000JOHN", date(1990, 4, 1), "Smith John", date(1990, 4, 1), []),
        ("番号\u3000花子", date(1990, 4, 1), "番号 太郎", date(1990, 4, 1), ["name"]),
        ("番号\u3000花子", date(1990, 4, 1), "番号 花子", date(1990, 4, 2), ["birth_date"]),
        ("番号\u3000花子", date(1990, 4, 1), "", date(1991, 1, 1), ["name", "birth_date"]),
    ],
)
def test_signer_mismatches(
    cert_name: str, cert_birth: date, name: str, birth: date, problems: list[str]
) -> None:
    found = nhi_fields.signer_mismatches(
        cert_name=cert_name, cert_birth=cert_birth, applicant_name=name, applicant_birth=birth
    )
    assert found == problems


@pytest.mark.parametrize(
    ("answers", "kinds"),
    [
        (["yes", "yes"], ["notice", "notice"]),
        (["yes", "no"], ["notice", "certificate"]),
        (["not_sure"], ["certificate"]),
        ([], []),
    ],
)
def test_notice_kinds_are_per_person(answers: list[str], kinds: list[str]) -> None:
    """G10: a マイナ保険証 holder gets the お知らせ even when someone else gets a 資格確認書."""
    assert nhi_fields.notice_kinds(answers) == kinds


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("138012", "138012"),
        ("１３８０１２", "138012"),
        ("0113 8012", "01138012"),
        ("13801", None),
        ("1380123", None),
        ("13801a", None),
    ],
)
def test_insurer_number(typed: str, number: str | None) -> None:
    assert nhi_fields.insurer_number(typed) == number


ANSWERS: dict[str, Any] = {
    "eligibility": {"who": "self", "reason": "employee"},
    "applicant": {
        "full_name": "番号 花子",
        "birth_date": "1990-04-01",
        "relationship": "head",
        "phone": "0451234567",
        "email": "hanako@example.jp",
    },
    "head": {"is_applicant": "yes", "kana": "バンゴウ ハナコ"},
    "people": [
        {
            "id": "a",
            "full_name": "番号 花子",
            "kana": "バンゴウ ハナコ",
            "birth_date": "1990-04-01",
            "sex": "female",
            "relationship": "head",
            "myna_hokensho": "yes",
        }
    ],
    "insurance": {
        "loss_date": "2026-04-01",
        "insurer_type": "kyokai",
        "insurer_name": "協会けんぽ",
    },
    "attachments": [
        {
            "id": "b1",
            "kind": "loss_certificate",
            "name": "loss.pdf",
            "media_type": "application/pdf",
            "size": 10,
            "sha256": "ab" * 32,
        }
    ],
    "declaration": "yes",
}


def test_same_answers_give_the_same_bytes() -> None:
    reordered = {key: ANSWERS[key] for key in reversed(list(ANSWERS))}
    with_progress = {**ANSWERS, "partial": {"applicant": {"phone": "0"}}, "document_id": "x"}
    first = nhi_document.canonical_bytes(ANSWERS)
    assert first == nhi_document.canonical_bytes(reordered)
    assert first == nhi_document.canonical_bytes(with_progress)
    assert b"\n" not in first and b": " not in first
    assert "番号 花子".encode() in first  # UTF-8, not \\u escapes
    assert nhi_document.decode(first)["qualification_date"] == "2026-04-01"


def test_decomposed_kana_gives_the_same_bytes() -> None:
    decomposed = {**ANSWERS, "head": {"is_applicant": "yes", "kana": "ハ\u3099ンゴウ ハナコ"}}
    composed = {**ANSWERS, "head": {"is_applicant": "yes", "kana": "バンゴウ ハナコ"}}
    assert nhi_document.canonical_bytes(decomposed) == nhi_document.canonical_bytes(composed)


def test_a_changed_answer_changes_the_bytes() -> None:
    changed = {**ANSWERS, "insurance": {**ANSWERS["insurance"], "loss_date": "2026-04-02"}}
    assert nhi_document.canonical_bytes(changed) != nhi_document.canonical_bytes(ANSWERS)


def test_a_draft_saved_before_the_section_was_renamed_gives_the_same_document() -> None:
    """The previous insurance was kept under "insurance" before it got its one name,
    `previous_insurance` (URL segment, draft key and document field alike)."""
    renamed = {k: v for k, v in ANSWERS.items() if k != "insurance"}
    renamed["previous_insurance"] = ANSWERS["insurance"]
    assert nhi_document.canonical_bytes(renamed) == nhi_document.canonical_bytes(ANSWERS)
    typed = NhiApplication.from_draft(ANSWERS)
    assert typed.previous_insurance is not None
    assert typed.previous_insurance.lost_on == date(2026, 4, 1)
    assert typed.people[0].myna_hokensho == "yes" and typed.declaration
    assert NhiApplication.from_draft({}).previous_insurance is None


@pytest.mark.parametrize("head_is_applicant", [True, False])
def test_a_signed_document_reads_back_as_the_answers_it_was_built_from(
    head_is_applicant: bool,
) -> None:
    """The PDFs read the typed answers back from the signed bytes: nothing signed is lost or
    renamed on the way (the document's `name` is the answers' `full_name`, and so on)."""
    head = (
        ANSWERS["head"]
        if head_is_applicant
        else {"is_applicant": "no", "full_name": "番号 太郎", "kana": "バンゴウ タロウ"}
    )
    doc = nhi_document.decode(nhi_document.canonical_bytes({**ANSWERS, "head": head}))
    typed = nhi_document.application_of(doc)
    assert nhi_document.document(typed) == doc
    assert typed.applicant is not None and typed.applicant.full_name == "番号 花子"
    assert typed.head is not None
    assert typed.head.full_name == ("番号 花子" if head_is_applicant else "番号 太郎")
    assert typed.attachments[0].name == "loss.pdf" and typed.people[0].kana == "バンゴウ ハナコ"


def test_loss_dates_are_per_person_and_the_deadline_runs_from_the_earliest() -> None:
    """G9: a spouse who left another insurer earlier starts NHI on their own date, and the
    household's 14 days run from that earlier date."""
    spouse = {
        **ANSWERS["people"][0],
        "id": "b",
        "full_name": "番号 太郎",
        "same_insurance": "no",
        "loss_date": "2026-04-01",
        "insurer_type": "kumiai",
        "insurer_name": "横浜健康保険組合",
    }
    answers = {
        **ANSWERS,
        "insurance": {**ANSWERS["insurance"], "loss_date": "2026-04-20"},
        "people": [{**ANSWERS["people"][0], "same_insurance": "yes"}, spouse],
    }
    application = NhiApplication.from_draft(answers)
    assert application.lost_on == date(2026, 4, 1)
    assert nhi_deadlines.timing(application.lost_on, today=date(2026, 4, 2)).deadline == date(
        2026, 4, 14
    )
    doc = nhi_document.document(application)
    assert [p["qualification_date"] for p in doc["people"]] == ["2026-04-20", "2026-04-01"]
    assert doc["people"][1]["previous_insurance"]["insurer_name"] == "横浜健康保険組合"
    assert doc["qualification_date"] == "2026-04-01"
    assert nhi_document.document(nhi_document.application_of(doc)) == doc
