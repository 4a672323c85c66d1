"""The photo step: checks swapped in place (kept nowhere), refusals before decoding, and
"Use this photo", which alone stores the photo, encrypted and without metadata."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import func, select

from app.extensions import db
from app.storage.models import Blob, Photo
from tests.app.test_apply_application import STEPS, answer_steps, begin
from tests.conftest import build_app
from tests.helpers import crafted_images as crafted
from tests.helpers import portraits
from tests.helpers.client import PageClient
from tests.helpers.html import check_page
from tests.photo_checks import cases


def upload(client: PageClient, data: bytes, *, htmx: bool = True, name: str = "me.jpg"):
    return client.post(
        "/photo/check?lang=en",
        {"photo": (io.BytesIO(data), name, "image/jpeg")},
        htmx_target="photo-result" if htmx else None,
        content_type="multipart/form-data",
    )


def use(client: PageClient, data: bytes, *, htmx: bool = False):  # type: ignore[no-untyped-def]
    """Press "Use this photo": the photo form is sent again, to the use route."""
    return client.post(
        "/photo/use?lang=en",
        {"photo": (io.BytesIO(data), "me.jpg", "image/jpeg")},
        htmx_target="photo-result" if htmx else None,
        content_type="multipart/form-data",
    )


def used_id(response) -> str:  # type: ignore[no-untyped-def]
    """The id of the photo a use stored (it redirects to the photo's page)."""
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return str(response.headers["Location"]).split("/")[2]


def overlay_of(soup) -> bytes:  # type: ignore[no-untyped-def]
    src = str(soup.select_one("img.photo-preview")["src"])
    assert src.startswith("data:image/jpeg;base64,")
    return base64.b64decode(src.split(",", 1)[1])


def with_gps(data: bytes) -> bytes:
    image = Image.open(io.BytesIO(data))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 26.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def test_guidance_page_is_public_and_says_what_to_do(client: PageClient) -> None:
    text = client.get_page("/photo/?lang=en").get_text()
    assert "plain light wall" in text and "3-second timer" in text


def test_capture_page_is_public_with_the_camera_and_the_plain_file_input(
    client: PageClient,
) -> None:
    soup = client.get_page("/photo/take?lang=en")
    field = soup.select_one("input#photo[type=file]")
    assert field["accept"] == "image/jpeg" and field.has_attr("capture")
    assert soup.select_one("[data-module=photo-camera] video") is not None
    assert soup.select_one("progress#upload-progress") is not None
    assert soup.select_one("#photo-form")["hx-target"] == "#photo-result"


def test_a_good_photo_passes_and_the_result_swaps_in_place(
    signed_in: PageClient, app: Flask
) -> None:
    response = upload(signed_in, portraits.id_photo())
    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True), fragment=True)
    assert soup.select_one("body > *")["id"] == "photo-result"
    assert soup.select_one("[data-verdict]")["data-verdict"] == "pass"
    assert overlay_of(soup)[:3] == b"\xff\xd8\xff"  # inline: nothing to fetch, nothing kept
    button = soup.select_one("button[formaction]")
    assert button.get_text(strip=True) == "Use this photo"
    # It sends the photo form (the file still chosen) again, to the use route.
    assert button["form"] == "photo-form" and button["formaction"] == "/photo/use"
    assert "total;dur=" in response.headers["Server-Timing"]
    assert _count(app, Photo) == 0 and _count(app, Blob) == 0


def test_anyone_can_check_a_photo_and_nothing_is_kept(client: PageClient, app: Flask) -> None:
    response = upload(client, with_gps(portraits.id_photo()))
    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True), fragment=True)
    assert soup.select_one("[data-verdict]")["data-verdict"] == "pass"
    assert b"TestCam" not in overlay_of(soup)
    assert soup.select_one("button[formaction]") is None  # no account: nothing to use it for
    sign_in = soup.select_one("a[href^='/sign-in']")
    assert sign_in is not None and "next=" in sign_in["href"]
    assert _count(app, Photo) == 0 and _count(app, Blob) == 0


