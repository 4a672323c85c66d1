"""The card's three PINs and their format rules, checked before anything is sent to the card.

A malformed PIN must never reach the card: it would spend one of only 3 (or 5) tries.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from card_relay import aids
from card_relay.errors import PinFormatError


@dataclass(frozen=True)
class PinSpec:
    label: str
    aid: bytes
    fid: int
    max_tries: int
    min_length: int
    max_length: int


class PinKind(Enum):
    """Which PIN: user authentication (4 digits), signature (6-16), input support (4 digits)."""

    AUTH = PinSpec("user-authentication PIN", aids.JPKI_AID, aids.PIN_AUTH, 3, 4, 4)
    SIGN = PinSpec("signature PIN", aids.JPKI_AID, aids.PIN_SIGN, 5, 6, 16)
    INPUT_SUPPORT = PinSpec(
        "input-support PIN", aids.INPUT_SUPPORT_AID, aids.PIN_INPUT_SUPPORT, 3, 4, 4
    )

    @property
    def spec(self) -> PinSpec:
        value: PinSpec = self.value
        return value


def encode_pin(kind: PinKind, pin: str) -> bytearray:
    """Normalise and check ``pin``; return its ASCII bytes in a buffer the caller can wipe.

    Full-width digits and letters (a Japanese IME's output) are folded to ASCII; the signature
    PIN is upper-cased, as the card stores it upper-case. Error messages never contain the PIN.
    """
    spec = kind.spec
    text = unicodedata.normalize("NFKC", pin)
    if kind is PinKind.SIGN:
        text = text.upper()
        ok = (
            spec.min_length <= len(text) <= spec.max_length
            and text.isascii()
            and text.isalnum()
            and any(c.isdigit() for c in text)
            and any(c.isalpha() for c in text)
        )
        if not ok:
            raise PinFormatError(
                "the signature PIN is 6 to 16 letters A-Z and digits 0-9, with at least one of each"
            )
    elif not (len(text) == spec.min_length and text.isascii() and text.isdigit()):
        raise PinFormatError(f"the {spec.label} is {spec.min_length} digits")
    return bytearray(text.encode("ascii"))


def wipe(buffer: bytearray) -> None:
    """Overwrite a PIN buffer in place once it has been sent."""
    for i in range(len(buffer)):
        buffer[i] = 0
