"""The journey registry (app/journeys.py) is what the home page, the dashboard and the office
index list: each journey once, under one title, linking to its start (or office list)."""

from __future__ import annotations

from flask import Flask, url_for
from sqlalchemy import select

from app.extensions import db
from app.journeys import JOURNEYS
from app.storage.models import User
from tests.helpers.client import PageClient


def _links(soup: object, selector: str) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(selector)]  # type: ignore[attr-defined]


def test_home_and_dashboard_list_every_journey_in_order(app: Flask, signed_in: PageClient) -> None:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        expected = [(str(j.title), url_for(j.start_endpoint)) for j in JOURNEYS]
    assert _links(signed_in.get_page("/?lang=en"), ".step-by-step h2 a") == expected
    assert _links(signed_in.get_page("/dashboard?lang=en"), ".task-list a") == expected
    hints = [h.get_text() for h in signed_in.get_page("/dashboard").select(".task-list .hint")]
    assert hints == [j.title_ja for j in JOURNEYS]


def test_the_office_index_links_every_journey_with_an_office_list(
    app: Flask, signed_in: PageClient
) -> None:
    with app.app_context():
        db.session.scalars(select(User)).one().is_staff = True
        db.session.commit()
    with app.test_request_context():
        expected = [url_for(j.office_endpoint) for j in JOURNEYS if j.office_endpoint]
    listed = [href for _, href in _links(signed_in.get_page("/office/"), ".summary-list a")]
    assert listed == expected and len(expected) == 3
    for href in listed:
        signed_in.get_page(href)
