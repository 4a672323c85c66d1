"""An iCalendar file (RFC 5545) of all-day reminders, written by hand.

The subset we need is small (VCALENDAR, all-day VEVENTs, a VALARM each) and the rules that
matter are few: CRLF line ends, TEXT escaping and folding at 75 octets without splitting a
UTF-8 character. A dependency would add more than it saves.

Sources:
- RFC 5545 (https://www.rfc-editor.org/rfc/rfc5545) §3.1: content lines end in CRLF and are
  folded at 75 octets; §3.3.11: TEXT escapes backslash, semicolon, comma and newline;
  §3.6.1 and §3.6.6: VEVENT with an all-day DATE and a VALARM.
- docs/domain/procedures.md §0.3 "Design rules derived": reminders the user adds to their
  own calendar as an ICS download, no push notifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

MAX_OCTETS = 75


@dataclass(frozen=True)
class Reminder:
    uid: str
    day: date
    summary: str
    description: str
    alarm_days_before: int = 7


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, continuation lines starting with a space."""
    pieces: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def calendar(reminders: list[Reminder], *, name: str, stamp: datetime) -> bytes:
    """The whole file; `stamp` (UTC) is the DTSTAMP of every event."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//myna-guide//card expiry reminders//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for reminder in reminders:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{reminder.uid}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{reminder.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(reminder.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(reminder.summary)}",
            f"DESCRIPTION:{escape(reminder.description)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(reminder.summary)}",
            f"TRIGGER;RELATED=START:-P{reminder.alarm_days_before}D",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
