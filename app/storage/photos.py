"""ID photos: the stripped file and its overlay as encrypted blobs, the report encrypted."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.storage import blobs
from app.storage.cipher import cipher
from app.storage.models import Blob, CardApplication, Photo

REPORT_CONTEXT = b"photos.report"


def add(
    session: Session,
    owner_id: str,
    *,
    photo: bytes,
    overlay: bytes | None,
    verdict: str,
    report: dict[str, Any],
) -> Photo:
    """Store a checked photo; the caller commits."""
    blob_id = blobs.put(session, photo, kind="photo", media_type="image/jpeg", owner_id=owner_id)
    overlay_id = None
    if overlay is not None:
        overlay_id = blobs.put(
            session, overlay, kind="photo-overlay", media_type="image/jpeg", owner_id=owner_id
        )
    row = Photo(
        owner_id=owner_id,
        blob_id=blob_id,
        overlay_blob_id=overlay_id,
        verdict=verdict,
        report_enc=cipher().encrypt(
            json.dumps(report, ensure_ascii=False).encode(), context=REPORT_CONTEXT
        ),
    )
    session.add(row)
    session.flush()
    return row


def get(session: Session, photo_id: str, *, owner_id: str | None = None) -> Photo | None:
    """The photo, or None when missing or (with `owner_id`) someone else's."""
    row = session.get(Photo, photo_id)
    if row is None or (owner_id is not None and row.owner_id != owner_id):
        return None
    return row


def report(row: Photo) -> dict[str, Any]:
    return json.loads(cipher().decrypt(row.report_enc, context=REPORT_CONTEXT))  # type: ignore[no-any-return]


def has_passed(session: Session, owner_id: str) -> bool:
    """True once any photo of the user's had no problem that needs a retake."""
    query = select(Photo.id).where(Photo.owner_id == owner_id, Photo.verdict != "fail")
    return session.scalars(query.limit(1)).first() is not None


def for_owner(session: Session, owner_id: str) -> list[Photo]:
    """The user's photos, newest first."""
    query = select(Photo).where(Photo.owner_id == owner_id)
    return list(session.scalars(query.order_by(Photo.created_at.desc(), Photo.id)))


def sent_with_applications(session: Session, owner_id: str) -> set[str]:
    """Ids of the user's photos that a sent card application refers to."""
    query = select(CardApplication.photo_id).where(
        CardApplication.user_id == owner_id, CardApplication.photo_id.is_not(None)
    )
    return {photo_id for photo_id in session.scalars(query) if photo_id}


def delete_all(session: Session, rows: list[Photo]) -> None:
    """Delete these photos and their files (photo and overlay); the caller commits."""
    if not rows:
        return
    files = {row.blob_id for row in rows}
    files |= {row.overlay_blob_id for row in rows if row.overlay_blob_id}
    session.execute(delete(Photo).where(Photo.id.in_([row.id for row in rows])))
    session.execute(delete(Blob).where(Blob.id.in_(files)))
