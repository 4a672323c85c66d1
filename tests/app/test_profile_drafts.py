"""The profile's display name: autosaved as a draft while typing, saved on submit."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.storage.models import Draft
from tests.helpers.client import PageClient
from tests.helpers.html import check_page


def test_typing_saves_a_draft_that_is_restored_on_the_next_visit(signed_in: PageClient) -> None:
    response = signed_in.post(
        "/account/display-name/draft?lang=en",
        {"display_name": "Hanako Y"},
        htmx_target="draft-status",
    )
    assert response.status_code == 200
    assert response.get_data(as_text=True).strip() == "Draft saved"
    soup = signed_in.get_page("/account?lang=en")  # as after closing the tab
    assert soup.select_one("#display_name")["value"] == "Hanako Y"
    assert "We restored what you had typed." in soup.get_text()


def test_saving_keeps_the_name_and_clears_the_draft(signed_in: PageClient, app: Flask) -> None:
    signed_in.post(
        "/account/display-name/draft", {"display_name": "Draft name"}, htmx_target="draft-status"
    )
    response = signed_in.post("/account/display-name", {"display_name": "Ｈａｎａｋｏ　"})
    assert response.status_code == 303
    soup = signed_in.get_page("/account?lang=en")
    assert soup.select_one("#display_name")["value"] == "Hanako"  # NFKC + strip
    assert "restored" not in soup.get_text()
    with app.app_context():
        assert db.session.scalars(select(Draft)).first() is None


def test_htmx_save_with_an_error_swaps_only_the_form_section(signed_in: PageClient) -> None:
    response = signed_in.post(
        "/account/display-name?lang=en",
        {"display_name": "x" * 51},
        htmx_target="display-name-section",
    )
    assert response.status_code == 422
    soup = check_page(response.get_data(as_text=True), fragment=True)
    root = soup.select_one("body > *")
    assert root["id"] == "display-name-section"
    assert soup.select_one(".error-summary a")["href"] == "#display_name"
    assert "50 characters or fewer" in soup.select_one("#display_name-error").get_text()
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_save_that_succeeds_redirects_the_whole_page(signed_in: PageClient) -> None:
    response = signed_in.post(
        "/account/display-name", {"display_name": "Hana"}, htmx_target="display-name-section"
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/account?saved=1"


def test_drafts_are_encrypted_at_rest(signed_in: PageClient, app: Flask) -> None:
    signed_in.post(
        "/account/display-name/draft", {"display_name": "Secret Name"}, htmx_target="draft-status"
    )
    with app.app_context():
        raw = db.session.scalars(select(Draft.data_enc)).one()
    assert b"Secret Name" not in raw


def test_draft_endpoint_needs_sign_in_and_htmx_gets_a_redirect_header(client: PageClient) -> None:
    response = client.post(
        "/account/display-name/draft", {"display_name": "x"}, htmx_target="draft-status"
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/sign-in")


def test_dashboard_shows_a_procedure_with_a_draft_as_in_progress(
    signed_in: PageClient, app: Flask
) -> None:
    from app.storage import drafts
    from app.storage.models import User

    with app.app_context():
        user = db.session.scalars(select(User)).one()
        drafts.save(db.session, user.id, "apply.contact", {"email": "a@example.jp"})
        db.session.commit()
    soup = signed_in.get_page("/dashboard?lang=en")
    statuses = [s.get_text(strip=True) for s in soup.select(".task-list__status")]
    assert statuses == ["In progress", "Not yet started", "Not yet started", "Not yet started"]


def test_the_profile_form_is_the_step_form_and_says_draft_saved(signed_in: PageClient) -> None:
    """The display name is a step like any other: the same form parts as a journey's step
    (draft copy fields, the "Draft saved" status line, the button group), and typing is
    answered with "Draft saved"."""
    signed_in.post("/apply/application/begin", {"route": "mail"})
    step = signed_in.get_page("/apply/application/details?lang=en").select_one("main form")
    profile = signed_in.get_page("/account?lang=en").select_one("#display-name-section form")
    for form in (step, profile):
        assert form.select_one("input[name=draft_version]") is not None
        assert form.select_one("p#draft-status[aria-live=polite]") is not None
        assert form.select_one(".button-group button[type=submit]") is not None
    typed = profile.select_one("#display_name")
    saved = signed_in.post(typed["hx-post"] + "?lang=en", {"display_name": "Hana"})
    assert saved.get_data(as_text=True).strip() == "Draft saved"
    assert typed["hx-target"] == "#draft-status"
