"""Files over HTTP: the one way an upload is read from a form, and the one way a stored
file leaves the server: as a download, never rendered inline.

Uploaded files (photos, overlays, attachments) and the PDFs made from them are sent with
`Content-Disposition: attachment`, so opening a link saves the file instead of letting the
browser decode it in the page (a 30000 x 30000 PNG would otherwise be a decompression bomb
for the resident's or the office's browser). `<img src>` still shows images on our pages:
the header only changes what a navigation to the file does. `nosniff` is set for every
response in `app/security.py`.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

from flask import Response, abort, request, send_file

from app.domain.files import EXTENSIONS

if TYPE_CHECKING:
    from app.services.uploads import Upload
    from app.storage.blobs import StoredFile


def received(field: str) -> Upload:
    """The form field's file as (the name the browser gave, the bytes), None when no file
    was chosen (browsers send an empty part with no name)."""
    upload = request.files.get(field)
    if upload is None or not upload.filename:
        return None
    return upload.filename, upload.read()


def download(data: bytes, media_type: str, name: str) -> Response:
    """`data` as a file to save, named `name` (non-ASCII names are encoded per RFC 6266)."""
    return send_file(BytesIO(data), mimetype=media_type, as_attachment=True, download_name=name)


def send_blob(stored: StoredFile | None, *, name: str, stem: bool = False) -> Response:
    """A stored file as a download, 404 when there is none (missing, or someone else's).

    `stem=True` takes `name` without its extension and adds the one the content has (the
    office's `<reference>-<kind>.pdf`); otherwise `name` is used as it is.
    """
    if stored is None:
        abort(404)
    if stem:
        name = f"{name}.{EXTENSIONS.get(stored.media_type, 'bin')}"
    return download(stored.data, stored.media_type, name)
