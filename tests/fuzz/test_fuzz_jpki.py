"""Fuzz target: the card-data parsers of card_relay/jpki.py raise only ``CardError`` subclasses
(``parse_basic_attributes`` its ``CardCommandError``; issue 12 L7 and item 6), also when every
answer of the card is fuzzed.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from card_relay import aids
from card_relay.apdu import CommandApdu, ResponseApdu, encode_tlv
from card_relay.errors import CardCommandError, CardError, CardRemoved
from card_relay.jpki import CertKind, JpkiCard, KeyKind, parse_basic_attributes
from card_relay.pins import PinKind
from tests.fuzz.budget import fuzz_settings
from tests.fuzz.mutations import bytes_or_mutated, mutated

ATTRIBUTES = (
    encode_tlv(
        aids.TAG_ATTRIBUTES,
        encode_tlv(aids.TAG_OFFSETS, bytes.fromhex("0003001500270033"))
        + encode_tlv(aids.TAG_NAME, "番号　花子".encode())
        + encode_tlv(aids.TAG_ADDRESS, "大阪府大阪市北区１－１".encode())
        + encode_tlv(aids.TAG_BIRTH_DATE, b"19900401")
        + encode_tlv(aids.TAG_SEX, b"2"),
    )
    + b"\xff" * 16
)
# A certificate file's start ("30 82 LL LL" then DER), as READ BINARY returns it.
CERTIFICATE_START = bytes.fromhex("308204b2308203") + bytes(248)
STATUS_WORDS = [0x9000] * 6 + [0x6982, 0x63C2, 0x63C0, 0x6983, 0x6984, 0x6A82, 0x6B00, 0x6700]
MAX_COMMANDS = 40


@fuzz_settings
@given(bytes_or_mutated(st.just(ATTRIBUTES)))
def test_basic_attributes_parse_or_raise_the_card_error(raw: bytes) -> None:
    try:
        attributes = parse_basic_attributes(raw)
    except CardCommandError:
        return
    assert attributes.birth_date.year >= 1


class FuzzedCard:
    """A transport whose every answer (status word and data) comes from Hypothesis."""

    atr = bytes.fromhex("3BE000FF8131FE4514")

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.sent = 0

    def transmit(self, apdu: CommandApdu) -> ResponseApdu:
        self.sent += 1
        if self.sent > MAX_COMMANDS:  # a card that never stops answering: pulled out
            raise CardRemoved("fuzzed card removed")
        sw = self.data.draw(st.one_of(st.sampled_from(STATUS_WORDS), st.integers(0, 0xFFFF)))
        seeds = st.sampled_from([ATTRIBUTES, CERTIFICATE_START, b"JPKIAPICCTOKEN2", bytes(256)])
        body = self.data.draw(st.one_of(st.just(b""), mutated(seeds), st.binary(max_size=300)))
        return ResponseApdu.status(sw, body)

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


OPERATIONS = {
    "certificate": lambda card, kind: card.read_certificate(list(CertKind)[kind % 4]),
    "pin_status": lambda card, kind: card.pin_status(list(PinKind)[kind % 3]),
    "verify_auth_pin": lambda card, _: card.verify_pin(PinKind.AUTH, "1234"),
    "verify_sign_pin": lambda card, _: card.verify_pin(PinKind.SIGN, "ABCD1234"),
    "attributes": lambda card, _: card.read_basic_attributes(),
    "token_label": lambda card, _: card.token_label(),
    "sign": lambda card, kind: card.sign(list(KeyKind)[kind % 2], bytes(32)),
    "authenticate": lambda card, _: card.authenticate("https://localhost", bytes(32)),
}


@fuzz_settings
@given(
    st.lists(st.tuples(st.sampled_from(sorted(OPERATIONS)), st.integers(0, 3)), max_size=4),
    st.data(),
)
def test_a_fuzzed_card_raises_only_card_errors(
    operations: list[tuple[str, int]], data: st.DataObject
) -> None:
    card = JpkiCard(FuzzedCard(data))  # type: ignore[arg-type]
    for name, kind in operations:
        try:
            OPERATIONS[name](card, kind)
        except CardError:
            continue
