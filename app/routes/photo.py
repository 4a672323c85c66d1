"""The photo journey. Its start page comes first; the steps arrive with the journey's issue."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import public

bp = Blueprint("photo", __name__, url_prefix="/photo")


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/photo/start.html")
