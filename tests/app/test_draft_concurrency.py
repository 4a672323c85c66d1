"""Two tabs saving the same draft at once (security review M1): no acknowledged save is ever
replaced by an older value, on SQLite and on PostgreSQL.

Reproduction (review §B M1): one tab saves a field and reads it back while a second tab keeps
autosaving another step of the same draft; 53 of 200 acknowledged saves came back older.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import select

from app.extensions import db
from app.services import card_application, nhi_attachments, nhi_drafts
from app.storage import users
from app.storage.models import User
from tests.app.nhi.helpers import MINIMAL_PDF, answer_eligibility, upload
from tests.helpers.client import PageClient

ROUNDS = 60


def _make_user(app: Flask) -> str:
    with app.app_context():
        user = users.create_user(db.session, "Hanako")
        db.session.commit()
        return user.id


def _writer(
    app: Flask,
    save: Callable[[int], None],
    read: Callable[[], Any],
    expected: Callable[[int], Any],
    lost: list[tuple[int, Any]],
    start: threading.Barrier,
) -> None:
    """Save round i, and before each next save check that save i is still what is stored."""
    start.wait()
    for i in range(ROUNDS):
        with app.app_context():
            save(i)
            db.session.commit()
        with app.app_context():
            seen = read()
            if seen != expected(i):
                lost.append((i, seen))


def _race(app: Flask, writers: list[tuple[Callable[[int], None], Callable[[], Any], Any]]) -> list:
    lost: list[tuple[int, Any]] = []
    start = threading.Barrier(len(writers))
    threads = [
        threading.Thread(target=_writer, args=(app, save, read, expected, lost, start))
        for save, read, expected in writers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return lost


def test_two_tabs_saving_different_fields_both_keep_every_acknowledged_save(
    any_db_app: Flask,
) -> None:
    user_id = _make_user(any_db_app)

    def field(name: str) -> tuple[Callable[[int], None], Callable[[], Any], Any]:
        def save(i: int) -> None:
            card_application.update(db.session, user_id, {name: f"{name}-{i}"})

        def read() -> Any:
            return card_application.load(db.session, user_id).get(name)

        return save, read, lambda i: f"{name}-{i}"

    lost = _race(any_db_app, [field("contact_name"), field("application_id")])
    assert lost == []
    with any_db_app.app_context():
        final = card_application.load(db.session, user_id)
    assert final["contact_name"] == f"contact_name-{ROUNDS - 1}"
    assert final["application_id"] == f"application_id-{ROUNDS - 1}"


def test_two_tabs_uploading_documents_keep_every_acknowledged_file_and_the_cap(
    app: Flask, signed_in: PageClient
) -> None:
    """The NHI attachments list and its 10-file cap are read-then-write: two tabs uploading
    at once must keep every file they were told was added, and never more than the cap."""
    answer_eligibility(signed_in)
    signed_in.get_page("/nhi/application")
    other_tab = _same_session(app, signed_in)
    acked: list[str] = []
    start = threading.Barrier(2)

    def tab(client: PageClient, name: str) -> None:
        start.wait()
        for i in range(8):
            response = upload(client, MINIMAL_PDF, f"{name}{i}.pdf")
            if response.status_code == 303:
                acked.append(f"{name}{i}.pdf")

    threads = [
        threading.Thread(target=tab, args=(client, name))
        for client, name in ((signed_in, "a"), (other_tab, "b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with app.app_context():
        user_id = db.session.scalars(select(User.id)).one()
        stored = [a["name"] for a in nhi_drafts.load(db.session, user_id)["attachments"]]
    assert len(acked) >= 10
    assert sorted(stored) == sorted(acked)
    assert len(stored) == nhi_attachments.MAX_FILES


def _same_session(app: Flask, client: PageClient) -> PageClient:
    """A second tab: another client with the same session cookie."""
    other = PageClient(app)
    cookie = client.http.get_cookie("__Host-session", domain="localhost")
    assert cookie is not None
    other.http.set_cookie("__Host-session", cookie.value, domain="localhost", secure=True)
    return other


def _autosave(client: PageClient, data: dict[str, str]) -> Any:
    return client.post("/account/display-name/draft?lang=en", data, htmx_target="draft-status")


def _page_draft_fields(client: PageClient) -> dict[str, str]:
    """What the profile page carries to tell the server which copy of the draft it shows."""
    soup = client.get_page("/account?lang=en")
    form = soup.select_one("#display_name").find_parent("form")
    return {
        str(field["name"]): str(field["value"])
        for field in form.select("input[type=hidden]")
        if str(field["name"]).startswith("draft_")
    }


def test_a_field_changed_in_another_tab_is_a_conflict_and_nothing_is_overwritten(
    signed_in: PageClient, app: Flask
) -> None:
    other_tab = _same_session(app, signed_in)
    first = _page_draft_fields(signed_in)
    second = _page_draft_fields(other_tab)  # both tabs opened the page before any typing
    assert first and first.keys() == second.keys()

    saved = _autosave(signed_in, {**first, "display_name": "Typed in tab one"})
    assert saved.status_code == 200
    conflict = _autosave(other_tab, {**second, "display_name": "Typed in tab two"})
    assert conflict.status_code == 409
    message = conflict.get_data(as_text=True)
    assert "another tab" in message and "still on this page" in message
    # The first tab's acknowledged save is kept, and the first tab can go on typing.
    soup = signed_in.get_page("/account?lang=en")
    assert soup.select_one("#display_name")["value"] == "Typed in tab one"
    assert _autosave(signed_in, {**first, "display_name": "Typed in tab one!"}).status_code == 200


def _step_fields(client: PageClient, step: str) -> dict[str, str]:
    soup = client.get_page(f"/apply/application/{step}?lang=en")
    return {
        str(field["name"]): str(field["value"])
        for field in soup.select("form input[type=hidden]")
        if str(field["name"]).startswith("draft_")
    }


def test_two_tabs_typing_different_fields_of_one_step_both_keep_what_they_typed(
    signed_in: PageClient, app: Flask
) -> None:
    assert signed_in.post("/apply/application/begin", {"route": "smartphone"}).status_code == 303
    other_tab = _same_session(app, signed_in)
    first = _step_fields(signed_in, "contact")
    second = _step_fields(other_tab, "contact")
    url = "/apply/application/contact/draft?lang=en"
    one = signed_in.post(
        url,
        {**first, "contact_name": "Hanako", "email": ""},
        htmx_target="draft-status",
        headers={"HX-Trigger-Name": "contact_name"},  # htmx names the field that changed
    )
    assert one.status_code == 200
    # The second tab still shows an empty name; it types the e-mail address only.
    two = other_tab.post(
        url,
        {**second, "contact_name": "", "email": "h@example.jp"},
        htmx_target="draft-status",
        headers={"HX-Trigger-Name": "email"},
    )
    assert two.status_code == 200
    soup = signed_in.get_page("/apply/application/contact?lang=en")
    assert soup.select_one("#contact_name")["value"] == "Hanako"
    assert soup.select_one("#email")["value"] == "h@example.jp"
    # The second tab now changes the name the first tab typed: a conflict, the name is kept.
    clash = other_tab.post(
        url,
        {**second, "contact_name": "Taro", "email": "h@example.jp"},
        htmx_target="draft-status",
        headers={"HX-Trigger-Name": "contact_name"},
    )
    assert clash.status_code == 409
    assert "Name for email contact" in clash.get_data(as_text=True)
    soup = signed_in.get_page("/apply/application/contact?lang=en")
    assert soup.select_one("#contact_name")["value"] == "Hanako"
