"""NHI attachments: image headers judged before storing (L5), files sent as downloads, and a
bounded number of stored files per account, with the ones nothing lists cleaned up (M4)."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import func, select

from app.domain.files import DOCUMENT
from app.extensions import db
from app.services import nhi_attachments
from app.storage import blobs
from app.storage.models import Blob, User
from tests.app.nhi import helpers
from tests.app.nhi.test_office import _sent, _staff
from tests.helpers import crafted_images as crafted
from tests.helpers.client import PageClient


def _png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def _stored(app: Flask) -> int:
    with app.app_context():
        query = select(func.count()).select_from(Blob).where(Blob.kind == nhi_attachments.KIND)
        return db.session.scalar(query) or 0


@pytest.mark.parametrize(
    "data",
    [crafted.png_bomb(), crafted.with_frame_size(helpers.jpeg_with_gps(), 30_000, 30_000)],
    ids=["png-30000x30000", "jpeg-30000x30000"],
)
def test_an_image_over_the_pixel_cap_is_refused_before_it_is_stored(
    signed_in: PageClient, app: Flask, data: bytes
) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    response = helpers.upload(signed_in, data, "scan.png")
    assert response.status_code == 422
    assert "too large (over 72 megapixels)" in response.get_data(as_text=True)
    assert _stored(app) == 0


def test_a_document_is_sent_to_the_resident_as_a_download(signed_in: PageClient) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    assert helpers.upload(signed_in, _png(), "保険証.png").status_code == 303
    page = signed_in.get_page("/nhi/application/documents")
    response = signed_in.get(page.select_one(".nhi-files a")["href"])
    assert response.data.startswith(b"\x89PNG")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''%E4%BF%9D" in disposition


def test_documents_are_sent_to_the_office_as_downloads(app: Flask, signed_in: PageClient) -> None:
    enrolment = _sent(signed_in)  # with a PDF and a JPEG attached
    staff = _staff(app)
    links = staff.get_page(f"/office/nhi/{enrolment}").select("a[href*='/files/']")
    dispositions = [staff.get(link["href"]).headers["Content-Disposition"] for link in links]
    assert len(dispositions) >= 2
    assert all(d.startswith("attachment;") for d in dispositions)


def test_files_no_draft_or_enrolment_lists_are_deleted(signed_in: PageClient, app: Flask) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    with app.app_context():  # left behind, e.g. by two tabs adding files at the same time
        owner = db.session.scalars(select(User)).one()
        for _ in range(12):
            blobs.put(
                db.session,
                helpers.MINIMAL_PDF,
                kind=nhi_attachments.KIND,
                media_type="application/pdf",
                owner_id=owner.id,
            )
        db.session.commit()
    assert helpers.upload(signed_in, helpers.MINIMAL_PDF, "loss.pdf").status_code == 303
    assert _stored(app) == 1


def test_unsent_attachments_are_capped_per_account(signed_in: PageClient, app: Flask) -> None:
    signed_in.get_page("/nhi/application?lang=en")
    for number in range(nhi_attachments.MAX_FILES):
        assert helpers.upload(signed_in, _png(), f"{number}.png").status_code == 303
    refused = helpers.upload(signed_in, _png(), "one-more.png")
    assert refused.status_code == 422
    assert "up to 10 files" in refused.get_data(as_text=True)
    assert _stored(app) == nhi_attachments.MAX_FILES


def test_a_document_over_the_one_document_limit_is_refused_with_that_limit(
    signed_in: PageClient, app: Flask
) -> None:
    """NHI took 10 MB and the cancellation 5 MB; every document now has the stricter limit,
    and the page says the limit the check used (the hint too)."""
    signed_in.get_page("/nhi/application?lang=en")
    big = b"%PDF-1.7\n" + b"0" * DOCUMENT.max_bytes
    response = helpers.upload(signed_in, big, "scan.pdf")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"must be smaller than {DOCUMENT.megabytes} MB" in page
    assert f"Up to {DOCUMENT.megabytes} MB each." in page
    assert _stored(app) == 0
