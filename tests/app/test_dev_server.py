"""`make run`'s threaded dev server has no worker timeout: a connection that stops sending is
dropped instead of holding its thread for ever (security review H1)."""

from __future__ import annotations

import socket
import threading

import pytest
from flask import Flask
from werkzeug.serving import make_server

from app.demo import DevRequestHandler


def test_a_connection_that_stops_sending_is_closed(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DevRequestHandler, "timeout", 0.5)  # 30 s in make run
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=DevRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
            client.sendall(b"POST /photo/check HTTP/1.1\r\nHost: localhost\r\n")  # and no more
            assert client.recv(1024) == b""  # the server hung up (a hold would time out here)
    finally:
        server.shutdown()
        thread.join(timeout=5)
