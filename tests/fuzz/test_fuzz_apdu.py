"""Fuzz target: APDU and BER-TLV parsing (card_relay/apdu.py) raise only their documented
errors, ``ApduError`` and ``TlvError`` (issue 12 item 6), and what parses encodes back the same.
"""

from __future__ import annotations

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
from tests.fuzz.budget import fuzz_settings
from tests.fuzz.mutations import bytes_or_mutated

COMMAND_SEEDS = st.sampled_from(
    [
        bytes.fromhex("00A4040C0AD392F000260100000001"),  # SELECT the JPKI AP
        bytes.fromhex("00B0000007"),  # READ BINARY, Le 7
        bytes.fromhex("0020008004") + b"1234",  # VERIFY
        bytes.fromhex("802A00800033") + bytes(51) + b"\x00",  # sign, short Le 256
        bytes.fromhex("00B00000000100"),  # extended Le 256
        bytes.fromhex("802A0080000033") + bytes(51) + bytes.fromhex("0100"),  # extended
    ]
)
TLV_SEEDS = st.sampled_from(
    [
        encode_tlv(0xFF20, encode_tlv(0xDF21, bytes(8)) + encode_tlv(0xDF22, "番号".encode())),
        encode_tlv(0x30, encode_tlv(0x30, bytes(300)) + encode_tlv(0x02, b"\x01")) + b"\xff" * 9,
        encode_tlv(0xDF25, b"1") + b"\x00\x00",
    ]
)


@fuzz_settings
@given(bytes_or_mutated(COMMAND_SEEDS))
def test_command_apdus_parse_or_raise_apdu_error(raw: bytes) -> None:
    try:
        command = CommandApdu.from_bytes(raw)
    except ApduError:
        return
    assert CommandApdu.from_bytes(command.to_bytes()) == command
    str(command)


@fuzz_settings
@given(st.binary(max_size=300))
def test_responses_and_status_words_parse_or_raise_apdu_error(raw: bytes) -> None:
    try:
        response = ResponseApdu.from_bytes(raw)
    except ApduError:
        return
    assert response.to_bytes() == raw
    assert str(response).startswith(f"{len(raw) - 2} bytes, {raw[-2:].hex().upper()} ")
    assert StatusWord(response.sw.value).meaning


@fuzz_settings
@given(bytes_or_mutated(TLV_SEEDS))
def test_tlv_parsing_raises_only_tlv_error(raw: bytes) -> None:
    try:
        tag, length, header = parse_header(raw)
        item = parse_one(raw)
        assert (item.tag, len(item.value), item.header_length) == (tag, length, header)
        items = list(iter_tlvs(raw))
    except TlvError:
        return
    assert sum(each.total_length for each in items) <= len(raw)