def test_without_javascript_the_check_page_says_how_to_use_the_photo(
    signed_in: PageClient,
) -> None:
    soup = check_page(upload(signed_in, portraits.id_photo(), htmx=False).get_data(as_text=True))
    assert soup.select_one("input#photo[type=file]") is not None  # the form, to choose it again
    button = soup.select_one("button[formaction='/photo/use']")
    assert "choose the same photo again" in soup.select_one(f"#{button['aria-describedby']}").text


def test_using_a_photo_stores_it_and_shows_it(signed_in: PageClient, app: Flask) -> None:
    photo_id = used_id(use(signed_in, portraits.id_photo()))
    assert _count(app, Photo) == 1
    soup = signed_in.get_page(f"/photo/{photo_id}?lang=en")
    assert soup.select_one("img.photo-preview")["src"] == f"/photo/{photo_id}/photo.jpg"
    htmx = use(signed_in, portraits.id_photo(), htmx=True)
    assert htmx.status_code == 204 and htmx.headers["HX-Redirect"].startswith("/photo/")


def test_a_photo_that_needs_a_retake_cannot_be_used(signed_in: PageClient, app: Flask) -> None:
    response = use(signed_in, portraits.too_close(), htmx=True)
    assert response.status_code == 422
    soup = check_page(response.get_data(as_text=True), fragment=True)
    assert soup.select_one("[data-verdict]")["data-verdict"] == "fail"
    assert soup.select_one("button[formaction]") is None  # only "Take it again"
    assert _count(app, Photo) == 0 and _count(app, Blob) == 0


def test_using_a_photo_needs_an_account(client: PageClient, app: Flask) -> None:
    assert use(client, portraits.id_photo()).status_code == 401
    assert _count(app, Photo) == 0


def test_a_too_close_selfie_is_refused_with_the_problem_drawn(signed_in: PageClient) -> None:
    response = upload(signed_in, portraits.too_close())
    soup = check_page(response.get_data(as_text=True), fragment=True)
    assert soup.select_one("[data-verdict]")["data-verdict"] == "fail"
    problems = soup.select_one(".photo-problems").get_text()
    assert "Must fix:" in problems
    assert soup.select_one("button[formaction]") is None  # only "Take it again"
    assert overlay_of(soup)[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    ("lang", "legend_words", "must_fix"),
    [("en", "White frame", "Must fix:"), ("ja", "白い枠", "要修正")],
)
def test_problems_are_a_numbered_list_with_a_legend_in_the_page_language(
    signed_in: PageClient, lang: str, legend_words: str, must_fix: str
) -> None:
    response = signed_in.post(
        f"/photo/check?lang={lang}",
        {"photo": (io.BytesIO(portraits.too_close()), "me.jpg", "image/jpeg")},
        htmx_target="photo-result",
        content_type="multipart/form-data",
    )
    soup = check_page(response.get_data(as_text=True), fragment=True)
    items = soup.select("ol.photo-problems > li")
    assert items and [li["value"] for li in items] == [str(i + 1) for i in range(len(items))]
    assert must_fix in items[0].get_text()
    legend = soup.select_one(".photo-legend")
    assert legend is not None and legend_words in legend.get_text()
    # The legend is on the page, not only in the image's alt text.
    assert legend_words not in soup.select_one("img.photo-preview")["alt"]
    assert not any("_" in li.get_text() for li in items)  # no code names


def test_the_stored_photo_is_encrypted_and_has_no_metadata(
    signed_in: PageClient, app: Flask
) -> None:
    original = with_gps(portraits.id_photo())
    assert b"TestCam" in original
    photo_id = used_id(use(signed_in, original))
    downloaded = signed_in.get(f"/photo/{photo_id}/photo.jpg").data
    assert b"TestCam" not in downloaded and b"Exif" not in downloaded[:200]
    with app.app_context():
        raw = db.session.scalars(select(Blob.data_enc).where(Blob.kind == "photo")).one()
    assert b"\xff\xd8\xff" not in raw[:16] and b"JFIF" not in raw


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 30_000, "must be a JPG"),
        (b"", "The selected file is empty"),
        (b"\xff\xd8\xff" + b"0" * 7_000_001, "smaller than 7 MB"),
    ],
    ids=["png", "empty", "over-7mb"],
)
def test_size_and_type_are_refused_before_decoding(
    signed_in: PageClient, app: Flask, data: bytes, message: str
) -> None:
    response = upload(signed_in, data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Photo)).first() is None  # nothing stored


