"""Office side of the insurance journey (staff only): cancellation requests, their documents
and status, and how many cards were registered through the local registry."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for

from app import downloads
from app.auth import staff_required
from app.extensions import db
from app.htmx import redirect_to
from app.storage import blobs, insurance
from app.storage.models import InsuranceCancellation

bp = Blueprint("office_insurance", __name__, url_prefix="/office/insurance")


@bp.get("/")
@staff_required
def index() -> str:
    rows = insurance.all_cancellations(db.session)
    return render_template(
        "pages/office_insurance/index.html",
        rows=rows,
        registrations=insurance.registration_count(db.session),
    )


@bp.get("/cancellations/<string:cancellation_id>")
@staff_required
def cancellation(cancellation_id: str) -> str:
    row = _row(cancellation_id)
    return render_template(
        "pages/office_insurance/cancellation.html",
        row=row,
        answers=insurance.cancellation_answers(row),
        statuses=insurance.CANCELLATION_STATUSES,
    )


@bp.post("/cancellations/<string:cancellation_id>/status")
@staff_required
def set_status(cancellation_id: str) -> Response:
    row = _row(cancellation_id)
    status = request.form.get("status", "")
    if status not in insurance.CANCELLATION_STATUSES:
        abort(400)
    insurance.set_status(row, status)
    db.session.commit()
    return redirect_to(url_for("office_insurance.cancellation", cancellation_id=row.id))


@bp.get("/cancellations/<string:cancellation_id>/documents/<string:kind>")
@staff_required
def document(cancellation_id: str, kind: str) -> Response:
    row = _row(cancellation_id)
    stored = insurance.cancellation_answers(row).get("documents", {}).get(kind)
    found = blobs.get(db.session, stored["blob_id"]) if stored else None
    return downloads.send_blob(found, name=f"{row.reference}-{kind}", stem=True)


def _row(cancellation_id: str) -> InsuranceCancellation:
    row = insurance.cancellation(db.session, cancellation_id)
    if row is None:
        abort(404)
    return row
