"""The insurance journey. Its start page comes first; the steps arrive with the journey's issue."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import public

bp = Blueprint("insurance", __name__, url_prefix="/insurance")


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/insurance/start.html")
