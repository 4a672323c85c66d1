"""Card applications for the office (staff only): the list → an application with its photo
report → the photo files. No decision forms: J-LIS decides, the office only looks."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from app import downloads
from app.auth import require_user, staff_action
from app.domain.office_states import CARD_APPLICATION
from app.services import office_card_applications as service
from app.services.office import ListFilters

bp = Blueprint("office_card_applications", __name__, url_prefix="/office/card-applications")


@bp.get("")
@staff_action
def records() -> str:
    filters = ListFilters.from_args(request.args, CARD_APPLICATION)
    return render_template(
        "pages/office/card_applications/list.html",
        rows=service.applications(require_user().id, filters),
        filters=filters.as_form(),
    )


@bp.get("/<string:application_id>")
@staff_action
def record(application_id: str) -> str:
    page = service.open_application(require_user().id, application_id)
    return render_template("pages/office/card_applications/record.html", page=page, row=page.row)


@bp.get("/<string:application_id>/<string:kind>.jpg")
@staff_action
def file(application_id: str, kind: str) -> Response:
    stored, name = service.open_photo(require_user().id, application_id, kind)
    return downloads.send_blob(stored, name=name)
