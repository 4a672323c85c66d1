"""Which staff action may move which record, per kind (procedures.md §3.4, §4.5)."""

from __future__ import annotations

import pytest

from app.domain.office_states import (
    CANCELLATION_ACTION_FOR,
    CARD_APPLICATION,
    INSURANCE_CANCELLATION,
    NHI_ENROLMENT,
    RecordStates,
)


@pytest.mark.parametrize(
    ("states", "state", "action", "after"),
    [
        (NHI_ENROLMENT, "received", "start_review", "in_review"),
        (NHI_ENROLMENT, "received", "accept", "accepted"),
        (NHI_ENROLMENT, "in_review", "ask_correction", "needs_correction"),
        (NHI_ENROLMENT, "in_review", "start_review", None),
        (NHI_ENROLMENT, "accepted", "ask_correction", None),
        (NHI_ENROLMENT, "needs_correction", "accept", None),
        (INSURANCE_CANCELLATION, "received", "start", "in_progress"),
        (INSURANCE_CANCELLATION, "received", "complete", "completed"),
        (INSURANCE_CANCELLATION, "in_progress", "complete", "completed"),
        (INSURANCE_CANCELLATION, "in_progress", "start", None),
        (INSURANCE_CANCELLATION, "completed", "start", None),
        (CARD_APPLICATION, "received", "accept", None),
    ],
)
def test_transitions(states: RecordStates, state: str, action: str, after: str | None) -> None:
    assert states.can(state, action) is (after is not None)
    if after is None:
        with pytest.raises(ValueError, match="not allowed"):
            states.after(state, action)
    else:
        assert states.after(state, action) == after


def test_every_transition_stays_within_the_kind_s_states() -> None:
    for states in (NHI_ENROLMENT, INSURANCE_CANCELLATION, CARD_APPLICATION):
        for (start, _), end in states.transitions.items():
            assert {start, end} <= set(states.states)


def test_decided_records_are_closed_and_the_status_form_names_real_actions() -> None:
    assert [s for s in NHI_ENROLMENT.states if not NHI_ENROLMENT.is_open(s)] == [
        "accepted",
        "needs_correction",
    ]
    assert INSURANCE_CANCELLATION.actions("completed") == ()
    assert set(CANCELLATION_ACTION_FOR.values()) == {
        a for _, a in INSURANCE_CANCELLATION.transitions
    }
