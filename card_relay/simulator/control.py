"""A line-based control socket so tests can remove and insert the card mid-operation.

Commands (one per line): ``remove``, ``insert``, ``status``. ``status`` answers a JSON line with
the insertion state and every PIN's tries left. A Unix socket, so only local users with access
to the path can use it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from pathlib import Path

from card_relay.simulator.files import PinFile
from card_relay.simulator.vpcd import VpcdLink

logger = logging.getLogger("card_relay.simulator")


def status(link: VpcdLink) -> dict[str, object]:
    tries = {
        f"{app.name}:{fid:04X}": ef.tries_left
        for app in link.card.applications.values()
        for fid, ef in app.files.items()
        if isinstance(ef, PinFile)
    }
    return {"inserted": link.inserted, "connected": link.connected, "tries_left": tries}


def answer(link: VpcdLink, command: str) -> str:
    if command == "remove":
        link.remove()
        return "ok"
    if command == "insert":
        link.insert()
        return "ok"
    if command == "status":
        return json.dumps(status(link))
    return "error unknown command"


def serve_control(link: VpcdLink, path: Path, stop: threading.Event) -> threading.Thread:
    """Start the control server on a daemon thread; it stops when ``stop`` is set."""
    if path.exists():
        path.unlink()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    os.chmod(path, 0o600)
    server.listen(4)
    server.settimeout(0.2)

    def loop() -> None:
        with server:
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    continue
                with conn, conn.makefile("rw", encoding="utf-8") as stream:
                    for line in stream:
                        stream.write(answer(link, line.strip()) + "\n")
                        stream.flush()
        path.unlink(missing_ok=True)

    thread = threading.Thread(target=loop, name="simulator-control", daemon=True)
    thread.start()
    logger.info("control socket at %s", path)
    return thread


def send_command(path: Path, command: str, timeout: float = 5.0) -> str:
    """Client side (tests): send one command and return the one-line answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(str(path))
        sock.sendall(command.encode() + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
        return data.decode().strip()
