"""NHI enrolments for the office (staff only): the list with filters → an enrolment with a
fresh signature check → decisions (start review, accept with the notice, ask for a
correction) → its files (attachments, the notice PDF)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, make_response, render_template, request, url_for

from app import downloads
from app.auth import require_user, staff_action
from app.domain.office_states import NHI_ENROLMENT
from app.forms.nhi_office import AcceptForm, CorrectionForm
from app.htmx import redirect_to
from app.services import office_nhi as service
from app.services.nhi_pdf import NoticeDetails
from app.services.office import ListFilters

bp = Blueprint("office_nhi", __name__, url_prefix="/office/nhi")


@bp.get("/")
@staff_action
def records() -> str:
    filters = ListFilters.from_args(request.args, NHI_ENROLMENT)
    return render_template(
        "pages/office/nhi/list.html",
        rows=service.enrolments(require_user().id, filters),
        filters=filters.as_form(),
        states=NHI_ENROLMENT.states,
    )


@bp.get("/<string:enrolment_id>")
@staff_action
def record(enrolment_id: str) -> str:
    return _page(enrolment_id)


@bp.post("/<string:enrolment_id>/review")
@staff_action
def review(enrolment_id: str) -> Response:
    service.start_review(require_user().id, enrolment_id)
    return redirect_to(url_for("office_nhi.record", enrolment_id=enrolment_id))


@bp.post("/<string:enrolment_id>/accept")
@staff_action
def accept(enrolment_id: str) -> Response:
    form = AcceptForm()
    chosen = form.qualification_date.data if form.validate_on_submit() else None
    if chosen is None:
        return make_response(_page(enrolment_id, accept_form=form), 422)
    details = NoticeDetails(
        insurer_number=form.insurer_number.data,
        symbol_number=form.symbol_number.data,
        valid_until=form.valid_until.data,
    )
    service.accept(require_user().id, enrolment_id, qualification_date=chosen, details=details)
    return redirect_to(url_for("office_nhi.record", enrolment_id=enrolment_id))


@bp.post("/<string:enrolment_id>/correction")
@staff_action
def correction(enrolment_id: str) -> Response:
    form = CorrectionForm()
    if not form.validate_on_submit():
        return make_response(_page(enrolment_id, correction_form=form), 422)
    service.ask_correction(require_user().id, enrolment_id, message=form.message.data)
    return redirect_to(url_for("office_nhi.record", enrolment_id=enrolment_id))


@bp.get("/<string:enrolment_id>/files/<string:blob_id>")
@staff_action
def file(enrolment_id: str, blob_id: str) -> Response:
    stored, name = service.open_file(require_user().id, enrolment_id, blob_id)
    return downloads.send_blob(stored, name=name, stem=True)


def _page(enrolment_id: str, **forms: Any) -> str:
    page = service.open_enrolment(require_user().id, enrolment_id)
    accept_form = forms.get("accept_form") or AcceptForm(
        data={"qualification_date": page.loss_date or None}
    )
    return render_template(
        "pages/office/nhi/record.html",
        page=page,
        row=page.row,
        allowed=NHI_ENROLMENT.actions(page.row.state),
        accept_form=accept_form,
        correction_form=forms.get("correction_form") or CorrectionForm(),
    )
