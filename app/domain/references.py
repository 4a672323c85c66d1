"""Reference numbers a resident reads out on the phone or writes on a form: a journey's
prefix and 8 random characters of Crockford's base32 in two groups, like `MG-7K3Q-92XD`.

Crockford's alphabet has no I, L, O or U, so a reference read aloud or copied by hand cannot
be misread as another (one alphabet for every journey; NHI used one without 0 and 1 but with
U). 40 random bits from `secrets`: unguessable, and collisions are negligible at a ward's
volume (the columns are unique).

Sources:
- https://www.crockford.com/base32.html (Douglas Crockford, "Base 32"): the 32 symbols, with
  I, L, O and U left out so that a symbol read by a person is not taken for another.
- docs/domain/procedures.md §5.1 "Confirmation pages": a sent request shows its reference
  number. The format itself is ours (no official reference format applies).
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8

#: The prefix of each kind of record, so a reference says which office queue it belongs to.
CARD_APPLICATION = "MG"
INSURANCE_REGISTRATION = "HI"
INSURANCE_CANCELLATION = "HC"
NHI_ENROLMENT = "NHI"


def new(prefix: str) -> str:
    """A fresh reference: `<prefix>-XXXX-XXXX`."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"
