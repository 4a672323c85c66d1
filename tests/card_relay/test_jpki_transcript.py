"""Tier (a): JpkiCard against scripted APDU exchanges. Each line: command, response, meaning."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from card_relay.digest import SHA256_DIGESTINFO_PREFIX
from card_relay.errors import PinBlocked, PinFormatError, PinRequired, PinWrong, WrongCard
from card_relay.jpki import CertKind, JpkiCard, KeyKind
from card_relay.pins import PinKind
from tests.card_relay.conftest import ScriptedTransport

SELECT_JPKI = "00A4040C0A D392F000260100000001"
SELECT_INPUT_SUPPORT = "00A4040C0A D3921000310001010408"
OK = "9000"


def test_reads_the_auth_certificate_using_the_length_in_its_header() -> None:
    body = bytes(range(256))  # a fake 260-byte DER object: 30 82 01 00 + 256 bytes
    cert = bytes.fromhex("30820100") + body
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # select the JPKI AP by its full AID, no FCI
            ("00A4020C02 000A", OK),  # select EF 000A, the user-authentication certificate
            ("00B00000 07", cert[:7].hex() + OK),  # first 7 bytes: tag 30, length 82 01 00
            ("00B00007 FD", cert[7:].hex() + OK),  # the remaining 253 bytes, nothing beyond
        ]
    )
    assert JpkiCard(transport).read_certificate(CertKind.AUTH) == cert
    transport.assert_done()


def test_reads_large_files_in_chunks_of_at_most_255_bytes() -> None:
    cert = bytes.fromhex("30820200") + bytes(512)  # 516 bytes
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 000B", OK),  # EF 000B, the auth CA certificate
            ("00B00000 07", cert[:7].hex() + OK),  # header: 516 bytes in all
            ("00B00007 FF", cert[7:262].hex() + OK),  # offset 7, 255 bytes
            ("00B00106 FE", cert[262:].hex() + OK),  # offset 262, the last 254 bytes
        ]
    )
    assert JpkiCard(transport).read_certificate(CertKind.AUTH_CA) == cert
    transport.assert_done()


def test_a_card_without_the_jpki_application_is_the_wrong_card() -> None:
    transport = ScriptedTransport([(SELECT_JPKI, "6A82")])  # no such application
    with pytest.raises(WrongCard) as caught:
        JpkiCard(transport).select_jpki()
    assert caught.value.code == "WRONG_CARD"


def test_pin_status_uses_the_empty_verify_and_reports_tries_left() -> None:
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 0018", OK),  # EF 0018, the user-authentication PIN
            ("00200080", "63C2"),  # VERIFY without data: not verified, 2 tries left
        ]
    )
    status = JpkiCard(transport).pin_status(PinKind.AUTH)
    assert (status.tries_left, status.blocked, status.verified) == (2, False, False)


def test_pin_status_of_a_verified_pin_reports_verified() -> None:
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 001B", OK),  # EF 001B, the signature PIN
            ("00200080", OK),  # some cards answer 9000 once the PIN was verified
        ]
    )
    assert JpkiCard(transport).pin_status(PinKind.SIGN).verified


def test_a_wrong_pin_reports_tries_left() -> None:
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 0018", OK),  # EF 0018
            ("0020008004 31313131", "63C1"),  # VERIFY "1111": wrong, 1 try left
        ]
    )
    with pytest.raises(PinWrong) as caught:
        JpkiCard(transport).verify_pin(PinKind.AUTH, "1111")
    assert (caught.value.code, caught.value.tries_left) == ("PIN_WRONG", 1)


@pytest.mark.parametrize("answer", ["63C0", "6984", "6983"])
def test_the_last_wrong_try_and_a_locked_pin_both_report_blocked(answer: str) -> None:
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 0018", OK),  # EF 0018
            ("0020008004 31313131", answer),  # 63C0 = just blocked; 6984/6983 = locked
        ]
    )
    with pytest.raises(PinBlocked) as caught:
        JpkiCard(transport).verify_pin(PinKind.AUTH, "1111")
    assert caught.value.code == "PIN_BLOCKED"


@pytest.mark.parametrize(
    ("kind", "pin"),
    [
        (PinKind.AUTH, "123"),
        (PinKind.AUTH, "12345"),
        (PinKind.AUTH, "12a4"),
        (PinKind.INPUT_SUPPORT, ""),
        (PinKind.SIGN, "ABCDE"),  # too short
        (PinKind.SIGN, "ABCDEFGHIJ1234567"),  # too long
        (PinKind.SIGN, "ABCDEFGH"),  # no digit
        (PinKind.SIGN, "12345678"),  # no letter
        (PinKind.SIGN, "ABCD-1234"),  # symbol
        (PinKind.SIGN, "ÀBCD1234"),  # not A-Z
    ],
)
def test_a_malformed_pin_never_reaches_the_card(kind: PinKind, pin: str) -> None:
    transport = ScriptedTransport([])  # any command at all fails the test
    with pytest.raises(PinFormatError) as caught:
        JpkiCard(transport).verify_pin(kind, pin)
    assert transport.sent == []
    assert caught.value.code == "PIN_FORMAT"


def test_the_signature_pin_is_upper_cased_and_full_width_input_folded() -> None:
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 001B", OK),  # EF 001B, the signature PIN
            ("0020008008 4142434431323334", OK),  # VERIFY "ABCD1234"
        ]
    )
    JpkiCard(transport).verify_pin(PinKind.SIGN, "ａｂｃｄ１２３４")
    transport.assert_done()


def test_sign_sends_a_sha256_digestinfo_for_the_card_to_pad() -> None:
    digest = hashlib.sha256(b"application").digest()
    signature = bytes(range(256))
    info = (SHA256_DIGESTINFO_PREFIX + digest).hex()
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 001A", OK),  # EF 001A, the signature private key
            ("802A008033" + info + "00", signature.hex() + OK),  # sign 51 bytes, Le 256
        ]
    )
    assert JpkiCard(transport).sign(KeyKind.SIGN, digest) == signature


def test_signing_before_the_pin_reports_pin_required() -> None:
    digest = bytes(32)
    info = (SHA256_DIGESTINFO_PREFIX + digest).hex()
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP
            ("00A4020C02 0017", OK),  # EF 0017, the user-authentication key
            ("802A008033" + info + "00", "6982"),  # security status not satisfied
        ]
    )
    with pytest.raises(PinRequired):
        JpkiCard(transport).sign(KeyKind.AUTH, digest)


def test_reads_the_four_attributes_after_the_input_support_pin() -> None:
    name, address = "番号　花子".encode(), "東京都".encode()
    fields = (
        bytes.fromhex("DF22") + bytes([len(name)]) + name
        + bytes.fromhex("DF23") + bytes([len(address)]) + address
        + bytes.fromhex("DF2408") + b"19900401"
        + bytes.fromhex("DF2501") + b"2"
    )  # fmt: skip
    table = bytes.fromhex("DF2108 000E 0000 0000 0000")  # offsets (only the first matters here)
    inner = table + fields
    file = bytes.fromhex("FF20") + bytes([len(inner)]) + inner + bytes(20)  # 00 filler after
    transport = ScriptedTransport(
        [
            (SELECT_INPUT_SUPPORT, OK),  # card-info input-support AP
            ("00A4020C02 0011", OK),  # EF 0011, its 4-digit PIN
            ("0020008004 31323334", OK),  # VERIFY "1234"
            ("00A4020C02 0002", OK),  # EF 0002, the four attributes (never EF 0001)
            ("00B00000 07", file[:7].hex() + OK),  # header FF 20 xx
            ("00B00007" + f"{len(inner) + 3 - 7:02X}", file[7 : len(inner) + 3].hex() + OK),
        ]
    )
    card = JpkiCard(transport)
    card.verify_pin(PinKind.INPUT_SUPPORT, "1234")
    attributes = card.read_basic_attributes()
    assert attributes.name == "番号　花子"
    assert attributes.address == "東京都"
    assert attributes.birth_date == date(1990, 4, 1)
    assert attributes.sex == "2"
    transport.assert_done()


def test_selects_an_application_only_when_it_changes() -> None:
    transport = ScriptedTransport(
        [
            (SELECT_JPKI, OK),  # JPKI AP, once
            ("00A4020C02 0018", OK),  # EF 0018
            ("00200080", "63C3"),  # 3 tries left
            ("00A4020C02 001B", OK),  # EF 001B, no second SELECT of the AP
            ("00200080", "63C5"),  # 5 tries left
        ]
    )
    card = JpkiCard(transport)
    assert card.pin_status(PinKind.AUTH).tries_left == 3
    assert card.pin_status(PinKind.SIGN).tries_left == 5
    transport.assert_done()
