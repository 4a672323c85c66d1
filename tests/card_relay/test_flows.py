"""Whole operations through the in-process transport, checked by verify.py like the server will."""

from __future__ import annotations

import hashlib
import logging

import pytest

from card_relay import log as traffic
from card_relay.errors import CardRemoved, PinBlocked, PinRequired, PinWrong
from card_relay.jpki import CertKind, JpkiCard, KeyKind
from card_relay.operations import run_authentication, run_signature
from card_relay.pins import PinKind
from card_relay.simulator import SimulatedCard
from card_relay.verify import TrustConfig, verify_authentication, verify_signing
from card_relay.virtual import VirtualTransport
from tests.card_relay.conftest import ORIGIN


def test_authentication_produces_a_result_the_server_accepts(
    jpki: JpkiCard, trust: TrustConfig
) -> None:
    challenge = bytes(range(32))
    result = run_authentication(jpki, "1234", ORIGIN, challenge)
    holder = verify_authentication(
        certificate=result.certificate,
        signature=result.signature,
        origin=ORIGIN,
        challenge=challenge,
        trust=trust,
    )
    assert holder.revocation_checked
    assert "JPKI for user authentication" in holder.issuer


def test_signing_produces_a_result_with_the_four_attributes(
    jpki: JpkiCard, trust: TrustConfig
) -> None:
    digest = hashlib.sha256(b"NHI enrolment").digest()
    result = run_signature(jpki, "ABCD1234", digest)
    signer = verify_signing(
        certificate=result.certificate, signature=result.signature, digest=digest, trust=trust
    )
    assert signer.name == "番号\u3000花子"
    assert signer.birth_date.isoformat() == "1990-04-01"


def test_three_wrong_pins_report_blocked_from_then_on(jpki: JpkiCard) -> None:
    with pytest.raises(PinWrong) as first:
        jpki.verify_pin(PinKind.AUTH, "0000")
    assert first.value.tries_left == 2
    with pytest.raises(PinWrong):
        jpki.verify_pin(PinKind.AUTH, "0000")
    with pytest.raises(PinBlocked):
        jpki.verify_pin(PinKind.AUTH, "0000")
    assert jpki.pin_status(PinKind.AUTH).blocked
    with pytest.raises(PinBlocked):
        run_authentication(jpki, "1234", ORIGIN, bytes(32))


def test_the_signature_certificate_needs_its_pin(jpki: JpkiCard) -> None:
    with pytest.raises(PinRequired):
        jpki.read_certificate(CertKind.SIGN)


def test_a_reset_loses_the_verified_pin(jpki: JpkiCard) -> None:
    jpki.verify_pin(PinKind.AUTH, "1234")
    jpki.reset()
    with pytest.raises(PinRequired):
        jpki.sign(KeyKind.AUTH, bytes(32))


def test_card_removed_mid_flow(transport: VirtualTransport, jpki: JpkiCard) -> None:
    jpki.verify_pin(PinKind.AUTH, "1234")
    transport.remove_card()
    with pytest.raises(CardRemoved) as caught:
        jpki.sign(KeyKind.AUTH, bytes(32))
    assert caught.value.code == "CARD_REMOVED"


def test_the_client_never_touches_the_individual_number(
    card: SimulatedCard, jpki: JpkiCard
) -> None:
    jpki.verify_pin(PinKind.INPUT_SUPPORT, "1234")
    jpki.read_basic_attributes()
    run_authentication(jpki, "1234", ORIGIN, bytes(32))
    run_signature(jpki, "ABCD1234", bytes(32))
    jpki.token_label()
    for kind in CertKind:
        jpki.read_certificate(kind)
    for kind in PinKind:
        jpki.pin_status(kind)
    assert ("input_support", 0x0002) in card.accessed  # the attributes were read...
    assert ("input_support", 0x0001) not in card.accessed  # ...the Individual Number never


def test_no_pin_reaches_a_log_even_at_the_lowest_level(
    jpki: JpkiCard, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(1)
    run_authentication(jpki, "1234", ORIGIN, bytes(32))
    run_signature(jpki, "ABCD1234", bytes(32))
    jpki.verify_pin(PinKind.INPUT_SUPPORT, "1234")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert any(r.levelno == traffic.TRAFFIC for r in caplog.records)
    assert "00 20 00 80 [4 secret bytes blanked]" in text
    for secret in ("1234", "ABCD1234"):
        for form in (secret, secret.encode().hex(), secret.encode().hex(" ").upper()):
            assert form.upper() not in text.upper()


def test_the_token_label_identifies_a_my_number_card(jpki: JpkiCard) -> None:
    assert jpki.token_label() == "JPKIAPICCTOKEN2"


def test_traffic_is_silent_unless_enabled(jpki: JpkiCard, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    jpki.select_jpki()
    assert not [r for r in caplog.records if r.name == "card_relay.traffic"]
