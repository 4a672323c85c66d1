"""The NHI draft's sections are typed (app/domain/nhi_answers.py) with one name per concept;
a draft saved under the old name still loads, and the next save uses the new one."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.services import nhi_drafts
from app.storage.models import User
from tests.app.nhi.helpers import INSURANCE, answer_eligibility
from tests.helpers.client import PageClient


def test_an_old_draft_keeps_its_previous_insurance(app: Flask, signed_in: PageClient) -> None:
    answer_eligibility(signed_in)
    signed_in.get_page("/nhi/application")
    old = {"loss_date": "2026-03-31", "insurer_type": "kyokai", "insurer_name": "協会けんぽ"}
    with app.app_context():
        user_id = db.session.scalars(select(User.id)).one()
        nhi_drafts.update(db.session, user_id, {"insurance": old})  # as saved before the rename
    tasks = signed_in.get_page("/nhi/application?lang=en")
    row = next(li for li in tasks.select("li") if "previous insurance" in li.get_text().lower())
    assert "Completed" in row.get_text()
    page = signed_in.get_page("/nhi/application/previous-insurance?lang=en")
    assert page.select_one("#insurer_name")["value"] == "協会けんぽ"
    assert page.select_one("#loss_date-year")["value"] == "2026"
    response = signed_in.post(
        "/nhi/application/previous-insurance", {**INSURANCE, "insurer_name": "健保組合"}
    )
    assert response.status_code == 303
    with app.app_context():
        answers = nhi_drafts.load(db.session, user_id)
        typed = nhi_drafts.application(answers)
    assert answers["previous_insurance"]["insurer_name"] == "健保組合"
    assert "insurance" not in answers  # saved under its one name from now on
    assert typed.previous_insurance is not None
    assert typed.previous_insurance.insurer_name == "健保組合"