def test_no_file_without_javascript_shows_the_error_summary(signed_in: PageClient) -> None:
    response = signed_in.post("/photo/check?lang=en", {}, content_type="multipart/form-data")
    assert response.status_code == 422
    soup = check_page(response.get_data(as_text=True))
    assert soup.select_one("title").get_text().startswith("Error:")
    assert soup.select_one(".error-summary a")["href"] == "#photo"


def test_over_the_app_wide_cap_gets_a_clear_page(signed_in: PageClient) -> None:
    response = upload(signed_in, b"\xff\xd8\xff" + b"0" * (17 * 1024 * 1024), htmx=False)
    assert response.status_code == 413


def test_a_failed_upload_keeps_the_photo_already_chosen(signed_in: PageClient) -> None:
    used_id(use(signed_in, portraits.id_photo()))
    assert use(signed_in, b"not a photo at all, just text" * 1000).status_code == 422
    soup = signed_in.get_page("/dashboard?lang=en")
    statuses = [s.get_text(strip=True) for s in soup.select(".task-list__status")]
    assert statuses[1] == "Completed"  # the photo that passed still counts


def test_photos_belong_to_their_owner(signed_in: PageClient, app: Flask) -> None:
    photo_id = used_id(use(signed_in, portraits.id_photo()))
    other = PageClient(app)
    other.sign_up("Taro")
    for path in ("", "/photo.jpg", "/overlay.jpg"):
        assert signed_in.get(f"/photo/{photo_id}{path}").status_code == 200
        assert other.get(f"/photo/{photo_id}{path}").status_code == 404


def _count(app: Flask, model: type, *where: object) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_an_upload_is_decoded_once_for_the_checks_and_the_overlay(
    signed_in: PageClient, pillow_decodes: list[tuple[int, int]]
) -> None:
    response = upload(signed_in, portraits.id_photo())
    assert response.status_code == 200 and overlay_of(check_page(response.data, fragment=True))
    assert pillow_decodes == [(720, 960)]
    used_id(use(signed_in, portraits.id_photo()))
    assert pillow_decodes == [(720, 960)] * 2


def test_the_reported_scan_bomb_is_refused_before_decoding(
    signed_in: PageClient, app: Flask, pillow_decodes: list[tuple[int, int]]
) -> None:
    response = upload(signed_in, crafted.scan_bomb())
    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True), fragment=True)
    assert soup.select_one("[data-verdict]")["data-verdict"] == "fail"
    assert "cannot be read" in soup.select_one(".photo-problems").get_text()
    assert pillow_decodes == []
    assert _count(app, Photo) == 0  # nothing decoded, nothing kept


