"""Insurance cancellation requests for the office (staff only): the list with filters (and how
many cards were registered through the local registry) → a request → its status form → its
documents."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for

from app import downloads
from app.auth import require_user, staff_action
from app.domain.office_states import INSURANCE_CANCELLATION
from app.htmx import redirect_to
from app.services import office_insurance as service
from app.services.office import ListFilters

bp = Blueprint("office_insurance", __name__, url_prefix="/office/insurance")


@bp.get("/")
@staff_action
def records() -> str:
    filters = ListFilters.from_args(request.args, INSURANCE_CANCELLATION)
    return render_template(
        "pages/office/insurance/list.html",
        listing=service.cancellations(require_user().id, filters),
        filters=filters.as_form(),
        states=INSURANCE_CANCELLATION.states,
    )


@bp.get("/cancellations/<string:cancellation_id>")
@staff_action
def record(cancellation_id: str) -> str:
    page = service.open_cancellation(require_user().id, cancellation_id)
    return render_template("pages/office/insurance/record.html", page=page, row=page.row)


@bp.post("/cancellations/<string:cancellation_id>/status")
@staff_action
def status(cancellation_id: str) -> Response:
    service.set_status(require_user().id, cancellation_id, request.form.get("status", ""))
    return redirect_to(url_for("office_insurance.record", cancellation_id=cancellation_id))


@bp.get("/cancellations/<string:cancellation_id>/documents/<string:kind>")
@staff_action
def file(cancellation_id: str, kind: str) -> Response:
    stored, name = service.open_document(require_user().id, cancellation_id, kind)
    return downloads.send_blob(stored, name=name, stem=True)
