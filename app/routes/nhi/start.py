"""The NHI enrolment journey's blueprint and its start page (procedures.md 4); the journey's
steps are the other modules of its package (see the package's docstring)."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import current_user, public
from app.extensions import db
from app.services import nhi_drafts
from app.services.nhi_signing import sent_requests

bp = Blueprint("nhi", __name__, url_prefix="/nhi")


@bp.get("/")
@public
def start() -> str:
    user = current_user()
    sent = sent_requests(db.session, user.id) if user else []
    in_progress = bool(user and nhi_drafts.load(db.session, user.id))
    return render_template("pages/nhi/start.html", sent=sent, in_progress=in_progress)
