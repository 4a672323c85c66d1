"""The field rules every journey shares: one date parser, one today, two named 29 February
rules, one phone rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain import clock, dates, phones
from app.domain.dates import DateProblem


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("1990", "4", "1"), date(1990, 4, 1)),
        (("１９９０", "０４", "０１"), date(1990, 4, 1)),
        ((" 1990 ", "4", "1"), date(1990, 4, 1)),
        (("", "", ""), DateProblem.MISSING),
        ((None, None, None), DateProblem.MISSING),
        (("1990", "", "1"), DateProblem.INCOMPLETE),
        (("1990", "2", "30"), DateProblem.NOT_REAL),
        (("90", "2", "3"), DateProblem.NOT_REAL),
        (("1990", "x", "3"), DateProblem.NOT_REAL),
        (("1890", "2", "3"), DateProblem.TOO_OLD),
    ],
)
def test_one_parser_reads_every_typed_date(parts: tuple[str, str, str], expected: object) -> None:
    assert dates.parse(*parts) == expected


def test_legal_age_a_leap_day_child_is_older_on_1_march() -> None:
    born = date(2008, 2, 29)
    assert dates.age_on(born, date(2026, 2, 28)) == 17
    assert dates.age_on(born, date(2026, 3, 1)) == 18
    assert dates.age_on(born, date(2028, 2, 29)) == 20


def test_a_leap_day_birthday_that_ends_a_validity_falls_on_28_february() -> None:
    born = date(1992, 2, 29)
    assert dates.birthday_in(born, 2026) == date(2026, 2, 28)
    assert dates.birthday_in(born, 2028) == date(2028, 2, 29)


def test_the_age_on_the_eve_of_a_birthday() -> None:
    assert dates.age_on(date(2011, 5, 2), date(2026, 5, 1)) == 14
    assert dates.age_on(date(2011, 5, 2), date(2026, 5, 2)) == 15


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2024, 5, 31), -3, date(2024, 2, 29)),
        (date(2025, 1, 15), -3, date(2024, 10, 15)),
    ],
)
def test_add_months_clamps_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert dates.add_months(day, months) == expected


def test_today_is_the_date_in_japan_whatever_the_servers_zone() -> None:
    tokyo = datetime.now(UTC) + timedelta(hours=9)
    assert clock.now_in_japan().utcoffset() == timedelta(hours=9)
    assert clock.today_in_japan() == tokyo.date()


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("045-123-4567", "0451234567"),
        ("０９０ー１２３４ー５６７８", "09012345678"),
        ("(03) 1234 5678", "0312345678"),
        ("12345", None),
        ("+81 90 1234 5678", None),
        ("4512345678", None),
    ],
)
def test_one_phone_rule(typed: str, phone: str | None) -> None:
    assert phones.normal_phone(typed) == phone
