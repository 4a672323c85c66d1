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
from app.routes.nhi import bp
from app.routes.nhi_application import autosave_attributes
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
            kept = [entry if p["id"] == entry["id"] else p for p in everyone]
            partial = {k: v for k, v in answers.get("partial", {}).items() if k != partial_key}
            new_people = kept if current else [*everyone, entry]
            values = {"people": new_people, "partial": partial, "people_done": ""}
            nhi_drafts.update(db.session, user.id, values)
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
    )
    return make_response(page, 422 if form.errors else 200)


@bp.post("/application/people/<string:person_id>/draft")
@login_required
def person_autosave(person_id: str) -> str:
    typed = {k: v for k, v in request.form.lists() if k not in ("csrf_token", "change")}
    answers = nhi_drafts.load(db.session, require_user().id)
    partial = {**answers.get("partial", {}), f"person-{person_id}": typed}
    nhi_drafts.update(db.session, require_user().id, {"partial": partial})
    db.session.commit()
    return render_template("partials/drafts/saved.html")


@bp.post("/application/people/<string:person_id>/remove")
@login_required
def remove_person(person_id: str) -> Response:
    user = require_user()
    answers = nhi_drafts.load(db.session, user.id)
    kept = [p for p in answers.get("people", []) if p["id"] != person_id]
    nhi_drafts.update(db.session, user.id, {"people": kept, "people_done": ""})
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
        if added.entry is not None:
            nhi_drafts.update(db.session, user.id, {"attachments": [*existing, added.entry]})
            db.session.commit()
            return redirect_to(url_for("nhi.documents"))
        problem = added.problem
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
    user = require_user()
    answers = nhi_drafts.load(db.session, user.id)
    kept = [a for a in answers.get("attachments", []) if a["id"] != blob_id]
    if len(kept) != len(answers.get("attachments", [])):
        nhi_drafts.update(db.session, user.id, {"attachments": kept})
        blobs.delete(db.session, blob_id)
        db.session.commit()
    return redirect_to(url_for("nhi.documents"))
