"""The audit trail keeps codes only, in order, on both databases."""

from __future__ import annotations

import pytest
from flask import Flask

from app.extensions import db
from app.storage import audit


def test_events_are_kept_per_record_in_order(any_db_app: Flask) -> None:
    with any_db_app.app_context():
        audit.record(db.session, actor_id=None, action="viewed", record_type="nhi", record_id="a1")
        audit.record(
            db.session,
            actor_id=None,
            action="accepted",
            record_type="nhi",
            record_id="a1",
            reasons=["signature_valid", "notice_issued"],
        )
        audit.record(db.session, actor_id=None, action="viewed", record_type="nhi", record_id="b2")
        db.session.commit()
        events = audit.for_record(db.session, "nhi", "a1")
    assert [e.action for e in events] == ["viewed", "accepted"]
    assert events[1].reasons == "signature_valid,notice_issued"


@pytest.mark.parametrize("reason", ["Hanako Bango", "名前", "x" * 41])
def test_free_text_is_refused(app: Flask, reason: str) -> None:
    with app.app_context(), pytest.raises(ValueError, match="codes"):
        audit.record(
            db.session,
            actor_id=None,
            action="viewed",
            record_type="nhi",
            record_id="a1",
            reasons=[reason],
        )
