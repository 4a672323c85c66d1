"""APDU encoding, status words and BER-TLV parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from card_relay.apdu import (
    ApduError,
    CommandApdu,
    ResponseApdu,
    StatusWord,
    TlvError,
    encode_tlv,
    iter_tlvs,
    parse_header,
    parse_one,
)


@pytest.mark.parametrize(
    ("apdu", "encoded"),
    [
        (CommandApdu(0x00, 0x20, 0x00, 0x80), "00200080"),  # case 1: the PIN status query
        (CommandApdu(0x00, 0xB0, 0x00, 0x00, le=256), "00B0000000"),  # case 2: Le 256 = 00
        (CommandApdu(0x00, 0xA4, 0x02, 0x0C, b"\x00\x0a"), "00A4020C02000A"),  # case 3
        (CommandApdu(0x80, 0x2A, 0x00, 0x80, b"\x01", le=256), "802A0080010100"),  # case 4
        (CommandApdu(0x00, 0xB0, 0x00, 0x00, le=65536), "00B00000000000"),  # extended Le
    ],
)
def test_encodes_the_four_cases(apdu: CommandApdu, encoded: str) -> None:
    assert apdu.to_bytes().hex().upper() == encoded
    assert CommandApdu.from_bytes(bytes.fromhex(encoded)) == apdu


@given(
    ins=st.integers(0, 255),
    data=st.binary(max_size=300),
    le=st.one_of(st.none(), st.integers(1, 65536)),
)
def test_parse_inverts_encode(ins: int, data: bytes, le: int | None) -> None:
    apdu = CommandApdu(0x00, ins, 0x01, 0x02, data, le)
    assert CommandApdu.from_bytes(apdu.to_bytes()) == apdu


@pytest.mark.parametrize("raw", ["00A4", "00A4020C05000A", "00A4020C02000A0000"])
def test_malformed_commands_are_rejected(raw: str) -> None:
    with pytest.raises(ApduError):
        CommandApdu.from_bytes(bytes.fromhex(raw))


@pytest.mark.parametrize(
    ("sw", "text"),
    [
        (0x63C2, "63C2 wrong PIN, 2 tries left"),
        (0x63C0, "63C0 PIN blocked, 0 tries left"),
        (0x6984, "6984 PIN blocked (referenced data locked)"),
        (0x6982, "6982 security status not satisfied (PIN needed)"),
        (0x9000, "9000 success"),
        (0x6A82, "6A82 file or application not found"),
        (0x6110, "6110 16 more bytes available"),
        (0x6F42, "6F42 unknown status"),
    ],
)
def test_status_words_read_as_what_they_mean(sw: int, text: str) -> None:
    assert str(StatusWord(sw)) == text


def test_response_splits_data_and_status() -> None:
    response = ResponseApdu.from_bytes(bytes.fromhex("0102039000"))
    assert response.data == b"\x01\x02\x03" and response.sw.ok
    assert response.to_bytes().hex() == "0102039000"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("3082062B", (0x30, 0x062B, 4)),  # a 1,583-byte certificate (jpki.md 2.3)
        ("FF2065", (0xFF20, 0x65, 3)),  # the attributes file, short length
        ("FF20820150", (0xFF20, 0x150, 5)),  # ... long length
        ("DF2108", (0xDF21, 8, 3)),
    ],
)
def test_header_gives_tag_length_and_header_size(head: str, expected: tuple[int, int, int]) -> None:
    assert parse_header(bytes.fromhex(head)) == expected


@pytest.mark.parametrize("head", ["", "30", "3080", "308401", "1F"])
def test_broken_headers_raise(head: str) -> None:
    with pytest.raises(TlvError):
        parse_header(bytes.fromhex(head))


def test_tlvs_stop_at_filler() -> None:
    raw = encode_tlv(0xDF22, b"a") + encode_tlv(0xDF23, b"bc") + b"\xff\xff\x00"
    assert [(t.tag, t.value) for t in iter_tlvs(raw)] == [(0xDF22, b"a"), (0xDF23, b"bc")]


@given(tag=st.sampled_from([0x30, 0x0C, 0xDF22, 0xFF20]), value=st.binary(max_size=70000))
def test_parse_one_inverts_encode_tlv(tag: int, value: bytes) -> None:
    item = parse_one(encode_tlv(tag, value) + b"\xff" * 3)
    assert (item.tag, item.value) == (tag, value)
