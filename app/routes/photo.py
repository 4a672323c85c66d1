"""The ID photo: guidance, the capture page, the check swapped in place, the files.

Anyone can check a photo, signed in or not, and a check keeps nothing: the result and
its overlay (inline, as a `data:` URL) are the whole answer. A signed-in user's "Use this
photo" sends the same file again (the button submits the photo form to `use`), and only
then is the photo stored. The upload is refused by size and content before any decoder
runs; a refused or failed upload changes nothing already saved.
Checks are rate-limited per account, or per client address without one
(`RATELIMIT_PHOTO_CHECK`, shared by check and use, which checks again), and an account
keeps at most `PHOTOS_KEPT_PER_USER` photos. Every stored file is sent as a download.
"""

from __future__ import annotations

import os
import time
from typing import IO

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    get_template_attribute,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from app import downloads
from app.auth import current_user, login_required, public, require_user
from app.domain import files
from app.extensions import limiter
from app.htmx import redirect_to, render_page_or_fragment, wants_fragment
from app.services import photos
from app.services.errors import ServiceError

bp = Blueprint("photo", __name__, url_prefix="/photo")
FIELD = "photo"


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/photo/start.html")


@bp.get("/take")
@public
def take() -> str:
    return render_template("pages/photo/take.html", result=None, error=None, in_fragment=False)


def _check_limit() -> str:
    return str(current_app.config["RATELIMIT_PHOTO_CHECK"])


def _per_account() -> str:
    """Count each account's checks together, whichever device or address they come from;
    without an account, each client address's."""
    user = current_user()
    return f"account:{user.id}" if user else f"address:{request.remote_addr}"


def _too_many_checks(_limit: object) -> Response:
    message = _("You have checked many photos in a short time. Wait a few minutes, then try again")
    return _result(None, error=message, status=429)


_checks_limit = limiter.shared_limit(
    _check_limit, scope="photo-check", key_func=_per_account, on_breach=_too_many_checks
)


@bp.post("/check")
@public
@_checks_limit
def check() -> Response:
    """Check the upload and answer with the result; nothing is stored."""
    upload = _upload()
    if isinstance(upload, Response):
        return upload
    started = time.perf_counter()
    checked = photos.check(upload.stream.read())
    response = _result(checked, error=None, status=200)
    # Checks and overlay, then the whole request: the network panel shows them, and
    # benchmarks/bench_photo_upload.py reads them.
    total = (time.perf_counter() - started) * 1000
    response.headers["Server-Timing"] = f"checks;dur={checked.server_ms:.1f}, total;dur={total:.1f}"
    return response


@bp.post("/use")
@login_required
@_checks_limit
def use() -> Response:
    """Store the photo sent again with "Use this photo", checked again; attach it to the
    application in progress, or show it ready for the official site."""
    upload = _upload()
    if isinstance(upload, Response):
        return upload
    try:
        used = photos.use(
            require_user().id,
            upload.stream.read(),
            keep=int(current_app.config["PHOTOS_KEPT_PER_USER"]),
        )
    except photos.NotUsable as refused:
        return _result(refused.checked, error=None, status=refused.status)
    if used.for_application:
        return redirect_to(url_for("application.resume"))
    return redirect_to(url_for("photo.chosen", photo_id=used.photo_id))


@bp.get("/<string:photo_id>/overlay.jpg")
@login_required
def overlay(photo_id: str) -> Response:
    return _file(photo_id, overlay=True)


@bp.get("/<string:photo_id>/photo.jpg")
@login_required
def download(photo_id: str) -> Response:
    """The chosen photo, metadata removed: to upload on the official site, and shown where
    it is the photo being sent. Served as a download (`app.downloads`), which an `<img>`
    still displays."""
    return _file(photo_id, overlay=False)


@bp.get("/<string:photo_id>")
@login_required
def chosen(photo_id: str) -> str:
    try:
        photo = photos.chosen(require_user().id, photo_id)
    except ServiceError as error:
        abort(error.status)
    return render_template("pages/photo/chosen.html", photo=photo, report=photo.report)


def _upload() -> FileStorage | Response:
    """The uploaded file, or the page that says why it is refused (before any decoding)."""
    upload = request.files.get(FIELD)
    if upload is None or not upload.filename:
        problem: files.FileProblem | None = files.FileProblem.MISSING
    else:
        problem = photos.refuse(*_head_and_size(upload.stream))
    if upload is None or problem is not None:
        message = _upload_message(problem or files.FileProblem.MISSING)
        return _result(None, error=message, status=422)
    return upload


def _result(checked: photos.CheckedPhoto | None, *, error: str | None, status: int) -> Response:
    return render_page_or_fragment(
        "pages/photo/take.html",
        "partials/photo/result.html",
        status=status,
        result=checked,
        error=error,
        in_fragment=wants_fragment(),
    )


def _file(photo_id: str, *, overlay: bool) -> Response:
    try:
        stored = photos.stored_file(require_user().id, photo_id, overlay=overlay)
    except ServiceError as error:
        abort(error.status)
    name = "id-photo-checks.jpg" if overlay else "id-photo.jpg"
    return downloads.send_blob(stored, name=name)


def _head_and_size(stream: IO[bytes]) -> tuple[bytes, int]:
    """The first bytes and the length, read without loading or decoding the file."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    return head, size


def _upload_message(problem: files.FileProblem) -> str:
    """The refusal in the words every upload uses, with the photo's own limits."""
    message = get_template_attribute("components/upload.html", "upload_message")
    return str(message(problem, files.PHOTO))
