"""Access to the app's field cipher from storage code."""

from __future__ import annotations

from flask import current_app

from app.storage.crypto import FieldCipher


def cipher() -> FieldCipher:
    return current_app.extensions["myna_cipher"]  # type: ignore[no-any-return]
