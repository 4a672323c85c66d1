"""The ID photo: guidance, the capture page, the upload check swapped in place, the files.

The upload is refused by size and content before any decoder runs; a refused or failed
upload changes nothing already saved (the previous photo and the application draft stay).
Checks are rate-limited per account (`RATELIMIT_PHOTO_CHECK`), and an account keeps at most
`PHOTOS_KEPT_PER_USER` photos. Every stored file is sent as a download, never inline.
"""

from __future__ import annotations

import os
import time
from typing import IO

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from app import downloads
from app.auth import current_user, login_required, public, require_user
from app.domain.photo_upload import UploadProblem
from app.extensions import db, limiter
from app.htmx import redirect_to, render_page_or_fragment, wants_fragment
from app.services import card_application, photos
from app.storage import blobs
from app.storage import photos as photo_store

bp = Blueprint("photo", __name__, url_prefix="/photo")
FIELD = "photo"


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/photo/start.html")


@bp.get("/take")
@login_required
def take() -> str:
    return render_template("pages/photo/take.html", result=None, error=None, in_fragment=False)


def _check_limit() -> str:
    return str(current_app.config["RATELIMIT_PHOTO_CHECK"])


def _per_account() -> str:
    """Count each account's checks together, whichever device or address they come from."""
    user = current_user()
    return f"account:{user.id}" if user else f"address:{request.remote_addr}"


def _too_many_checks(_limit: object) -> Response:
    message = _("You have checked many photos in a short time. Wait a few minutes, then try again")
    return _result(None, error=message, status=429)


@bp.post("/check")
@login_required
@limiter.limit(_check_limit, key_func=_per_account, on_breach=_too_many_checks)
def check() -> Response:
    upload = request.files.get(FIELD)
    if upload is None or not upload.filename:
        problem: UploadProblem | None = UploadProblem.MISSING
    else:
        problem = photos.refuse(*_head_and_size(upload.stream))
    if upload is None or problem is not None:
        return _result(None, error=_upload_message(problem or UploadProblem.MISSING), status=422)
    started = time.perf_counter()
    checked = photos.check_and_store(
        db.session,
        require_user().id,
        upload.stream.read(),
        keep=int(current_app.config["PHOTOS_KEPT_PER_USER"]),
    )
    db.session.commit()
    response = _result(checked, error=None, status=200)
    # Checks and overlay, then everything including the encrypted store: the network
    # panel shows them, and benchmarks/bench_photo_upload.py reads them.
    total = (time.perf_counter() - started) * 1000
    response.headers["Server-Timing"] = f"checks;dur={checked.server_ms:.1f}, total;dur={total:.1f}"
    return response


@bp.get("/<string:photo_id>/overlay.jpg")
@login_required
def overlay(photo_id: str) -> Response:
    return _file(photo_id, overlay=True)


@bp.get("/<string:photo_id>/photo.jpg")
@login_required
def download(photo_id: str) -> Response:
    """The checked photo, metadata removed: to upload on the official site, and shown where
    it is the photo being sent. Served as a download (`app.downloads`), which an `<img>`
    still displays."""
    return _file(photo_id, overlay=False)


@bp.post("/<string:photo_id>/use")
@login_required
def use(photo_id: str) -> Response:
    """Attach the photo to the application in progress, or keep it for the official site."""
    user = require_user()
    row = photo_store.get(db.session, photo_id, owner_id=user.id)
    if row is None or row.verdict == "fail":
        abort(404)
    if card_application.load(db.session, user.id).get("route"):
        card_application.update(db.session, user.id, {"photo_id": row.id})
        db.session.commit()
        return redirect_to(url_for("application.resume"))
    return redirect_to(url_for("photo.chosen", photo_id=row.id))


@bp.get("/<string:photo_id>")
@login_required
def chosen(photo_id: str) -> str:
    row = photo_store.get(db.session, photo_id, owner_id=require_user().id)
    if row is None:
        abort(404)
    return render_template("pages/photo/chosen.html", photo=row, report=photo_store.report(row))


def _result(checked: photos.CheckedPhoto | None, *, error: str | None, status: int) -> Response:
    response = render_page_or_fragment(
        "pages/photo/take.html",
        "partials/photo/result.html",
        status=status,
        result=checked,
        error=error,
        in_fragment=wants_fragment(),
    )
    return response


def _file(photo_id: str, *, overlay: bool) -> Response:
    user = require_user()
    row = photo_store.get(db.session, photo_id, owner_id=user.id)
    blob_id = (row.overlay_blob_id if overlay else row.blob_id) if row else None
    stored = blobs.get(db.session, blob_id, owner_id=user.id) if blob_id else None
    if stored is None:
        abort(404)
    name = "id-photo-checks.jpg" if overlay else "id-photo.jpg"
    return downloads.download(stored.data, stored.media_type, name)


def _head_and_size(stream: IO[bytes]) -> tuple[bytes, int]:
    """The first bytes and the length, read without loading or decoding the file."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    return head, size


def _upload_message(problem: UploadProblem) -> str:
    messages: dict[UploadProblem, str] = {
        UploadProblem.MISSING: _("Select a photo of your face"),
        UploadProblem.EMPTY: _("The selected file is empty"),
        UploadProblem.TOO_LARGE: _(
            "The selected file must be smaller than 7 MB. Take the photo again at a lower"
            " resolution, or send a smaller copy"
        ),
        UploadProblem.NOT_JPEG: _(
            "The selected file must be a JPG. On an iPhone, set Camera > Formats to"
            " Most Compatible, or take the photo here"
        ),
    }
    return messages[problem]
