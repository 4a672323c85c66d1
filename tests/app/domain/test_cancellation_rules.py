"""What a request to cancel the insurance registration needs, and how a 資格確認書 follows
(review plan E2–E4; sources in `app/domain/cancellation.py`)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import cancellation


@pytest.mark.parametrize(
    ("applicant", "valid_card", "needed"),
    [
        ("self", "no", ("identity",)),
        ("self", "yes", ("identity", "insurance_card")),
        ("household", "no", ("identity",)),  # the same household needs no 委任状 (E1)
        ("agent", "no", ("identity", "authority")),
        ("agent", "yes", ("identity", "insurance_card", "authority")),
    ],
)
def test_needed_documents(applicant: str, valid_card: str, needed: tuple[str, ...]) -> None:
    assert cancellation.needed_documents(applicant, valid_card) == needed


@pytest.mark.parametrize(
    ("applicant", "valid_card", "how"),
    [
        ("self", "no", "posted"),
        ("household", "no", "posted"),
        ("agent", "no", "head_of_household"),  # E3: later, to the head of household
        ("self", "yes", "not_yet"),  # E4: holding a valid card, none straight away
        ("agent", "yes", "not_yet"),
    ],
)
def test_qualification_form(applicant: str, valid_card: str, how: str) -> None:
    assert cancellation.qualification_form(applicant, valid_card) == how


def test_the_nhi_answer_asks_about_the_valid_card_before_the_details() -> None:
    answers = {"applicant": "self", "insurer": "nhi"}
    assert cancellation.FLOW.after("insurer", answers, date.min).key == "valid-card"
    assert cancellation.FLOW.after("valid-card", answers, date.min).kind == "details"