def test_a_photo_too_costly_to_check_says_so_in_japanese_and_english(
    signed_in: PageClient, pillow_decodes: list[tuple[int, int]]
) -> None:
    data = crafted.with_last_scan_repeated(crafted.progressive_jpeg(600, 800), 40)
    english = upload(signed_in, data).get_data(as_text=True)
    assert "would take too long or too much memory to check" in english
    japanese = signed_in.post(
        "/photo/check?lang=ja",
        {"photo": (io.BytesIO(data), "me.jpg", "image/jpeg")},
        htmx_target="photo-result",
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "時間やメモリがかかりすぎる" in japanese
    assert pillow_decodes == []


def test_the_overlay_does_not_carry_the_uploaded_comment(signed_in: PageClient) -> None:
    data = crafted.with_comment(portraits.id_photo(), b"uploaded by Hanako at home")
    shown = overlay_of(check_page(upload(signed_in, data).data, fragment=True))
    assert shown.startswith(b"\xff\xd8") and b"Hanako" not in shown
    photo_id = used_id(use(signed_in, data))
    overlay = signed_in.get(f"/photo/{photo_id}/overlay.jpg")
    assert overlay.status_code == 200 and overlay.data.startswith(b"\xff\xd8")
    assert b"Hanako" not in overlay.data
    photo = signed_in.get(f"/photo/{photo_id}/photo.jpg")
    assert b"Hanako" not in photo.data


def test_photo_files_are_sent_as_downloads(signed_in: PageClient) -> None:
    photo_id = used_id(use(signed_in, portraits.id_photo()))
    for name in ("photo.jpg", "overlay.jpg"):
        response = signed_in.get(f"/photo/{photo_id}/{name}")
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture
def keeps_three(tmp_path: Path) -> Iterator[Flask]:
    application = build_app(tmp_path, PHOTOS_KEPT_PER_USER=3)
    yield application
    db.engine_for(application).dispose()


def test_an_account_keeps_only_its_newest_photos(keeps_three: Flask) -> None:
    client = PageClient(keeps_three)
    client.sign_up("Hanako")
    ids = [used_id(use(client, portraits.id_photo())) for _ in range(5)]
    assert _count(keeps_three, Photo) == 3
    assert _count(keeps_three, Blob, Blob.kind.in_(("photo", "photo-overlay"))) == 6
    assert [client.get(f"/photo/{i}/overlay.jpg").status_code for i in ids] == [404] * 2 + [200] * 3


def test_photos_an_application_uses_and_the_last_pass_are_kept(keeps_three: Flask) -> None:
    client = PageClient(keeps_three)
    client.sign_up("Hanako")
    begin(client)
    answer_steps(client, STEPS)
    assert use(client, portraits.id_photo()).headers["Location"] == "/apply/application/continue"
    shown = client.get_page("/apply/application/check?lang=en").select_one("img.photo-preview")
    sent = str(shown["src"]).split("/")[2]
    assert client.post("/apply/application/send").status_code == 303
    later = [used_id(use(client, portraits.id_photo())) for _ in range(4)]
    kept = [i for i in [sent, *later] if client.get(f"/photo/{i}").status_code == 200]
    assert kept == [sent, *later[-2:]]  # sent with an application, then the newest
    statuses = [
        s.get_text(strip=True)
        for s in client.get_page("/dashboard?lang=en").select(".task-list__status")
    ]
    assert statuses[1] == "Completed"


@pytest.fixture
def limited(tmp_path: Path) -> Iterator[Flask]:
    application = build_app(tmp_path, RATELIMIT_ENABLED=True, RATELIMIT_PHOTO_CHECK="2 per minute")
    yield application
    db.engine_for(application).dispose()


def test_photo_checks_are_rate_limited_per_account(limited: Flask) -> None:
    first, second = PageClient(limited), PageClient(limited)
    first.sign_up("Hanako")
    second.sign_up("Taro")
    not_a_photo = b"not a photo" * 100
    assert [upload(first, not_a_photo).status_code, use(first, not_a_photo).status_code] == [
        422,
        422,
    ]
    refused = use(first, portraits.id_photo())  # a use checks again: the same quota
    assert refused.status_code == 429
    assert "Wait a few minutes" in refused.get_data(as_text=True)
    assert _count(limited, Photo) == 0
    assert upload(second, not_a_photo).status_code == 422  # another account is not held back


def test_checks_without_an_account_are_rate_limited_per_address(limited: Flask) -> None:
    here, elsewhere = PageClient(limited), PageClient(limited)
    not_a_photo = b"not a photo" * 100
    assert [upload(here, not_a_photo).status_code for _ in range(2)] == [422, 422]
    assert upload(elsewhere, not_a_photo).status_code == 429  # same address, no account
    other = {"environ_base": {"REMOTE_ADDR": "192.0.2.7"}}
    response = elsewhere.post(
        "/photo/check?lang=en",
        {"photo": (io.BytesIO(not_a_photo), "me.jpg", "image/jpeg")},
        content_type="multipart/form-data",
        **other,
    )
    assert response.status_code == 422


def test_the_legend_explains_the_tinted_background_only_when_there_is_one(
    client: PageClient,
) -> None:
    busy = cases.jpeg(cases.DEFECTS["busy_background"][0]())
    legends = [
        check_page(upload(client, data).data, fragment=True).select_one(".photo-legend").text
        for data in (busy, portraits.id_photo())
    ]
    assert "Tinted area" in legends[0] and "Tinted area" not in legends[1]
