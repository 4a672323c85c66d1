"""The one way a stored file leaves the server: as a download, never rendered inline.

Uploaded files (photos, overlays, attachments) and the PDFs made from them are sent with
`Content-Disposition: attachment`, so opening a link saves the file instead of letting the
browser decode it in the page (a 30000 x 30000 PNG would otherwise be a decompression bomb
for the resident's or the office's browser). `<img src>` still shows images on our pages:
the header only changes what a navigation to the file does. `nosniff` is set for every
response in `app/security.py`.
"""

from __future__ import annotations

from io import BytesIO

from flask import Response, send_file


def download(data: bytes, media_type: str, name: str) -> Response:
    """`data` as a file to save, named `name` (non-ASCII names are encoded per RFC 6266)."""
    return send_file(BytesIO(data), mimetype=media_type, as_attachment=True, download_name=name)
