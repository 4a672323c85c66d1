"""After applying, public: has a move undone the application, and who may collect the card
(`domain/collection.FLOW`). The answers live in the session, like the questions before it."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from werkzeug.wrappers import Response

from app.auth import public
from app.domain import collection
from app.forms import apply as forms
from app.routes.questions import Journey

bp = Blueprint("collect", __name__, url_prefix="/apply/collect")

QUESTIONS = Journey("collect", collection.FLOW, forms.COLLECT_FORMS, folder="apply/collect")
QUESTIONS.register(bp)


@bp.get("/")
@public
def start() -> Response:
    """The questions start from the timeline of what happens after applying."""
    return redirect(url_for("apply.what_happens_next"))
