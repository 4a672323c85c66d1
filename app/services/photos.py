"""The photo step: check an upload with `photo_checks`; keep it only when it is used.

A check keeps nothing: the report and the overlay go back in the response (the overlay as
a `data:` URL), and the upload is gone when the request ends. Only "Use this photo", by a
signed-in user, stores the photo (metadata stripped, encrypted) with its overlay and
report; the browser sends the same file again for it, and it is checked again, since what
a browser sends cannot be trusted to be what was checked before.

The upload is decoded once per request: the working copy the checks ran on is the one the
overlay is drawn on. Each account keeps a bounded number of photos: after a new one is
stored, the oldest beyond the limit are deleted, except a photo an application uses (sent,
or chosen in the draft) and the newest one that passed (the dashboard counts it).
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.domain import files
from app.extensions import db
from app.services import card_application
from app.services.errors import ServiceError, found
from app.storage import blobs, photos
from photo_checks import PhotoError, check_and_decode, render_overlay, strip_metadata


@dataclass(frozen=True)
class CheckedPhoto:
    """What one check gives back: the report, the overlay JPEG (None when the photo could
    not be decoded) and the server time it took."""

    report: dict[str, Any]
    overlay: bytes | None
    server_ms: float

    @property
    def usable(self) -> bool:
        """The photo decoded and nothing in it needs a retake."""
        return self.overlay is not None and self.report.get("verdict") != "fail"

    @property
    def overlay_url(self) -> str | None:
        """The overlay inline (`data:`, allowed by the CSP's img-src): nothing to fetch, so
        nothing has to be kept on the server for the page to show it."""
        if self.overlay is None:
            return None
        return "data:image/jpeg;base64," + base64.b64encode(self.overlay).decode("ascii")


@dataclass(frozen=True)
class UsedPhoto:
    """A photo stored by "Use this photo"; `for_application` when the draft now uses it."""

    photo_id: str
    for_application: bool


@dataclass(frozen=True)
class ChosenPhoto:
    photo_id: str
    report: dict[str, Any]


class NotUsable(ServiceError):
    """ "Use this photo" for a photo that needs a retake (or could not be read): nothing kept."""

    status = 422

    def __init__(self, checked: CheckedPhoto) -> None:
        super().__init__("the photo needs a retake")
        self.checked = checked


def refuse(head: bytes, size: int) -> files.FileProblem | None:
    """Refuse by size and content type before anything decodes the file (`files.PHOTO`)."""
    return files.head_problem(head, size, files.PHOTO)


def check(data: bytes) -> CheckedPhoto:
    """Run the checks and draw the overlay; nothing is stored."""
    started = time.perf_counter()
    report, decoded = check_and_decode(data)
    as_dict = report.to_dict()
    as_dict.pop("file", None)
    overlay = render_overlay(decoded, report) if decoded is not None else None
    return CheckedPhoto(as_dict, overlay, (time.perf_counter() - started) * 1000)


def use(owner_id: str, data: bytes, *, keep: int) -> UsedPhoto:
    """Check the photo again and, when usable, store it without its metadata.

    The application draft, when one is in progress, takes it as its photo. `keep` is how
    many photos the account keeps (see `prune`).

    Raises:
        NotUsable: the photo needs a retake or cannot be read; nothing is stored.
    """
    checked = check(data)
    if not checked.usable:
        raise NotUsable(checked)
    try:
        stripped = strip_metadata(data)
    except PhotoError as error:
        raise NotUsable(checked) from error
    with db.transaction() as session:
        row = photos.add(
            session,
            owner_id,
            photo=stripped,
            overlay=checked.overlay,
            verdict=str(checked.report["verdict"]),
            report=checked.report,
        )
        for_application = bool(card_application.load(session, owner_id).get("route"))
        if for_application:
            card_application.update(session, owner_id, {"photo_id": row.id})
        prune(session, owner_id, keep=keep, also_keep={row.id})
    return UsedPhoto(row.id, for_application)


def chosen(owner_id: str, photo_id: str) -> ChosenPhoto:
    """The owner's stored photo and its report.

    Raises:
        NotFound: no such photo, or someone else's.
    """
    row = found(photos.get(db.session, photo_id, owner_id=owner_id))
    return ChosenPhoto(row.id, photos.report(row))


def stored_file(owner_id: str, photo_id: str, *, overlay: bool) -> blobs.StoredFile:
    """The owner's stored photo (metadata removed) or its overlay.

    Raises:
        NotFound: no such photo or file, or someone else's.
    """
    row = photos.get(db.session, photo_id, owner_id=owner_id)
    blob_id = (row.overlay_blob_id if overlay else row.blob_id) if row else None
    return found(blobs.get(db.session, blob_id, owner_id=owner_id) if blob_id else None)


def prune(session: Session, owner_id: str, *, keep: int, also_keep: set[str]) -> None:
    """Delete the user's oldest photos beyond the newest `keep`; the caller commits.

    Never deleted: a photo a sent application or the application draft uses, the newest
    photo that passed, and `also_keep`. Not covered: an old photo chosen ("Use this photo")
    in another tab between this read of the draft and the commit; the draft would then
    point at a deleted photo. Closing that needs the drafts' concurrency control (M1).
    """
    rows = photos.for_owner(session, owner_id)
    if len(rows) <= keep:
        return
    used = photos.sent_with_applications(session, owner_id)
    used.add(str(card_application.load(session, owner_id).get("photo_id", "")))
    newest_passed = next((row.id for row in rows if row.verdict != "fail"), "")
    protected = used | also_keep | {newest_passed}
    oldest_first = [row for row in reversed(rows) if row.id not in protected]
    photos.delete_all(session, oldest_first[: len(rows) - keep])
