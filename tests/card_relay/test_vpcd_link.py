"""The vpcd socket protocol against a stand-in for vpcd (fast; the real one is in test_pcscd)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from card_relay.simulator import SimulatedCard
from card_relay.simulator.vpcd import LinkClosed, VpcdLink, recv_frame, send_frame

SELECT_JPKI = bytes.fromhex("00A4040C0AD392F000260100000001")
SELECT_PIN = bytes.fromhex("00A4020C020018")
VERIFY_1234 = bytes.fromhex("002000800431323334")
PIN_STATUS = bytes.fromhex("00200080")


class FakeVpcd:
    """Listens like vpcd does; each test drives the connected card by hand."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(10)
        self.port = self.server.getsockname()[1]

    def accept(self) -> socket.socket:
        conn, _ = self.server.accept()
        conn.settimeout(10)
        return conn


def ask(conn: socket.socket, payload: bytes) -> bytes:
    send_frame(conn, payload)
    return recv_frame(conn)


@pytest.fixture
def vpcd() -> Iterator[FakeVpcd]:
    fake = FakeVpcd()
    yield fake
    fake.server.close()


@pytest.fixture
def link(vpcd: FakeVpcd, card: SimulatedCard) -> Iterator[VpcdLink]:
    link = VpcdLink(card, "127.0.0.1", vpcd.port, retry_seconds=0.05)
    stop = threading.Event()
    thread = threading.Thread(target=link.run, args=(stop,), daemon=True)
    thread.start()
    yield link
    stop.set()
    thread.join(5)


def test_answers_atr_requests_and_apdus(vpcd: FakeVpcd, link: VpcdLink) -> None:
    conn = vpcd.accept()
    assert ask(conn, b"\x04") == bytes.fromhex("3BE000FF8131FE4514")
    send_frame(conn, b"\x01")  # power on: no reply expected
    assert ask(conn, SELECT_JPKI) == b"\x90\x00"
    assert ask(conn, b"\x04") == bytes.fromhex("3BE000FF8131FE4514")  # ATR between APDUs too
    conn.close()


def test_frames_split_across_tcp_segments_are_reassembled(vpcd: FakeVpcd, link: VpcdLink) -> None:
    conn = vpcd.accept()
    frame = len(SELECT_JPKI).to_bytes(2, "big") + SELECT_JPKI
    conn.sendall(frame[:1])
    conn.sendall(frame[1:5])
    conn.sendall(frame[5:])
    assert recv_frame(conn) == b"\x90\x00"
    conn.close()


def test_reset_control_clears_verified_pins(vpcd: FakeVpcd, link: VpcdLink) -> None:
    conn = vpcd.accept()
    for apdu in (SELECT_JPKI, SELECT_PIN, VERIFY_1234):
        assert ask(conn, apdu) == b"\x90\x00"
    send_frame(conn, b"\x02")  # warm reset
    for apdu in (SELECT_JPKI, SELECT_PIN):
        assert ask(conn, apdu) == b"\x90\x00"
    assert ask(conn, PIN_STATUS) == b"\x63\xc3"
    conn.close()


def test_remove_closes_the_socket_and_insert_reconnects(vpcd: FakeVpcd, link: VpcdLink) -> None:
    conn = vpcd.accept()
    link.remove()
    with pytest.raises(LinkClosed):
        recv_frame(conn)  # vpcd sees EOF: "card removed"
    link.insert()
    again = vpcd.accept()
    assert ask(again, b"\x04") == bytes.fromhex("3BE000FF8131FE4514")
    again.close()


def test_reconnects_after_vpcd_goes_away_with_the_card_reset(
    vpcd: FakeVpcd, link: VpcdLink
) -> None:
    conn = vpcd.accept()
    for apdu in (SELECT_JPKI, SELECT_PIN, VERIFY_1234):
        assert ask(conn, apdu) == b"\x90\x00"
    conn.close()  # pcscd restarted
    again = vpcd.accept()
    for apdu in (SELECT_JPKI, SELECT_PIN):
        assert ask(again, apdu) == b"\x90\x00"
    assert ask(again, PIN_STATUS) == b"\x63\xc3"  # the restart powered the card off
    again.close()
