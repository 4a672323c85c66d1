"""People joining (an add-another loop, up to 10) and the documents (uploaded, checked from
their content, stored encrypted), both kept in the user's NHI draft."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Response, abort, make_response, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from app import downloads
from app.auth import login_required, require_user
from app.domain.files import FileProblem
from app.extensions import db
from app.forms.nhi_application import AttachmentForm, PersonForm
from app.htmx import redirect_to
from app.routes import draft_saves
from app.routes.nhi import bp
from app.routes.nhi_application import autosave_attributes, typed_answers
from app.services import nhi_attachments, nhi_drafts
from app.services.uploads import UploadRefused


@bp.route("/application/people", methods=["GET", "POST"])
@login_required
def people() -> Response:
    user = require_user()
    answers = nhi_drafts.load(db.session, user.id)
    error = None
    if request.method == "POST":
        if answers.get("people"):
            nhi_drafts.update(db.session, user.id, {"people_done": "yes"})
            db.session.commit()
            return redirect_to(url_for("nhi.tasks"))
        error = True
    page = render_template(
        "pages/nhi/people.html",
        people=answers.get("people", []),
        expected=answers.get("eligibility", {}).get("how_many"),
        full=len(answers.get("people", [])) >= nhi_drafts.MAX_PEOPLE,
        error=error,
    )
    return make_response(page, 422 if error else 200)


@bp.route("/application/people/<string:person_id>", methods=["GET", "POST"])
@login_required
def person(person_id: str) -> Response:
    user = require_user()
    answers = nhi_drafts.load(db.session, user.id)
    everyone: list[dict[str, Any]] = answers.get("people", [])
    current = next((p for p in everyone if p["id"] == person_id), None)
    if person_id != "new" and current is None:
        abort(404)
    if person_id == "new" and len(everyone) >= nhi_drafts.MAX_PEOPLE:
        return redirect_to(url_for("nhi.people"))
    partial_key = f"person-{person_id}"
    if request.method == "POST":
        form = PersonForm()
        form.today = nhi_drafts.today()
        if form.validate_on_submit():
            entry = {**form.answers(), "id": current["id"] if current else secrets.token_hex(4)}
            if _save_person(user.id, entry, partial_key, new=current is None):
                db.session.commit()
            return redirect_to(url_for("nhi.people"))
    else:
        typed = answers.get("partial", {}).get(partial_key)
        form = PersonForm(formdata=MultiDict(typed)) if typed else PersonForm(data=current or {})
    page = render_template(
        "pages/nhi/person.html",
        form=form,
        person_id=person_id,
        number=(everyone.index(current) + 1) if current else len(everyone) + 1,
        autosave=autosave_attributes(url_for("nhi.person_autosave", person_id=person_id)),
        draft_fields=nhi_drafts.page_fields(db.session, user.id),
    )
    return make_response(page, 422 if form.errors else 200)


def _save_person(user_id: str, entry: dict[str, Any], partial_key: str, *, new: bool) -> bool:
    """Add or replace one person in the list as stored now; False when a new person no longer
    fits (another tab added the tenth meanwhile)."""

    def change(answers: dict[str, Any]) -> dict[str, Any]:
        everyone = answers.get("people", [])
        if new and len(everyone) >= nhi_drafts.MAX_PEOPLE:
            raise nhi_drafts.ListFull("people")
        if new:
            people = [*everyone, entry]
        else:
            people = [entry if p["id"] == entry["id"] else p for p in everyone]
        partial = {k: v for k, v in answers.get("partial", {}).items() if k != partial_key}
        return {**answers, "people": people, "partial": partial, "people_done": ""}

    try:
        nhi_drafts.edit(db.session, user_id, change)
    except nhi_drafts.ListFull:
        return False
    return True


@bp.post("/application/people/<string:person_id>/draft")
@login_required
def person_autosave(person_id: str) -> Response:
    change = draft_saves.typed(f"person-{person_id}", typed_answers())
    saved = nhi_drafts.edit(db.session, require_user().id, change, since=draft_saves.since())
    db.session.commit()
    return draft_saves.autosaved(saved, PersonForm())


@bp.post("/application/people/<string:person_id>/remove")
@login_required
def remove_person(person_id: str) -> Response:
    nhi_drafts.change_list(
        db.session,
        require_user().id,
        "people",
        lambda people: [p for p in people if p["id"] != person_id],
        people_done="",
    )
    db.session.commit()
    return redirect_to(url_for("nhi.people"))


@bp.route("/application/documents", methods=["GET", "POST"])
@login_required
def documents() -> Response:
    user = require_user()
    form = AttachmentForm()
    problem = None
    if request.method == "POST" and form.validate_on_submit():
        upload = downloads.received("document")
        try:
            nhi_attachments.add(db.session, user_id=user.id, upload=upload, kind=form.kind.data)
        except UploadRefused as refused:
            problem = refused.problem
        else:
            return redirect_to(url_for("nhi.documents"))
    elif request.method == "POST" and downloads.received("document") is None:
        problem = FileProblem.MISSING
    page = render_template(
        "pages/nhi/documents.html",
        form=form,
        problem=problem,
        max_files=nhi_attachments.MAX_FILES,
        attachments=nhi_drafts.load(db.session, user.id).get("attachments", []),
    )
    return make_response(page, 422 if (problem or form.errors) else 200)


@bp.get("/application/documents/<string:blob_id>")
@login_required
def document_file(blob_id: str) -> Response:
    found = nhi_attachments.draft_file(db.session, require_user().id, blob_id)
    if found is None:
        abort(404)
    stored, name = found
    return downloads.send_blob(stored, name=name)


@bp.post("/application/documents/<string:blob_id>/remove")
@login_required
def remove_document(blob_id: str) -> Response:
    nhi_attachments.remove(db.session, require_user().id, blob_id)
    return redirect_to(url_for("nhi.documents"))
