"""Tier (b): the simulated card behaves as jpki.md says the real card does."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

from card_relay.apdu import CommandApdu, ResponseApdu
from card_relay.digest import sha256_digest_info
from card_relay.simulator import SimulatedCard
from card_relay.simulator.files import KeyFile
from card_relay.testca import IssuedIdentity

JPKI = bytes.fromhex("D392F000260100000001")
INPUT_SUPPORT = bytes.fromhex("D3921000310001010408")


def send(card: SimulatedCard, apdu: CommandApdu) -> ResponseApdu:
    return ResponseApdu.from_bytes(card.process(apdu.to_bytes()))


def select_app(card: SimulatedCard, aid: bytes) -> int:
    return send(card, CommandApdu(0x00, 0xA4, 0x04, 0x0C, aid)).sw.value


def select_ef(card: SimulatedCard, fid: int) -> int:
    return send(card, CommandApdu(0x00, 0xA4, 0x02, 0x0C, fid.to_bytes(2, "big"))).sw.value


def verify(card: SimulatedCard, pin: bytes = b"") -> int:
    return send(card, CommandApdu(0x00, 0x20, 0x00, 0x80, pin)).sw.value


def read(card: SimulatedCard, offset: int = 0, le: int = 4) -> ResponseApdu:
    return send(card, CommandApdu(0x00, 0xB0, offset >> 8, offset & 0xFF, le=le))


def sign(card: SimulatedCard, data: bytes) -> ResponseApdu:
    return send(card, CommandApdu(0x80, 0x2A, 0x00, 0x80, data, le=256))


def at_pin(card: SimulatedCard, fid: int = 0x18, aid: bytes = JPKI) -> None:
    assert select_app(card, aid) == 0x9000
    assert select_ef(card, fid) == 0x9000


def test_three_wrong_auth_pins_count_down_then_lock_for_good(card: SimulatedCard) -> None:
    at_pin(card)
    assert [verify(card, b"0000") for _ in range(3)] == [0x63C2, 0x63C1, 0x63C0]
    assert verify(card, b"1234") == 0x6984  # even the right PIN is refused now
    assert verify(card) == 0x63C0  # the status query reports 0 tries
    card.power_off()
    card.power_on()
    at_pin(card)
    assert verify(card, b"1234") == 0x6984  # a reset does not unlock it


def test_the_signature_pin_allows_five_tries(card: SimulatedCard) -> None:
    at_pin(card, 0x1B)
    assert verify(card) == 0x63C5
    answers = [verify(card, b"WRONG1") for _ in range(5)]
    assert answers == [0x63C4, 0x63C3, 0x63C2, 0x63C1, 0x63C0]
    assert verify(card, b"ABCD1234") == 0x6984


def test_the_status_query_never_spends_a_try(card: SimulatedCard) -> None:
    at_pin(card)
    assert {verify(card) for _ in range(10)} == {0x63C3}


def test_a_correct_pin_restores_the_counter(card: SimulatedCard) -> None:
    at_pin(card)
    assert verify(card, b"9999") == 0x63C2
    assert verify(card, b"1234") == 0x9000
    card.reset()
    at_pin(card)
    assert verify(card) == 0x63C3


def test_the_pins_have_separate_counters(card: SimulatedCard) -> None:
    at_pin(card)
    verify(card, b"0000")
    at_pin(card, 0x11, INPUT_SUPPORT)
    assert verify(card) == 0x63C3


def test_the_signature_certificate_is_refused_before_its_pin(card: SimulatedCard) -> None:
    assert select_app(card, JPKI) == 0x9000
    assert select_ef(card, 0x0001) == 0x9000
    assert read(card).sw.value == 0x6982
    at_pin(card, 0x1B)
    assert verify(card, b"ABCD1234") == 0x9000
    assert select_ef(card, 0x0001) == 0x9000
    assert read(card).data[:2] == b"\x30\x82"


def test_the_auth_certificate_and_ca_certificates_are_free(card: SimulatedCard) -> None:
    assert select_app(card, JPKI) == 0x9000
    for fid in (0x000A, 0x000B, 0x0002):
        assert select_ef(card, fid) == 0x9000
        assert read(card).data[:2] == b"\x30\x82"


def test_signing_needs_the_matching_pin(card: SimulatedCard) -> None:
    info = sha256_digest_info(bytes(32))
    at_pin(card, 0x1B)
    assert verify(card, b"ABCD1234") == 0x9000  # the signature PIN does not open the auth key
    assert select_ef(card, 0x0017) == 0x9000
    assert sign(card, info).sw.value == 0x6982


def test_the_card_pads_the_digestinfo_itself(card: SimulatedCard, issued: IssuedIdentity) -> None:
    digest = hashlib.sha256(b"hello").digest()
    at_pin(card)
    assert verify(card, b"1234") == 0x9000
    assert select_ef(card, 0x0017) == 0x9000
    response = sign(card, sha256_digest_info(digest))
    assert response.sw.value == 0x9000 and len(response.data) == 256
    issued.auth_cert.public_key().verify(  # type: ignore[union-attr]
        response.data, digest, padding.PKCS1v15(), Prehashed(hashes.SHA256())
    )


def test_the_fast_sha256_path_gives_the_same_bytes_as_padding_by_hand(card: SimulatedCard) -> None:
    key = card.application("jpki").files[0x0017]
    assert isinstance(key, KeyFile)
    info = sha256_digest_info(hashlib.sha256(b"x").digest())
    assert key.sign_raw(info) == key.raw_rsa(info)


def test_any_bytes_are_padded_and_signed_as_given(
    card: SimulatedCard, issued: IssuedIdentity
) -> None:
    # A SHA-1 DigestInfo: the card does not check what it pads (jpki.md 9.3, unconfirmed).
    sha1 = hashlib.sha1(b"x").digest()  # noqa: S324
    sha1_info = bytes.fromhex("3021300906052b0e03021a05000414") + sha1
    at_pin(card)
    verify(card, b"1234")
    select_ef(card, 0x0017)
    response = sign(card, sha1_info)
    issued.auth_cert.public_key().verify(  # type: ignore[union-attr]
        response.data,
        b"x",
        padding.PKCS1v15(),
        hashes.SHA1(),  # noqa: S303
    )


@pytest.mark.parametrize("size", [0, 246])
def test_signature_input_outside_1_to_245_bytes_is_refused(card: SimulatedCard, size: int) -> None:
    at_pin(card)
    verify(card, b"1234")
    select_ef(card, 0x0017)
    assert sign(card, bytes(size)).sw.value == 0x6700


def test_reset_clears_the_verified_state(card: SimulatedCard) -> None:
    at_pin(card)
    assert verify(card, b"1234") == 0x9000
    assert verify(card) == 0x9000  # verified: the query answers 9000
    card.reset()
    at_pin(card)
    assert verify(card) == 0x63C3
    assert select_ef(card, 0x0017) == 0x9000
    assert sign(card, sha256_digest_info(bytes(32))).sw.value == 0x6982


def test_leaving_an_application_clears_its_verified_pins(card: SimulatedCard) -> None:
    at_pin(card, 0x11, INPUT_SUPPORT)
    assert verify(card, b"1234") == 0x9000
    assert select_app(card, JPKI) == 0x9000
    assert select_app(card, INPUT_SUPPORT) == 0x9000
    assert select_ef(card, 0x0002) == 0x9000
    assert read(card).sw.value == 0x6982


def test_reading_past_the_end_answers_6b00(card: SimulatedCard) -> None:
    select_app(card, JPKI)
    select_ef(card, 0x0008)  # 3 bytes: 8F 8F 00
    assert read(card, 0, 0xFF).data == bytes.fromhex("8F8F00")
    assert read(card, 3).sw.value == 0x6B00


def test_unknown_files_and_applications_answer_6a82(card: SimulatedCard) -> None:
    assert select_app(card, bytes.fromhex("D392F000260100000099")) == 0x6A82
    assert select_ef(card, 0x000A) == 0x6A82  # no application selected yet
    select_app(card, JPKI)
    assert select_ef(card, 0x0042) == 0x6A82


def test_commands_without_a_current_file_answer_6986(card: SimulatedCard) -> None:
    select_app(card, JPKI)
    assert verify(card) == 0x6986
    assert read(card).sw.value == 0x6986


def test_unsupported_class_instruction_and_channel(card: SimulatedCard) -> None:
    assert send(card, CommandApdu(0x00, 0xCA, 0x01, 0x00, le=1)).sw.value == 0x6D00
    assert send(card, CommandApdu(0x00, 0x2A, 0x00, 0x80, b"x")).sw.value == 0x6E00
    assert send(card, CommandApdu(0x01, 0xA4, 0x04, 0x0C, JPKI)).sw.value == 0x6881


def test_short_file_identifiers_read_without_select(card: SimulatedCard) -> None:
    select_app(card, JPKI)
    response = send(card, CommandApdu(0x00, 0xB0, 0x80 | 0x0A, 0x00, le=4))
    assert response.data[:2] == b"\x30\x82"
