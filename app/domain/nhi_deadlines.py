"""When NHI starts and whether the notification is late (procedures.md 4.2).

- NHI starts on the date of loss of the previous insurance (the day after the last working
  day), whenever the notification is made.
- The notification is due within 14 days. The first day is not counted (Civil Code art. 140),
  so the deadline is the loss date + 14 days.
- Late notification: membership is still back-dated to the loss date and premiums are charged
  for the months since, up to 2 years back; care in the gap may have to be paid in full.
- A loss date in the future is accepted with a warning (some cities refuse it; Yokohama's
  practice is unconfirmed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

NOTIFY_WITHIN_DAYS = 14
BACKDATE_LIMIT_YEARS = 2


@dataclass(frozen=True)
class Timing:
    """What to tell the user about a loss date; status is "future", "on_time" or "late"."""

    starts_on: date
    deadline: date
    status: str
    days_left: int
    months_back: int
    beyond_backdate_limit: bool


def months_between(start: date, end: date) -> int:
    """Whole calendar months from the start's month to the end's month, counting the first
    (premiums are monthly and charged from the month of the loss date)."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def timing(loss: date, *, today: date) -> Timing:
    deadline = loss + timedelta(days=NOTIFY_WITHIN_DAYS)
    if loss > today:
        status = "future"
    elif today <= deadline:
        status = "on_time"
    else:
        status = "late"
    try:
        limit = today.replace(year=today.year - BACKDATE_LIMIT_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - BACKDATE_LIMIT_YEARS, day=28)
    return Timing(
        starts_on=loss,
        deadline=deadline,
        status=status,
        days_left=(deadline - today).days,
        months_back=months_between(loss, today) if status == "late" else 0,
        beyond_backdate_limit=loss < limit,
    )
