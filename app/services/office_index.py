"""The office's start page: what residents sent, per journey."""

from __future__ import annotations

from app.extensions import db
from app.services import office_card_applications
from app.services.office import record_staff_action


def counts(staff_id: str) -> dict[str, int]:
    """How many records some office lists hold, by journey key (shown beside the links)."""
    with db.transaction() as session:
        found = {"apply": office_card_applications.count()}
        record_staff_action(session, staff_id=staff_id, action="viewed", record_type="office")
    return found
