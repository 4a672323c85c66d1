"""The office's start page (staff only): a link to each journey's list.

Every office blueprint has the same skeleton: a list with filters → a record → its decision
forms → its files (`office_card_applications`, `office_nhi`, `office_insurance`), templates in
`pages/office/<journey>/`, every view a `staff_action` calling a `services/office_*` function.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import require_user, staff_action
from app.journeys import JOURNEYS
from app.services import office_index

bp = Blueprint("office", __name__, url_prefix="/office")


@bp.get("/")
@staff_action
def index() -> str:
    return render_template(
        "pages/office/index.html", journeys=JOURNEYS, counts=office_index.counts(require_user().id)
    )
