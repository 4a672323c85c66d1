"""The application's pure rules, as tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain import application, application_id, collection, dates, eligibility

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("typed", "problem", "normalised"),
    [
        ("12345678901234567890123", None, "12345678901234567890123"),
        ("１２３４５６７８９０１２３４５６７８９０１２３", None, "12345678901234567890123"),
        ("1234 5678 9012 3456 7890 123", None, "12345678901234567890123"),
        ("1234-5678-9012-3456-7890-123", None, "12345678901234567890123"),
        ("1234－5678　9012 3456 7890 123", None, "12345678901234567890123"),
        ("", application_id.IdProblem.MISSING, ""),
        ("  - ", application_id.IdProblem.MISSING, ""),
        ("1234567890123456789012", application_id.IdProblem.WRONG_LENGTH, None),
        ("123456789012345678901234", application_id.IdProblem.WRONG_LENGTH, None),
        ("1234567890123456789012a", application_id.IdProblem.NOT_DIGITS, None),
        ("١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣", application_id.IdProblem.NOT_DIGITS, None),
    ],
)
def test_application_id(typed: str, problem: object, normalised: str | None) -> None:
    assert application_id.problem(typed) == problem
    if normalised is not None:
        assert application_id.normalise(typed) == normalised


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("https://example.jp/?id=12345678901234567890123", "12345678901234567890123"),
        ("12345678901234567890123", "12345678901234567890123"),
        ("ID 123 and 12345678901234567890123456", None),
        ("", None),
    ],
)
def test_id_from_qr_text(text: str, found: str | None) -> None:
    assert application_id.from_qr_text(text) == found


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("1990", "3", "27"), date(1990, 3, 27)),
        (("", "", ""), dates.DateProblem.MISSING),
        (("1990", "", "27"), dates.DateProblem.INCOMPLETE),
        (("1990", "2", "30"), dates.DateProblem.NOT_REAL),
        (("90", "3", "27"), dates.DateProblem.NOT_REAL),
        (("１９９０", "3", "x"), dates.DateProblem.NOT_REAL),
        (("2026", "11", "25"), dates.DateProblem.IN_FUTURE),
        (("1899", "12", "31"), dates.DateProblem.TOO_OLD),
        (("2026", "11", "24"), date(2026, 11, 24)),
    ],
)
def test_date_of_birth(parts: tuple[str, str, str], expected: object) -> None:
    assert dates.date_of_birth(*parts, today=TODAY) == expected


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2011, 11, 24), TODAY, 15),
        (date(2011, 11, 25), TODAY, 14),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age(born: date, on: date, age: int) -> None:
    assert dates.age_on(born, on) == age


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 11, 24), 2, date(2027, 1, 24)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert dates.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("end", "status"),
    [
        (date(2026, 11, 23), "ended"),
        (date(2026, 11, 24), "soon"),
        (date(2027, 1, 24), "soon"),
        (date(2027, 1, 25), "ok"),
    ],
)
def test_stay_status(end: date, status: str) -> None:
    assert eligibility.stay_status(end, TODAY) == status


@pytest.mark.parametrize(
    ("question", "answers", "kind", "key", "blocking"),
    [
        ("have-form", {"have_form": "qr"}, "question", "details-changed", False),
        ("have-form", {"have_form": "id_only"}, "question", "details-changed", False),
        ("have-form", {"have_form": "no"}, "result", "need-form", True),
        ("have-form", {"have_form": "unknown"}, "result", "what-is-the-form", True),
        ("details-changed", {"details_changed": "yes"}, "result", "new-form", True),
        ("details-changed", {"details_changed": "not_sure"}, "result", "check-details", False),
        ("who", {"who": "child"}, "result", "child", False),
        ("period-of-stay", {"period_of_stay": "yes"}, "question", "stay-end", False),
        ("period-of-stay", {"period_of_stay": "no"}, "question", "express", False),
        ("stay-end", {"stay_end": "2026-12-01"}, "result", "stay-ends-soon", False),
        ("stay-end", {"stay_end": "2026-01-01"}, "result", "stay-ended", True),
        ("stay-end", {"stay_end": "2028-01-01"}, "question", "express", False),
        ("express", {"express": ["none"]}, "question", "route", False),
        ("express", {"express": ["lost"]}, "result", "express", False),
        ("route", {"route": "mail"}, "route", "mail", False),
        ("route", {"route": "booth", "have_form": "id_only"}, "result", "booth-needs-qr", True),
        # B9 (S2:127-134): a renewal notice without an application ID goes to the office.
        ("have-form", {"have_form": "renewal_no_id"}, "result", "renewal-at-office", True),
        # B13 (S3:403-409): the employer's on-site application.
        ("route", {"route": "workplace"}, "result", "workplace", True),
    ],
)
def test_where_each_answer_leads(
    question: str, answers: dict[str, object], kind: str, key: str, blocking: bool
) -> None:
    step = eligibility.after(question, answers, today=TODAY)
    # A blocking result is one that offers no way on.
    blocks = step.kind == "result" and step.key not in eligibility.FLOW.continue_after
    assert (step.kind, step.key, blocks) == (kind, key, blocking)


def test_every_result_a_question_can_reach_exists() -> None:
    for result in eligibility.CONTINUE_AFTER_RESULT:
        assert result in eligibility.RESULTS


@pytest.mark.parametrize(
    ("route", "answers", "missing"),
    [
        ("smartphone", {}, list(application.STEPS["online"])),
        (
            "mail",
            {"full_name": "a", "address": "b", "phone": "1"},
            ["date-of-birth", "certificates", "braille"],
        ),
        (
            "pc",
            {"date_of_birth": "2018-01-01", "certificates": "both"},
            ["terms", "application-id", "contact", "certificates", "braille", "photo"],
        ),
    ],
)
def test_missing_steps(route: str, answers: dict[str, object], missing: list[str]) -> None:
    typed = application.CardApplicationAnswers.from_draft({**answers, "route": route})
    assert application.missing(typed, today=TODAY) == missing


def test_next_step_skips_answered_ones_and_wraps_to_earlier_gaps() -> None:
    answers = application.CardApplicationAnswers(
        route="pc", terms=True, contact_name="a", email="b"
    )
    assert application.next_step("terms", answers, today=TODAY) == "application-id"
    assert application.next_step("application-id", answers, today=TODAY) == "date-of-birth"
    done = replace(answers, application_id="1", date_of_birth="1990-01-01")
    done = replace(done, certificates="none", braille="no", photo_id="p")
    assert application.next_step("braille", done, today=TODAY) is None


def test_under_15s_are_offered_no_signature_certificate() -> None:
    child = application.CardApplicationAnswers(route="pc", date_of_birth="2018-01-01")
    assert application.certificate_choices(child, today=TODAY) == ("user_only", "none")
    assert not application.is_done("certificates", replace(child, certificates="both"), today=TODAY)
    assert application.age(application.CardApplicationAnswers(), today=TODAY) is None


def test_the_card_application_answers_are_typed_from_the_draft() -> None:
    from app.domain.application import CardApplicationAnswers

    draft = {"route": "pc", "terms": True, "date_of_birth": "1990-03-27", "partial": {"x": 1}}
    typed = CardApplicationAnswers.from_draft(draft)
    assert typed.route == "pc" and typed.terms and typed.born_on == date(1990, 3, 27)
    assert typed.photo_id == "" and not typed.has_qr
    assert CardApplicationAnswers.from_draft(typed.to_draft()) == typed


@pytest.mark.parametrize(
    ("reasons", "fee"),
    [
        ({"notes_full"}, False),
        ({"number_changed"}, False),
        ({"notes_full", "number_changed"}, False),
        ({"lost"}, True),
        ({"damaged"}, True),
        ({"notes_full", "lost"}, True),
        (set(), False),
    ],
)
def test_the_express_fee_applies_unless_every_reason_is_a_free_reissue(
    reasons: set[str], fee: bool
) -> None:
    """B11 (procedures.md §1.1): a full notes area or a changed number is reissued free."""
    assert eligibility.express_fee_applies(reasons) is fee


@pytest.mark.parametrize(
    ("question", "value", "key"),
    [
        ("moved", "yes", "reapply"),
        ("moved", "no", "collect"),
        ("collect", "yes", "collect-yourself"),
        ("collect", "unavoidable", "representative"),
        ("collect", "other", "must-collect"),
    ],
)
def test_after_applying_a_move_means_reapplying_and_only_some_reasons_allow_a_representative(
    question: str, value: str, key: str
) -> None:
    """B5 (S2:277-279) and B4 (S2:281-283)."""
    assert collection.FLOW.after(question, {question: value}, TODAY).key == key
