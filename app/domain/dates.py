"""Dates typed as three fields (year, month, day), and the two 29 February rules.

One parser for every date a person types: full-width digits are read as digits (NFKC), the
year has four digits and is 1900 or later. What each date must also be (in the past, after
2016…) is the field's own rule.

29 February, decided once:
- `age_on`: legal age. A year is complete at the end of the day before the anniversary; a
  leap-day child's anniversary in a common year is missing, so the year ends with 28 February
  and the child is a year older on 1 March.
- `birthday_in`: the date a birthday falls on, for expiry dates that "end on the n-th
  birthday": in a common year 29 February becomes 28 February, the last day of the month.

Sources:
- docs/domain/procedures.md §5.1 "Dates" and §1.2 (生年月日): memorable dates are asked as
  three fields and must be a real date.
- docs/domain/procedures.md §0.4: full-width digits are converted to ASCII before checking.
- docs/domain/jpki.md §4 "Validity" and procedures.md §0.3: the card and the certificates end
  on the holder's n-th birthday after issue (`birthday_in`).
- 年齢計算ニ関スル法律 (明治35年法律第50号) with Civil Code (民法) art. 143: age counts from the
  day of birth and a year ends on the day before the anniversary (`age_on`). Not yet in
  docs/domain or its sources: to be added there.
- none for the year 1900 floor: a typing check, not a rule of any office.
"""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date
from enum import Enum


class DateProblem(Enum):
    MISSING = "missing"
    INCOMPLETE = "incomplete"
    NOT_REAL = "not_real"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"
    TOO_EARLY = "too_early"


OLDEST_YEAR = 1900


def parse(year: str | None, month: str | None, day: str | None) -> date | DateProblem:
    """A real date from three typed parts, or what is wrong with them (TOO_OLD before 1900)."""
    parts = [unicodedata.normalize("NFKC", p or "").strip() for p in (year, month, day)]
    if not any(parts):
        return DateProblem.MISSING
    if not all(parts):
        return DateProblem.INCOMPLETE
    if not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        return DateProblem.NOT_REAL
    try:
        value = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return DateProblem.NOT_REAL
    return value if value.year >= OLDEST_YEAR else DateProblem.TOO_OLD


def date_of_birth(year: str, month: str, day: str, *, today: date) -> date | DateProblem:
    """A date of birth: real, not in the future, not before 1900."""
    value = parse(year, month, day)
    if isinstance(value, DateProblem):
        return value
    return DateProblem.IN_FUTURE if value > today else value


def age_on(born: date, day: date) -> int:
    """Legal age on `day`: whole years, a 29 February child a year older on 1 March."""
    years = day.year - born.year
    return years - 1 if (day.month, day.day) < (born.month, born.day) else years


def birthday_in(born: date, year: int) -> date:
    """The birthday in `year`, for dates that end on a birthday: 29 February becomes
    28 February in a common year."""
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day
    (31 Dec + 2 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
