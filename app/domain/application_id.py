"""The 23-digit application form ID (申請書ID): normalise what people type or paste, then check.

No check-digit algorithm is published, so the only rule is "23 ASCII digits" after
full-width digits become ASCII and separators (spaces, hyphens, dots) are dropped.

Sources:
- docs/domain/procedures.md §0.4 and §1.2 row 1: the 申請書ID has 23 half-width digits,
  printed at the top right of the 交付申請書.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

LENGTH = 23
# Spaces and the dash-like characters Japanese keyboards and PDFs produce.
SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー－.・/]+")
ASCII_DIGITS = re.compile(r"[0-9]+")


class IdProblem(Enum):
    MISSING = "missing"
    NOT_DIGITS = "not_digits"
    WRONG_LENGTH = "wrong_length"


def normalise(raw: str) -> str:
    """Full-width digits to ASCII, separators removed: '１２３４-5678 …' becomes '12345678…'."""
    return SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or ""))


def problem(raw: str) -> IdProblem | None:
    """What is wrong with the typed ID, or None when it is 23 digits."""
    value = normalise(raw)
    if not value:
        return IdProblem.MISSING
    if not ASCII_DIGITS.fullmatch(value):
        return IdProblem.NOT_DIGITS
    if len(value) != LENGTH:
        return IdProblem.WRONG_LENGTH
    return None


def grouped(value: str) -> str:
    """The ID in groups of four, easier to compare with the printed form."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def from_qr_text(text: str) -> str | None:
    """The ID inside a scanned QR code's text: the first run of exactly 23 digits."""
    runs: list[str] = re.findall(r"\d+", unicodedata.normalize("NFKC", text or ""))
    return next((run for run in runs if len(run) == LENGTH), None)
