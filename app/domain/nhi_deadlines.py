"""When NHI starts and whether the notification is late (procedures.md 4.2).

- NHI starts on the date of loss of the previous insurance (the day after the last working
  day), whenever the notification is made.
- The notification is due within 14 days. Two readings exist: Civil Code art. 140 leaves the
  first day out (loss + 14), unless the period starts at 0:00, and membership starts at the
  very beginning of the loss date (loss + 13). None of the sources settles it, so the app shows
  the earlier date, loss + 13 ("within 14 days counting the loss date"): nobody is late on our
  word. To be confirmed with Yokohama (docs/domain-review-plan.md G6).
- Late notification: membership is still back-dated to the loss date and premiums are charged
  for the months since, up to 2 years back; care in the gap may have to be paid in full.
- A loss date in the future is accepted: Yokohama takes the application before the loss date
  and completes it after that date, which may take longer.

Sources:
- sources/000_0b792771a67859a2.txt:81 (Yokohama City, 2025-03-24): "If you apply before the
  date of disqualification in the previous employee health insurance, it may take some time to
  complete the procedure after disqualification."
- docs/domain/procedures.md §4.2: the 14 days, the start on the loss date, back-dated premiums
  up to 2 years.
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
    # The loss date is day 1 of the 14 (the earlier reading; see the module docstring).
    deadline = loss + timedelta(days=NOTIFY_WITHIN_DAYS - 1)
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
