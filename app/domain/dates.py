"""Dates typed as three fields (year, month, day): real, past, and ages from them."""

from __future__ import annotations

from datetime import date
from enum import Enum


class DateProblem(Enum):
    MISSING = "missing"
    INCOMPLETE = "incomplete"
    NOT_REAL = "not_real"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"
    IN_PAST = "in_past"


OLDEST_YEAR = 1900


def parse(year: str, month: str, day: str) -> date | DateProblem:
    """A real date from three typed parts, or what is wrong with them."""
    parts = [p.strip() for p in (year, month, day)]
    if not any(parts):
        return DateProblem.MISSING
    if not all(parts):
        return DateProblem.INCOMPLETE
    if not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        return DateProblem.NOT_REAL
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return DateProblem.NOT_REAL


def date_of_birth(year: str, month: str, day: str, *, today: date) -> date | DateProblem:
    """A date of birth: real, not in the future, not before 1900."""
    value = parse(year, month, day)
    if isinstance(value, DateProblem):
        return value
    if value > today:
        return DateProblem.IN_FUTURE
    if value.year < OLDEST_YEAR:
        return DateProblem.TOO_OLD
    return value


def future_date(year: str, month: str, day: str, *, today: date) -> date | DateProblem:
    """A date expected today or later (the end of a period of stay)."""
    value = parse(year, month, day)
    if isinstance(value, DateProblem):
        return value
    if value < today:
        return DateProblem.IN_PAST
    return value


def age_on(born: date, day: date) -> int:
    """Whole years between a birth date and a day (a 29 February birthday counts on 1 March)."""
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Dec + 2 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
