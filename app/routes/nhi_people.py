"""People joining (an add-another loop, up to 10) and the documents (uploaded, checked from
their content, stored encrypted), both kept in the user's NHI draft."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Response, abort, make_response, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from app import downloads
from app.auth import login_required, require_user
from app.extensions import db
from app.forms.nhi_application import AttachmentForm, PersonForm
from app.htmx import redirect_to
from app.routes import draft_saves
from app.routes.nhi import bp
from app.routes.nhi_application import autosave_attributes, typed_answers
from app.services import nhi_attachments, nhi_drafts
from app.storage import blobs


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
    answers = nhi_drafts.load(db.session, user.id)
    form = AttachmentForm()
    problem = None
    upload = request.files.get("document")
    if request.method == "POST" and (upload is None or not upload.filename):
        form.validate_on_submit()
        problem = "missing"
    elif request.method == "POST" and form.validate_on_submit():
        data = upload.read() if upload else b""
        existing = answers.get("attachments", [])
        added = nhi_attachments.add(
            db.session,
            user_id=user.id,
            filename=(upload.filename or "") if upload else "",
            data=data,
            kind=form.kind.data,
            existing=existing,
        )
        limit = nhi_attachments.MAX_FILES
        if added.entry is not None and nhi_drafts.add_to_list(
            db.session, user.id, "attachments", added.entry, limit=limit
        ):
            db.session.commit()
            return redirect_to(url_for("nhi.documents"))
        db.session.rollback()  # the file is not kept when the list filled up meanwhile
        problem = added.problem or "too_many"
    page = render_template(
        "pages/nhi/documents.html",
        form=form,
        problem=problem,
        attachments=answers.get("attachments", []),
    )
    return make_response(page, 422 if (problem or form.errors) else 200)


@bp.get("/application/documents/<string:blob_id>")
@login_required
def document_file(blob_id: str) -> Response:
    user = require_user()
    stored = blobs.get(db.session, blob_id, owner_id=user.id)
    if stored is None or stored.kind != nhi_attachments.KIND:
        abort(404)
    listed = nhi_drafts.load(db.session, user.id).get("attachments", [])
    fallback = nhi_attachments.safe_name("", stored.media_type)
    name = next((a["name"] for a in listed if a["id"] == blob_id), fallback)
    return downloads.download(stored.data, stored.media_type, name)


@bp.post("/application/documents/<string:blob_id>/remove")
@login_required
def remove_document(blob_id: str) -> Response:
    removed: list[dict[str, Any]] = []

    def drop(attachments: list[dict[str, Any]]) -> list[dict[str, Any]]:
        removed[:] = [a for a in attachments if a["id"] == blob_id]
        return [a for a in attachments if a["id"] != blob_id]

    nhi_drafts.change_list(db.session, require_user().id, "attachments", drop)
    if removed:  # only a file of this user's own draft is deleted
        blobs.delete(db.session, blob_id)
    db.session.commit()
    return redirect_to(url_for("nhi.documents"))
