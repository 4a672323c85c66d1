"""Named test photos: each builder makes the bytes of one photo that proves one thing."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import numpy as np
from PIL import Image, ImageFilter

from tests.photo_checks.portraits import (
    Placement,
    busy_background,
    compose,
    good_photo,
    jpeg,
    plain_background,
)

W, H = 720, 960


def _scaled(factor: float) -> Image.Image:
    """The good photo with every pixel multiplied (under- or over-exposure)."""
    arr = np.asarray(good_photo()).astype(np.float64) * factor
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _half_lit(left_gain: float) -> Image.Image:
    """The good photo with its left half darkened, as by light from one side."""
    arr = np.asarray(good_photo()).astype(np.float64)
    arr[:, : W // 2] *= left_gain
    return Image.fromarray(arr.astype(np.uint8))


def _shadowed_wall() -> Image.Image:
    wall = np.asarray(plain_background((W, H))).astype(np.float64)
    wall[:, W // 2 :] *= 0.72
    return compose(Image.fromarray(wall.astype(np.uint8)), Placement(W / 2, 120, 480))


def _two_people() -> Image.Image:
    first = compose(plain_background((1200, 900)), Placement(330, 150, 400))
    return compose(first, Placement(870, 150, 400))


def _face_poster_behind() -> Image.Image:
    poster = compose(plain_background((W, H)), Placement(0.86 * W, 0.04 * H, 0.12 * H))
    return compose(poster, Placement(W / 2, 120, 480))


def _plain(placement: Placement, size: tuple[int, int] = (W, H), roll: float = 0.0) -> Image.Image:
    return compose(plain_background(size), placement, roll=roll)


# name -> (builder, expected code, expected severity)
DEFECTS: dict[str, tuple[Callable[[], Image.Image], str, str]] = {
    "busy_background": (
        lambda: compose(busy_background((W, H)), Placement(W / 2, 120, 480)),
        "background_not_plain",
        "fail",
    ),
    "selfie_too_close": (lambda: _plain(Placement(W / 2, 20, 0.86 * H)), "too_close", "fail"),
    "cut_off_top": (lambda: _plain(Placement(W / 2, -0.12 * H, 0.55 * H)), "face_cut_off", "fail"),
    "cut_off_bottom": (
        lambda: _plain(Placement(W / 2, 0.55 * H, 0.5 * H)),
        "face_cut_off",
        "fail",
    ),
    "cut_off_left": (
        lambda: _plain(Placement(0.12 * W, 0.15 * H, 0.45 * H)),
        "face_cut_off",
        "fail",
    ),
    "cut_off_right": (
        lambda: _plain(Placement(0.88 * W, 0.15 * H, 0.45 * H)),
        "face_cut_off",
        "fail",
    ),
    "no_room_above": (lambda: _plain(Placement(W / 2, 12, 0.6 * H)), "no_room_above_head", "fail"),
    "no_room_below": (
        lambda: _plain(Placement(W / 2, 0.42 * H, 0.52 * H)),
        "no_room_below_chin",
        "fail",
    ),
    "shrunk_far_away": (
        lambda: _plain(Placement(600, 500, 0.15 * 1600), (1200, 1600)),
        "too_far",
        "fail",
    ),
    "rather_far": (
        lambda: _plain(Placement(600, 500, 0.25 * 1600), (1200, 1600)),
        "too_far",
        "warn",
    ),
    "tilted_12_degrees": (
        lambda: _plain(Placement(W / 2, 120, 480), roll=12),
        "head_tilted",
        "fail",
    ),
    "tilted_minus_12": (
        lambda: _plain(Placement(W / 2, 120, 480), roll=-12),
        "head_tilted",
        "fail",
    ),
    "tilted_5_degrees": (lambda: _plain(Placement(W / 2, 120, 480), roll=5), "head_tilted", "warn"),
    "crop_like_off_center": (
        lambda: _plain(Placement(290, 0.09 * 900, 0.75 * 900), (700, 900)),
        "off_center",
        "fail",
    ),
    "blurred_lightly": (lambda: good_photo().filter(ImageFilter.GaussianBlur(2)), "blurry", "warn"),
    "blurred": (lambda: good_photo().filter(ImageFilter.GaussianBlur(4)), "blurry", "fail"),
    "darkened": (lambda: _scaled(0.25), "too_dark", "fail"),
    "rather_dark": (lambda: _scaled(0.4), "too_dark", "warn"),
    "overexposed": (lambda: _scaled(1.5), "too_bright", "fail"),
    "side_lit": (lambda: _half_lit(0.4), "uneven_lighting", "fail"),
    "side_lit_softly": (lambda: _half_lit(0.55), "uneven_lighting", "warn"),
    "doubled": (_two_people, "multiple_faces", "fail"),
    # A poster behind the person is an object in the background: J-LIS refuses it.
    "face_poster_behind": (_face_poster_behind, "background_not_plain", "fail"),
    "shadow_on_wall": (_shadowed_wall, "background_shadow", "fail"),
    "dark_wall": (
        lambda: compose(plain_background((W, H), 90, 80), Placement(W / 2, 120, 480)),
        "background_too_dark",
        "warn",
    ),
}


# Framed closer than ideal but J-LIS can still cut a legal 35:45 frame from them: no
# framing advice may contradict a usable photo (newcomer walk, issue 14 item 7).
CROPPABLE: dict[str, Callable[[], Image.Image]] = {
    "a_little_close": lambda: _plain(Placement(W / 2, 0.1 * H, 0.74 * H)),
    "little_room_above": lambda: _plain(Placement(W / 2, 45, 0.6 * H)),
}


def good_jpeg() -> bytes:
    return jpeg(good_photo())


def png_of_good_photo() -> bytes:
    out = BytesIO()
    good_photo().save(out, "PNG")
    return out.getvalue()


def patched_frame_size(data: bytes, width: int, height: int) -> bytes:
    """Rewrite the declared size in the SOF0 segment: the pixel data stays small."""
    sof = data.index(b"\xff\xc0")
    body = bytearray(data)
    body[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    body[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    return bytes(body)
