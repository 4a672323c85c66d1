"""The NHI enrolment journey (procedures.md 4): start page; the steps live in sibling modules
that register their views on this blueprint:

- nhi_eligibility: Q1–Q7, one question per page, a result page for each block (public);
- nhi_application: the task list, each section autosaved as a draft (signed in);
- nhi_signing: the canonical document, the card signature, confirmation and status.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import current_user, public
from app.extensions import db
from app.services import nhi_drafts
from app.services.nhi_signing import enrolments_of

bp = Blueprint("nhi", __name__, url_prefix="/nhi")


@bp.get("/")
@public
def start() -> str:
    user = current_user()
    sent = enrolments_of(db.session, user.id) if user else []
    in_progress = bool(user and nhi_drafts.load(db.session, user.id))
    return render_template("pages/nhi/start.html", sent=sent, in_progress=in_progress)


from app.routes import nhi_application, nhi_eligibility, nhi_signing  # noqa: E402, F401
