"""Documents a journey wants signed with the card: stored encrypted, digested here.

The agent signs only the SHA-256 digest the server computed from these bytes; the page and the
agent never supply a digest of their own.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy.orm import Session

from app.services.card_sessions import RelayError
from app.storage import blobs
from app.storage.cipher import cipher
from app.storage.models import RelayDocument, RelayJob

DISPLAY_CONTEXT = b"relay_documents.display"


def register_document(
    session: Session,
    *,
    data: bytes,
    media_type: str,
    title: str,
    lines: list[str],
    session_key: str,
    owner_id: str | None = None,
) -> RelayDocument:
    """Keep the canonical bytes and the summary the agent shows; returns the document row."""
    blob_id = blobs.put(
        session, data, kind="signed-document", media_type=media_type, owner_id=owner_id
    )
    display = json.dumps({"title": title, "lines": lines}, ensure_ascii=False).encode()
    document = RelayDocument(
        session_key=session_key,
        blob_id=blob_id,
        digest=hashlib.sha256(data).digest(),
        display_enc=cipher().encrypt(display, context=DISPLAY_CONTEXT),
    )
    session.add(document)
    session.commit()
    return document


def display_of(document: RelayDocument) -> dict[str, object]:
    return json.loads(cipher().decrypt(document.display_enc, context=DISPLAY_CONTEXT))  # type: ignore[no-any-return]


def digest_of_document(session: Session, document_id: str | None) -> bytes | None:
    """The SHA-256 the card signs for a registered document, or None if there is none."""
    document = session.get(RelayDocument, document_id or "")
    return document.digest if document is not None else None


def document_of_job(session: Session, job: RelayJob) -> RelayDocument:
    """The document a signing job signs; `RelayError` UNKNOWN_DOCUMENT (404) when it is gone."""
    document = session.get(RelayDocument, job.document_id or "")
    if document is None:
        raise RelayError("UNKNOWN_DOCUMENT", 404)
    return document
