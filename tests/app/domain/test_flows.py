"""The question flows as data: the path actually taken, Back, and what led to a result."""

from __future__ import annotations

from datetime import date

from app.domain import cancellation, eligibility, expiry_flow, insurance_readiness
from app.domain import nhi_eligibility as nhi
from app.domain.steps import Step

TODAY = date(2026, 11, 24)
STAY = {"have_form": "qr", "details_changed": "no", "who": "self", "period_of_stay": "yes"}


def test_back_from_a_question_goes_to_the_one_answered_just_before() -> None:
    flow = eligibility.FLOW
    with_stay = {**STAY, "stay_end": "2030-01-01"}
    assert flow.previous("express", with_stay, TODAY) == "stay-end"
    assert flow.previous("express", {**STAY, "period_of_stay": "no"}, TODAY) == "period-of-stay"
    assert flow.previous("have-form", {}, TODAY) is None


def test_after_an_informational_result_back_goes_to_the_question_before_it() -> None:
    flow = eligibility.FLOW
    answers = {"have_form": "qr", "details_changed": "not_sure"}
    assert flow.path(answers, TODAY) == ["have-form", "details-changed", "who"]
    assert flow.previous("who", answers, TODAY) == "details-changed"


def test_a_result_knows_the_answer_that_led_to_it() -> None:
    flow = eligibility.FLOW
    assert flow.leading_to("need-form", {"have_form": "no"}, TODAY) == "have-form"
    changed = {"have_form": "qr", "details_changed": "yes"}
    assert flow.leading_to("new-form", changed, TODAY) == "details-changed"
    assert flow.leading_to("new-form", {"have_form": "no"}, TODAY) is None


def test_every_continue_and_result_is_declared() -> None:
    for flow in (eligibility.FLOW, insurance_readiness.FLOW, nhi.FLOW):
        assert set(flow.continue_after) <= set(flow.results)
        assert set(flow.continue_after.values()) <= set(flow.questions)


def test_nhi_eligibility_is_reached_only_at_the_end_of_the_questions() -> None:
    answers = {
        "registered": "yes",
        "moving_in": "no",
        "who": "self",
        "reason": "employee",
        "how_many": "2",
        "card": "yes",
        "card_problems": ["none"],
        "loss_document": "yes",
    }
    assert nhi.is_eligible(answers)
    assert nhi.FLOW.end(answers, TODAY) == Step("result", "eligible")
    assert not nhi.is_eligible({**answers, "card": "no_card"})


def test_a_new_way_of_giving_the_card_dates_forgets_the_old_dates() -> None:
    answers = {"born": "1990-05-01", "source": "printed", "card": "2033-05-01"}
    kept = expiry_flow.FLOW.remember(answers, "source", {"source": "chip"})
    assert kept == {"born": "1990-05-01", "source": "chip"}
    assert expiry_flow.next_question(kept) == "read-card"


def test_the_cancellation_goes_on_only_for_national_health_insurance() -> None:
    flow = cancellation.FLOW
    nhi = {"applicant": "self", "insurer": "nhi"}
    assert flow.end(nhi, TODAY) == Step("question", "valid-card")  # review plan E2
    assert flow.end({**nhi, "valid_card": "no"}, TODAY) == Step("details", "")
    assert flow.end({"applicant": "self", "insurer": "elderly"}, TODAY).kind == "other-insurer"
    assert flow.previous("insurer", {"applicant": "self"}, TODAY) == "applicant"
