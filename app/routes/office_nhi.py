"""The office's NHI enrolments (staff only): the list with filters, an enrolment with a fresh
signature check, its attachments, decisions and the notice PDF. Every action is audit-logged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, abort, make_response, render_template, request, url_for

from app import downloads
from app.auth import require_user, staff_required
from app.domain import nhi_answers, nhi_files
from app.extensions import db
from app.forms.nhi_office import AcceptForm, CorrectionForm
from app.htmx import redirect_to
from app.services import nhi_office
from app.storage import audit, blobs, nhi_enrolments
from app.storage.models import NhiEnrolment

bp = Blueprint("office_nhi", __name__, url_prefix="/office/nhi")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@bp.get("/")
@staff_required
def enrolments() -> str:
    state = (
        request.args.get("state") if request.args.get("state") in nhi_enrolments.STATES else None
    )
    since, until = _day(request.args.get("from")), _day(request.args.get("to"))
    rows = nhi_enrolments.search(
        db.session,
        state=state,
        since=datetime.combine(since, datetime.min.time(), UTC) if since else None,
        until=datetime.combine(until + timedelta(days=1), datetime.min.time(), UTC)
        if until
        else None,
    )
    filters = {"state": state or "", "from": since or "", "to": until or ""}
    return render_template("pages/office/nhi_list.html", rows=rows, filters=filters)


@bp.get("/<string:enrolment_id>")
@staff_required
def enrolment(enrolment_id: str) -> str:
    row = _row(enrolment_id)
    checked = nhi_office.verify(db.session, row)
    nhi_office.log(db.session, row, require_user().id, "viewed", *checked.reasons)
    db.session.commit()
    return _page(row, checked)


@bp.post("/<string:enrolment_id>/review")
@staff_required
def review(enrolment_id: str) -> Response:
    nhi_office.start_review(db.session, _row(enrolment_id), staff_id=require_user().id)
    return redirect_to(url_for("office_nhi.enrolment", enrolment_id=enrolment_id))


@bp.post("/<string:enrolment_id>/accept")
@staff_required
def accept(enrolment_id: str) -> Response:
    row = _row(enrolment_id)
    form = AcceptForm()
    chosen = form.qualification_date.data if form.validate_on_submit() else None
    if row.state in ("received", "in_review") and chosen is not None:
        try:
            nhi_office.accept(
                db.session,
                row,
                staff_id=require_user().id,
                qualification_date=chosen,
            )
        except nhi_office.NotVerified:
            pass
        return redirect_to(url_for("office_nhi.enrolment", enrolment_id=enrolment_id))
    return make_response(_page(row, nhi_office.verify(db.session, row), accept_form=form), 422)


@bp.post("/<string:enrolment_id>/correction")
@staff_required
def correction(enrolment_id: str) -> Response:
    row = _row(enrolment_id)
    form = CorrectionForm()
    if row.state in ("received", "in_review") and form.validate_on_submit():
        nhi_office.ask_correction(
            db.session, row, staff_id=require_user().id, message=form.message.data
        )
        return redirect_to(url_for("office_nhi.enrolment", enrolment_id=enrolment_id))
    return make_response(_page(row, nhi_office.verify(db.session, row), correction_form=form), 422)


@bp.get("/<string:enrolment_id>/files/<string:blob_id>")
@staff_required
def attachment(enrolment_id: str, blob_id: str) -> Response:
    row = _row(enrolment_id)
    listed = {a["id"] for a in nhi_enrolments.answers(row).get("attachments", [])}
    if blob_id not in listed | {row.notice_blob_id}:
        abort(404)
    stored = blobs.get(db.session, blob_id)
    if stored is None:
        abort(404)
    action = "notice_downloaded" if blob_id == row.notice_blob_id else "attachment_opened"
    nhi_office.log(db.session, row, require_user().id, action)
    db.session.commit()
    extension = nhi_files.EXTENSIONS.get(stored.media_type, "bin")
    name = f"{row.reference}-{blob_id[:8]}.{extension}"
    return downloads.download(stored.data, stored.media_type, name)


def _row(enrolment_id: str) -> NhiEnrolment:
    row = nhi_enrolments.get(db.session, enrolment_id)
    if row is None:
        abort(404)
    return row


def _page(row: NhiEnrolment, checked: nhi_office.Verification, **forms: Any) -> str:
    answers = nhi_enrolments.answers(row)
    loss = (nhi_answers.section(answers, "previous_insurance") or {}).get("loss_date", "")
    accept_form = forms.get("accept_form") or AcceptForm(data={"qualification_date": loss or None})
    return render_template(
        "pages/office/nhi_enrolment.html",
        row=row,
        answers=answers,
        checked=checked,
        correction=nhi_enrolments.correction(row),
        history=audit.for_record(db.session, nhi_office.RECORD_TYPE, row.id),
        accept_form=accept_form,
        correction_form=forms.get("correction_form") or CorrectionForm(),
    )
