"""People joining (an add-another loop, up to 10) and the documents (uploaded, checked from
their content, stored encrypted), both kept in the user's NHI draft."""

from __future__ import annotations

from flask import Response, abort, make_response, render_template, request, url_for

from app import downloads
from app.auth import login_required, require_user
from app.domain.files import FileProblem
from app.extensions import db
from app.forms.nhi_application import AttachmentForm, PersonForm
from app.htmx import redirect_to
from app.routes.nhi.application import PAGES
from app.routes.nhi.start import bp
from app.services import nhi_attachments, nhi_drafts
from app.services.uploads import UploadRefused


@bp.route("/application/people", methods=["GET", "POST"])
@login_required
def people() -> Response:
    user = require_user()
    draft = nhi_drafts.application(nhi_drafts.load(db.session, user.id))
    error = None
    if request.method == "POST":
        if draft.people:
            nhi_drafts.update(db.session, user.id, {"people_done": "yes"})
            return redirect_to(url_for("nhi.tasks"))
        error = True
    page = render_template(
        "pages/nhi/people.html",
        people=draft.people,
        expected=draft.eligibility.how_many,
        full=len(draft.people) >= nhi_drafts.MAX_PEOPLE,
        error=error,
    )
    return make_response(page, 422 if error else 200)


@bp.route("/application/people/<string:person_id>", methods=["GET", "POST"])
@login_required
def person(person_id: str) -> Response:
    answers = PAGES.answers()
    everyone = nhi_drafts.application(answers).people
    current = next((p for p in everyone if p.id == person_id), None)
    if person_id != "new" and current is None:
        abort(404)
    if person_id == "new" and len(everyone) >= nhi_drafts.MAX_PEOPLE:
        return redirect_to(url_for("nhi.people"))
    partial = f"person-{person_id}"
    form = PAGES.form(PersonForm, answers, partial, current.to_draft() if current else None)
    status, conflict = 200, []
    if request.method == "POST":
        try:
            posted = PAGES.post(
                partial,
                form,
                valid=form.check(nhi_drafts.today()),
                edits=lambda: nhi_drafts.saving_person(
                    form.answers(), current.id if current else None
                ),
                next_url=lambda _saved: url_for("nhi.people"),
            )
        except nhi_drafts.ListFull:
            return redirect_to(url_for("nhi.people"))
        if posted.response is not None:
            return posted.response
        status, conflict = posted.status, posted.conflict
    return PAGES.render(
        "pages/nhi/person.html",
        form,
        partial=partial,
        answers=answers,
        back=url_for("nhi.people"),
        autosave_args={"person_id": person_id},
        autosave_endpoint="nhi.person_autosave",
        status=status,
        conflict=conflict,
        person_id=person_id,
        number=(everyone.index(current) + 1) if current else len(everyone) + 1,
    )


@bp.post("/application/people/<string:person_id>/draft")
@login_required
def person_autosave(person_id: str) -> Response:
    return PAGES.autosave(f"person-{person_id}", PersonForm())


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
        attachments=nhi_drafts.application(nhi_drafts.load(db.session, user.id)).attachments,
    )
    return make_response(page, 422 if (problem or form.errors) else 200)


@bp.get("/application/documents/<string:blob_id>")
@login_required
def document_file(blob_id: str) -> Response:
    stored, name = nhi_attachments.draft_file(db.session, require_user().id, blob_id)
    return downloads.send_blob(stored, name=name)


@bp.post("/application/documents/<string:blob_id>/remove")
@login_required
def remove_document(blob_id: str) -> Response:
    nhi_drafts.remove_attachment(db.session, require_user().id, blob_id)
    return redirect_to(url_for("nhi.documents"))
