"""The two whole card operations the relay offers, for callers that already hold the PIN.

The desktop agent asks for the PIN between steps and so calls ``JpkiCard`` itself; the
reference reader client, the benchmark and the integration tests use these.
"""

from __future__ import annotations

from dataclasses import dataclass

from card_relay.errors import PinBlocked
from card_relay.jpki import CertKind, JpkiCard, KeyKind
from card_relay.pins import PinKind


@dataclass(frozen=True)
class CardResult:
    """DER certificate and the 256-byte signature, as the agent posts them to the server."""

    certificate: bytes
    signature: bytes


def run_authentication(card: JpkiCard, pin: str, origin: str, challenge: bytes) -> CardResult:
    """Select, read the auth certificate, check tries, VERIFY, sign the origin-bound digest."""
    card.select_jpki()
    certificate = card.read_certificate(CertKind.AUTH)
    if card.pin_status(PinKind.AUTH).blocked:
        raise PinBlocked("the user-authentication PIN is blocked")
    card.verify_pin(PinKind.AUTH, pin)
    return CardResult(certificate, card.authenticate(origin, challenge))


def run_signature(card: JpkiCard, pin: str, digest: bytes) -> CardResult:
    """Select, check tries, VERIFY the signature PIN, read its certificate, sign ``digest``."""
    card.select_jpki()
    if card.pin_status(PinKind.SIGN).blocked:
        raise PinBlocked("the signature PIN is blocked")
    card.verify_pin(PinKind.SIGN, pin)
    certificate = card.read_certificate(CertKind.SIGN)
    return CardResult(certificate, card.sign(KeyKind.SIGN, digest))
