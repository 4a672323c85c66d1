"""Puts a simulated card behind pcscd's vsmartcard ``vpcd`` driver (jpki.md section 6).

vpcd listens (TCP 35963 for slot 0) and the card connects: connecting inserts the card, closing
the socket removes it. Every message is a 2-byte big-endian length plus payload; a 1-byte payload
is a control code (00 off, 01 on, 02 reset, 04 ATR), anything else an APDU. When pcscd restarts
the socket closes and the link reconnects, so the card reappears by itself.
"""

from __future__ import annotations

import logging
import select
import socket
import threading

from card_relay.apdu import ApduError, CommandApdu
from card_relay.log import log_command
from card_relay.simulator.card import SimulatedCard

logger = logging.getLogger("card_relay.simulator")

DEFAULT_PORT = 35963
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0x00, 0x01, 0x02, 0x04
POLL_SECONDS = 0.05
FRAME_TIMEOUT = 5.0


class LinkClosed(Exception):
    """vpcd closed the connection (pcscd stopped or restarted)."""


def _quick_ack(sock: socket.socket) -> None:
    """Acknowledge at once. vpcd writes a frame's length and payload separately; with Nagle on
    its side and delayed ACKs on ours, each APDU would otherwise stall ~40 ms. Linux resets
    the flag after use, so it is set again before every read."""
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)


def recv_exact(sock: socket.socket, size: int) -> bytes:
    """Read exactly ``size`` bytes: TCP may deliver a frame in pieces."""
    data = bytearray()
    while len(data) < size:
        _quick_ack(sock)
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise LinkClosed("vpcd closed the connection")
        data += chunk
    return bytes(data)


def recv_frame(sock: socket.socket) -> bytes:
    length = int.from_bytes(recv_exact(sock, 2), "big")
    return recv_exact(sock, length)


def send_frame(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(len(payload).to_bytes(2, "big") + payload)


class VpcdLink:
    """Keeps ``card`` connected to vpcd at ``host:port`` while it is "inserted"."""

    def __init__(
        self,
        card: SimulatedCard,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        inserted: bool = True,
        retry_seconds: float = 0.5,
    ) -> None:
        self.card = card
        self.host = host
        self.port = port
        self.retry_seconds = retry_seconds
        self._inserted = inserted
        self._connected = threading.Event()

    @property
    def inserted(self) -> bool:
        return self._inserted

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def remove(self) -> None:
        """Take the card out: the link closes its socket within one poll interval."""
        self._inserted = False

    def insert(self) -> None:
        self._inserted = True

    def run(self, stop: threading.Event) -> None:
        """Serve until ``stop`` is set, reconnecting whenever vpcd goes away."""
        while not stop.is_set():
            if not self._inserted:
                stop.wait(POLL_SECONDS)
                continue
            sock = self._connect()
            if sock is None:
                stop.wait(self.retry_seconds)
                continue
            try:
                self._serve(sock, stop)
            except (LinkClosed, OSError) as exc:
                logger.warning("vpcd link lost (%s); reconnecting", exc)
            finally:
                self._connected.clear()
                sock.close()
                self.card.power_off()
                logger.info("card disconnected from vpcd")

    def _connect(self) -> socket.socket | None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=FRAME_TIMEOUT)
        except OSError as exc:
            logger.debug("vpcd at %s:%d not reachable: %s", self.host, self.port, exc)
            return None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.card.power_on()  # fresh insertion: RAM state starts empty whatever vpcd sends
        self._connected.set()
        logger.info("card connected to vpcd at %s:%d", self.host, self.port)
        return sock

    def _serve(self, sock: socket.socket, stop: threading.Event) -> None:
        while not stop.is_set() and self._inserted:
            readable, _, _ = select.select([sock], [], [], POLL_SECONDS)
            if not readable:
                continue
            reply = self.handle(recv_frame(sock))
            if reply is not None:
                send_frame(sock, reply)

    def handle(self, message: bytes) -> bytes | None:
        """Answer one vpcd message; control codes other than ATR get no reply."""
        if len(message) == 1:
            code = message[0]
            if code == CTRL_ATR:
                return self.card.atr
            if code == CTRL_OFF:
                self.card.power_off()
            elif code == CTRL_ON:
                self.card.power_on()
            elif code == CTRL_RESET:
                self.card.power_on()  # a warm reset: RAM state cleared, card stays powered
            else:
                logger.warning("unknown vpcd control code %02X", code)
            return None
        try:
            log_command(CommandApdu.from_bytes(message), "vpcd")
        except ApduError:
            logger.debug("malformed APDU from vpcd")
        return self.card.process(message)
