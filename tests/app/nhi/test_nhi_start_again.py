"""Coming back to an NHI application in progress, from another device or the dashboard."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.services import nhi_drafts
from app.storage.models import User
from tests.helpers.client import PageClient


def test_the_start_page_offers_to_continue_an_application_in_progress(
    signed_in: PageClient, app: Flask
) -> None:
    soup = signed_in.get_page("/nhi/?lang=en")
    assert soup.select_one("a.button--start").get_text(strip=True).startswith("Start now")
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        nhi_drafts.save(db.session, user.id, {"applicant": {"name": "Hanako"}})
        db.session.commit()
    soup = signed_in.get_page("/nhi/?lang=en")
    button = soup.select_one("a.button--start")
    assert button.get_text(strip=True).startswith("Continue your application")
    assert button["href"] == "/nhi/application"
