"""The landing page and the health check."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.auth import public
from app.journeys import JOURNEYS

bp = Blueprint("home", __name__)


@bp.get("/")
@public
def index() -> str:
    return render_template("pages/home/index.html", journeys=JOURNEYS)


@bp.get("/healthz")
@public
def healthz() -> tuple[str, int]:
    return "ok", 200
