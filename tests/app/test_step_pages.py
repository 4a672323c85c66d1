"""Every signed-in form is a step page of one kit (app/routes/steps.py, app/services/drafts.py):
what is typed is saved as it is typed, restored on any device, kept by "Save and come back
later", and the autosave is set up once, on the form."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.services import card_application, drafts
from app.storage.models import User
from tests.app.test_insurance_cancel import DETAILS
from tests.helpers.client import PageClient

DATE = {"date-year": "1990", "date-month": "3", "date-day": "27"}


def _begin(client: PageClient) -> None:
    assert client.post("/apply/application/begin", {"route": "smartphone"}).status_code == 303


def _dates(client: PageClient) -> dict[str, str]:
    soup = client.get_page("/apply/application/date-of-birth?lang=en")
    return {part: str(soup.select_one(f"#date-{part}")["value"]) for part in DATE_PARTS}


DATE_PARTS = ("year", "month", "day")


def test_the_date_of_birth_typed_is_kept_when_draft_saved_says_so(signed_in: PageClient) -> None:
    """The newcomer walk: "Draft saved" was shown for the date of birth, and a reload lost it."""
    _begin(signed_in)
    response = signed_in.post(
        "/apply/application/date-of-birth/draft?lang=en",
        DATE,
        htmx_target="draft-status",
        headers={"HX-Trigger-Name": "date-day"},
    )
    assert response.get_data(as_text=True).strip() == "Draft saved"
    assert _dates(signed_in) == {"year": "1990", "month": "3", "day": "27"}


def test_come_back_later_keeps_a_half_typed_date_without_javascript(
    signed_in: PageClient,
) -> None:
    _begin(signed_in)
    response = signed_in.post(
        "/apply/application/date-of-birth", {"date-year": "1990", "later": "1"}
    )
    assert response.headers["Location"] == "/apply/application/saved"
    assert _dates(signed_in) == {"year": "1990", "month": "", "day": ""}


def test_a_draft_saved_before_the_kit_still_restores(signed_in: PageClient, app: Flask) -> None:
    """Drafts kept typed values as strings before; now as lists (checkboxes post several)."""
    _begin(signed_in)
    with app.app_context():
        user_id = db.session.scalars(select(User.id)).one()
        card_application.DRAFT.update(
            db.session,
            user_id,
            drafts.setting((("partial", "contact"), {"contact_name": "Old", "email": "o@x"})),
        )
    soup = signed_in.get_page("/apply/application/contact?lang=en")
    assert soup.select_one("#contact_name")["value"] == "Old"
    assert soup.select_one("#email")["value"] == "o@x"


def test_the_autosave_is_set_on_the_form_once_not_on_each_input(signed_in: PageClient) -> None:
    _begin(signed_in)
    soup = signed_in.get_page("/apply/application/contact?lang=en")
    form = soup.select_one("form[data-module~=draft-autosave]")
    assert form["hx-post"] == "/apply/application/contact/draft"
    assert not soup.select("input[hx-post]")
    radios = signed_in.get_page("/apply/application/certificates?lang=en")
    assert radios.select_one("form[hx-post]") is None  # choices are saved by Continue only


def test_editing_one_part_of_a_date_saves_the_whole_date() -> None:
    typed = {"name": ["Hanako"], "birth-date-year": ["1990"], "birth-date-month": ["4"]}
    assert drafts.field_inputs(typed, "birth-date-month") == ["birth-date-year", "birth-date-month"]
    assert drafts.field_inputs(typed, "name") == ["name"]
    assert drafts.field_inputs(typed, "other") == []


def _to_details(client: PageClient) -> None:
    for question, value in (("applicant", "self"), ("insurer", "nhi"), ("valid-card", "no")):
        field = question.replace("-", "_")
        assert (
            client.post(f"/insurance/cancel/questions/{question}", {field: value}).status_code
            == 303
        )


def test_the_cancellation_details_are_autosaved_and_restored(signed_in: PageClient) -> None:
    _to_details(signed_in)
    page = signed_in.get_page("/insurance/cancel/details?lang=en")
    assert page.select_one("form[hx-post]")["hx-post"] == "/insurance/cancel/details/draft"
    saved = signed_in.post(
        "/insurance/cancel/details/draft?lang=en",
        {"name": "番号 花", "address": ""},
        htmx_target="draft-status",
        headers={"HX-Trigger-Name": "name"},
    )
    assert saved.get_data(as_text=True).strip() == "Draft saved"
    page = signed_in.get_page("/insurance/cancel/details?lang=en")
    assert page.select_one("#name")["value"] == "番号 花"
    assert "We restored what you had typed." in page.get_text()


def test_the_cancellation_can_be_left_for_later_and_changed_from_the_check_page(
    signed_in: PageClient,
) -> None:
    _to_details(signed_in)
    later = signed_in.post("/insurance/cancel/details", {"name": "番号", "later": "1"})
    assert later.headers["Location"] == "/insurance/cancel/saved"
    saved = signed_in.get_page("/insurance/cancel/saved?lang=en")
    assert saved.select_one("a[href='/insurance/cancel/details']") is not None
    assert signed_in.get_page("/insurance/cancel/details").select_one("#name")["value"] == "番号"
    change = signed_in.post("/insurance/cancel/details?change=1", {**DETAILS, "change": "1"})
    assert change.headers["Location"] == "/insurance/cancel/check"


def test_fields_edited_before_one_autosave_are_all_saved(signed_in: PageClient) -> None:
    """Typing in two fields within the autosave's half second sends one save naming both."""
    _begin(signed_in)
    response = signed_in.post(
        "/apply/application/contact/draft?lang=en",
        {"contact_name": "Hanako", "email": "h@example.jp"},
        htmx_target="draft-status",
        headers={"HX-Trigger-Name": "contact_name,email"},
    )
    assert response.status_code == 200
    soup = signed_in.get_page("/apply/application/contact?lang=en")
    assert soup.select_one("#contact_name")["value"] == "Hanako"
    assert soup.select_one("#email")["value"] == "h@example.jp"
