"""The one phone-number rule (procedures.md: a daytime number in Japan the office can call).

Separators people type (spaces, hyphens, brackets, full-width forms) are dropped; what is left
must be a domestic number, 10 or 11 digits starting with 0 (landline 045 123 4567, mobile
090 1234 5678). International forms (+81 …) are refused: the offices ask for a domestic one.
"""

from __future__ import annotations

import re
import unicodedata

PHONE = re.compile(r"0\d{9,10}")


def normal_phone(value: str) -> str | None:
    """Digits only (spaces, hyphens and brackets dropped): 10 or 11 digits starting with 0."""
    digits = re.sub(r"[\s\-()（）‐－ー]", "", unicodedata.normalize("NFKC", value))
    return digits if PHONE.fullmatch(digits) else None
