"""The nhi journey. Its start page comes first; the steps arrive with the journey's issue."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import public

bp = Blueprint("nhi", __name__, url_prefix="/nhi")


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/nhi/start.html")
