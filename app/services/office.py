"""What every office service shares: the audit of staff actions and the list filters.

Every staff view and decision goes through `record_staff_action()` exactly once (README:
"every staff action is audit-logged"); `app.auth.staff_action` marks the view and checks, after
it ran, that it did. Events hold codes only (no personal data): the record is named by kind and
id, reasons are fixed codes, never text a person typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

from sqlalchemy.orm import Session

from app.domain.office_states import RecordStates
from app.extensions import db
from app.services.errors import Conflict
from app.storage import audit
from app.storage.models import AuditEvent

# The record id of an event about a list (no one record).
LIST = "*"
_COUNT = "staff_actions_recorded"


def record_staff_action(
    session: Session,
    *,
    staff_id: str,
    action: str,
    record_type: str,
    record_id: str = LIST,
    reasons: Iterable[str] = (),
) -> None:
    """Add the audit event of one staff action to the caller's transaction."""
    audit.record(
        session,
        actor_id=staff_id,
        action=action,
        record_type=record_type,
        record_id=record_id,
        reasons=reasons,
    )
    session.info[_COUNT] = session.info.get(_COUNT, 0) + 1


def record_listing(
    session: Session, *, staff_id: str, record_type: str, filters: ListFilters
) -> None:
    """The audit event of a staff member reading a list, with the filters it was read with."""
    record_staff_action(
        session,
        staff_id=staff_id,
        action="listed",
        record_type=record_type,
        reasons=filters.reasons(),
    )


def actions_recorded() -> int:
    """How many staff actions this request recorded (checked by `app.auth.staff_action`)."""
    return int(db.session.info.get(_COUNT, 0))


def refuse(
    states: RecordStates, *, staff_id: str, action: str, record_id: str, state: str
) -> NoReturn:
    """Record a refused decision (the record is left as it was) and raise `Conflict` (409)."""
    with db.transaction() as session:
        record_staff_action(
            session,
            staff_id=staff_id,
            action=f"{action}_refused",
            record_type=states.kind,
            record_id=record_id,
            reasons=[f"state_{state}"],
        )
    raise Conflict(f"{states.kind}: {action} is not allowed from {state}")


def check_allowed(
    states: RecordStates, *, staff_id: str, action: str, record_id: str, state: str
) -> str:
    """The state after `action`, or the refusal recorded and raised."""
    if not states.can(state, action):
        refuse(states, staff_id=staff_id, action=action, record_id=record_id, state=state)
    return states.after(state, action)


def history(states: RecordStates, record_id: str) -> list[AuditEvent]:
    """The record's audit events, oldest first (the office pages' history)."""
    return audit.for_record(db.session, states.kind, record_id)


@dataclass(frozen=True)
class ListFilters:
    """An office list's filters: a state of the record kind, and a window of days (inclusive)."""

    state: str | None = None
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str], states: RecordStates) -> ListFilters:
        """Read `state`, `from` and `to` from a query string; what is not valid is ignored."""
        state = args.get("state")
        return cls(
            state=state if state in states.states else None,
            since=_day(args.get("from")),
            until=_day(args.get("to")),
        )

    def window(self) -> tuple[datetime | None, datetime | None]:
        """The days as moments: from the first day's start to the day after the last."""
        start = datetime.combine(self.since, datetime.min.time(), UTC) if self.since else None
        end = (
            datetime.combine(self.until + timedelta(days=1), datetime.min.time(), UTC)
            if self.until
            else None
        )
        return start, end

    def reasons(self) -> list[str]:
        """Which filters were used, as audit codes (not their values)."""
        used = {"state": self.state, "from": self.since, "to": self.until}
        return [f"filter_{name}" for name, value in used.items() if value]

    def as_form(self) -> dict[str, object]:
        return {"state": self.state or "", "from": self.since or "", "to": self.until or ""}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
