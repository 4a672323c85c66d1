"""The office side (staff only): an index of what residents sent, and each journey's list.

Other journeys add their lists here; the card applications list and its detail come first.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from app import downloads
from app.auth import staff_required
from app.extensions import db
from app.storage import blobs, card_applications, photos
from app.storage.models import CardApplication

bp = Blueprint("office", __name__, url_prefix="/office")


@bp.get("/")
@staff_required
def index() -> str:
    return render_template(
        "pages/office/index.html",
        counts={"card_applications": len(card_applications.all_received(db.session))},
    )


@bp.get("/card-applications")
@staff_required
def card_application_list() -> str:
    rows = card_applications.all_received(db.session)
    verdicts = {row.id: _photo_verdict(row) for row in rows}
    return render_template("pages/office/card_applications.html", rows=rows, verdicts=verdicts)


@bp.get("/card-applications/<string:application_id>")
@staff_required
def card_application(application_id: str) -> str:
    row = _application(application_id)
    chosen = photos.get(db.session, row.photo_id) if row.photo_id else None
    return render_template(
        "pages/office/card_application.html",
        row=row,
        answers=card_applications.answers(row),
        photo=chosen,
        report=photos.report(chosen) if chosen else None,
    )


@bp.get("/card-applications/<string:application_id>/<string:kind>.jpg")
@staff_required
def card_application_photo(application_id: str, kind: str) -> Response:
    row = _application(application_id)
    chosen = photos.get(db.session, row.photo_id) if row.photo_id else None
    if chosen is None or kind not in ("photo", "overlay"):
        abort(404)
    blob_id = chosen.blob_id if kind == "photo" else chosen.overlay_blob_id
    stored = blobs.get(db.session, blob_id) if blob_id else None
    return downloads.send_blob(stored, name=f"{row.reference}-{kind}.jpg")


def _application(application_id: str) -> CardApplication:
    row = card_applications.get(db.session, application_id)
    if row is None:
        abort(404)
    return row


def _photo_verdict(row: CardApplication) -> str | None:
    chosen = photos.get(db.session, row.photo_id) if row.photo_id else None
    return chosen.verdict if chosen else None
