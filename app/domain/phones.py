"""The one phone-number rule: a daytime number in Japan the office can call.

Separators people type (spaces, hyphens, brackets, full-width forms) are dropped; what is left
must be a domestic number, 10 or 11 digits starting with 0 (landline 045 123 4567, mobile
090 1234 5678). International forms (+81 …) are refused: the offices ask for a domestic one.

Sources:
- docs/domain/procedures.md §4.3: the applicant's "phone number (daytime)", digits with
  hyphens allowed, normalised, 10–11 digits for Japanese numbers.
- docs/domain/procedures.md §0.4 "Normalisation rules for any number field": full-width digits
  to ASCII, spaces, hyphens and other separators stripped, then the length checked.
- none for the leading 0 and refusing +81: our reading of "a Japanese number", so that the
  office can dial what it is given.
"""

from __future__ import annotations

import re
import unicodedata

PHONE = re.compile(r"0\d{9,10}")


def normal_phone(value: str) -> str | None:
    """Digits only (spaces, hyphens and brackets dropped): 10 or 11 digits starting with 0."""
    digits = re.sub(r"[\s\-()（）‐－ー]", "", unicodedata.normalize("NFKC", value))
    return digits if PHONE.fullmatch(digits) else None
