"""Upload to result for a 12 MP phone photo, through the real app over HTTP on localhost.

Prints, for several runs: the server's own time (photo_checks and the overlay; a check
stores nothing: the `Server-Timing` header) and the total seen by the client (sending
4 MB, the server, the result fragment back with the overlay inline). The browser's swap
of that fragment adds a few milliseconds on top. The share of the server in the total is
printed too.

    .venv/bin/python benchmarks/bench_photo_upload.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from e2e.server import LiveServer
from tests.helpers import portraits
from tests.helpers.client import PageClient


def phone_photo() -> bytes:
    """3024 × 4032 (12 MP) with sensor-like noise, so the JPEG is as big as a phone's."""
    image = Image.open(io.BytesIO(portraits.id_photo(3024, 4032)))
    noise = np.random.default_rng(1).normal(0, 5, (4032, 3024, 3))
    noisy = np.asarray(image, dtype=np.int16) + noise
    out = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(out, format="JPEG", quality=92)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    photo = phone_photo()
    with tempfile.TemporaryDirectory() as workdir:
        server = LiveServer.for_workdir(Path(workdir)).start()
        try:
            client = PageClient(server.app)
            client.sign_up("bench")
            token = client.csrf_token()
            cookie = client.http.get_cookie("__Host-session", domain="localhost")
            headers = {
                "Cookie": f"__Host-session={cookie.value}",
                "X-CSRFToken": token,
                "HX-Request": "true",
                "HX-Target": "photo-result",
                "Referer": server.url + "/photo/take",
            }
            print(f"photo: 3024 x 4032, {len(photo) / 1e6:.1f} MB")
            servers, totals = [], []
            for run in range(runs + 1):
                started = time.perf_counter()
                answer = requests.post(
                    server.url + "/photo/check",
                    files={"photo": ("phone.jpg", photo, "image/jpeg")},
                    headers=headers,
                    timeout=60,
                )
                total = (time.perf_counter() - started) * 1000
                assert answer.status_code == 200, answer.status_code
                timing = dict(re.findall(r"(\w+);dur=([\d.]+)", answer.headers["Server-Timing"]))
                verdict = re.search(r'data-verdict="(\w+)"', answer.text)
                if run == 0:
                    continue  # the first run loads the face cascades
                servers.append(float(timing["total"]))
                totals.append(total)
                print(
                    f"run {run}: checks {float(timing['checks']):.0f} ms, server "
                    f"{float(timing['total']):.0f} ms, total {total:.0f} ms, "
                    f"verdict {verdict.group(1) if verdict else '?'}"
                )
            print(
                f"median: server {statistics.median(servers):.0f} ms, total "
                f"{statistics.median(totals):.0f} ms (server share "
                f"{statistics.median(servers) / statistics.median(totals):.0%})"
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
