"""What makes the site installable: the manifest, the service worker, the offline page."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, send_from_directory

from app.auth import public

bp = Blueprint("pwa", __name__)


@bp.get("/manifest.webmanifest")
@public
def manifest() -> Response:
    response = Response(
        render_template("pwa/manifest.webmanifest"), mimetype="application/manifest+json"
    )
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/sw.js")
@public
def service_worker() -> Response:
    """Served from the root so that the worker's scope is the whole site."""
    static_js = current_app.static_folder + "/js"  # type: ignore[operator]
    response = send_from_directory(static_js, "sw.js", mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline")
@public
def offline() -> str:
    return render_template("pages/pwa/offline.html")
