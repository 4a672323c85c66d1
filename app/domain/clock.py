"""The one "today" and "now" of the service: Japan's calendar, whatever the server's zone.

Deadlines, ages and expiry dates are days in Japan: a server in UTC would otherwise turn a
Tokyo morning into yesterday. Everything that needs the date asks here, so a test can reason
about one clock (an architecture test forbids `date.today()` elsewhere).

Sources: none — pure mechanics: which calendar days are counted in (Japan Standard Time,
UTC+9, no daylight saving). The deadlines and expiry rules that count them are sourced in
`expiry.py` and `nhi_deadlines.py` (docs/domain/procedures.md §0.3, §4.2).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

JAPAN = ZoneInfo("Asia/Tokyo")


def now_utc() -> datetime:
    """The current instant, aware, in UTC: for timestamps stored and compared (sessions, jobs,
    audit events), which the databases keep in UTC."""
    return datetime.now(UTC)


def now_in_japan() -> datetime:
    """The current time, aware, in Japan Standard Time."""
    return datetime.now(JAPAN)


def today_in_japan() -> date:
    """Today's date in Japan."""
    return now_in_japan().date()
