"""One reference generator for every journey (`app/domain/references.py`)."""

from __future__ import annotations

import re

import pytest

from app.domain import references


@pytest.mark.parametrize(
    "prefix",
    [
        references.CARD_APPLICATION,
        references.INSURANCE_REGISTRATION,
        references.INSURANCE_CANCELLATION,
        references.NHI_ENROLMENT,
    ],
)
def test_a_reference_is_its_prefix_and_two_groups_of_crockford_base32(prefix: str) -> None:
    made = {references.new(prefix) for _ in range(200)}
    assert len(made) == 200  # random, not a counter
    for reference in made:
        assert re.fullmatch(rf"{prefix}-[0-9A-HJKMNP-TV-Z]{{4}}-[0-9A-HJKMNP-TV-Z]{{4}}", reference)


def test_no_letter_that_reads_as_another_is_used() -> None:
    """Read out on the phone or copied by hand: no I, L, O or U."""
    assert not set("ILOU") & set(references.ALPHABET)
    assert len(set(references.ALPHABET)) == 32
