"""Throughput and latency of a full page and of htmx fragments, as ratios to a bare endpoint.

Starts the app under gunicorn (2 sync workers) on 127.0.0.1 with a throw-away SQLite
database, then drives it with a closed-loop load generator: BENCH_CLIENTS processes, each
sending one request at a time on a new connection (gunicorn's sync workers do not keep
connections alive). Every endpoint is measured in each of BENCH_ROUNDS interleaved rounds
of BENCH_REQUESTS requests, so the ratios compare figures taken side by side in one run.

Endpoints:
- bare: `GET /healthz`, which returns "ok" and touches neither templates nor the database;
- page: `GET /`, the landing page, anonymous, as a first visit sees it;
- fragment: `GET /account` with `HX-Request`/`HX-Target: display-name-section`, the profile's
  display-name section that htmx swaps in (signed in: a user, a server-side session row and
  its encrypted cookie are made directly, no passkey ceremony; the cookie is the one the first
  page answers with, holding the CSRF token as a browser's would), next to the same URL as a
  full page; every signed-in request checks its session against the database;
- alert fragment: an htmx `GET` of a missing page, answered with the 404 alert fragment
  (the only fragment an anonymous visitor can get).

Then the bytes a first visit to `/` downloads (HTML, CSS, htmx, app.mjs and the modules the
page loads), raw and gzip-compressed. Prints numbers; asserts nothing. Loopback only.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "600"))  # per endpoint and round
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
TIME_CAP_S = float(os.environ.get("BENCH_TIME_CAP", "20"))  # per endpoint and round
# Seconds gunicorn may take to answer: on a loaded machine its workers boot slowly.
START_TIMEOUT_S = float(os.environ.get("BENCH_START_TIMEOUT", "120"))
WORKERS = 2
GZIP_LEVEL = 6  # what nginx or a CDN would typically use


@dataclass
class Endpoint:
    label: str
    path: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    size: int = 0  # body bytes
    latencies: list[float] = field(default_factory=list)
    rates: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Server:
    port: int
    cookie: str  # a signed session cookie for the benchmark user

    @property
    def host(self) -> str:
        # The app sends 127.0.0.1 visitors to localhost (passkeys need a domain name).
        return f"localhost:{self.port}"


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="bench-pages-") as workdir,
        serve(Path(workdir)) as server,
    ):
        signed_in = {"Cookie": f"__Host-session={browser_cookie(server)}"}
        htmx = {"HX-Request": "true", "HX-Current-URL": f"http://{server.host}/account"}
        endpoints = [
            Endpoint("bare     GET /healthz", "/healthz", 200),
            Endpoint("page     GET /", "/", 200),
            Endpoint("page     GET /account (signed in)", "/account", 200, signed_in),
            Endpoint(
                "fragment GET /account (htmx, signed in)",
                "/account",
                200,
                {**signed_in, **htmx, "HX-Target": "display-name-section"},
            ),
            Endpoint("fragment GET /no-such-page (htmx 404 alert)", "/no-such-page", 404, htmx),
        ]
        for endpoint in endpoints:  # what each answers, so a fragment is seen to be one
            _, _, body = fetch(server.port, server.host, endpoint.path, endpoint.headers)
            endpoint.size = len(body)
        with ProcessPoolExecutor(max_workers=CLIENTS) as pool:
            for endpoint in endpoints:  # warm-up: worker imports, template caches, connections
                run_load(pool, server, endpoint, max(CLIENTS * 20, REQUESTS // 10))
                endpoint.latencies.clear()
                endpoint.rates.clear()
            for _ in range(ROUNDS):
                for endpoint in endpoints:
                    run_load(pool, server, endpoint, REQUESTS)
        print_throughput(endpoints)
        print_first_load(server)


@contextmanager
def serve(workdir: Path) -> Iterator[Server]:
    """Migrate a fresh database, make a signed-in user, and run gunicorn against it."""
    from app import create_app
    from app.auth import SESSION_ID
    from app.extensions import db
    from app.storage import migrate, user_sessions, users

    settings = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MYNA_SECRET_KEY": secrets.token_urlsafe(48),
        "MYNA_DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="),
        "MYNA_RP_ID": "localhost",
    }
    env = {**os.environ, **settings}
    app = create_app({key.removeprefix("MYNA_"): value for key, value in settings.items()})
    migrate.upgrade(db.engine_for(app))
    with app.app_context():
        user = users.create_user(db.session, "ベンチ")
        db.session.flush()
        # A real server-side session (what a passkey sign-in makes), read on every request.
        token = user_sessions.start(
            db.session, user.id, now=datetime.now(UTC), lifetime=timedelta(days=1)
        )
        db.session.commit()
        cookie = app.session_interface.get_signing_serializer(app).dumps(  # type: ignore[attr-defined]
            {SESSION_ID: token, "_permanent": True}
        )
    db.engine_for(app).dispose()

    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "--workers", str(WORKERS),
        "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT), "--log-level", "warning",
        "app:create_app()",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env)
    try:
        wait_until_up(port, process)
        yield Server(port, cookie)
    finally:
        process.terminate()
        process.wait(timeout=15)


def browser_cookie(server: Server) -> str:
    """The session cookie as a browser holds it after its first signed-in page: the server
    adds the CSRF token to it then, so later requests (htmx fragments) do not rewrite it."""
    _, headers, _ = fetch(
        server.port, server.host, "/account", {"Cookie": f"__Host-session={server.cookie}"}
    )
    match = re.search(r"__Host-session=([^;]+)", headers.get("Set-Cookie", ""))
    return match.group(1) if match else server.cookie


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            status, _, _ = fetch(port, f"localhost:{port}", "/healthz", {})
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)  # polling a server that is starting; not part of any measurement
    raise SystemExit(f"gunicorn did not answer /healthz within {START_TIMEOUT_S:.0f} s")


def fetch(
    port: int, host: str, path: str, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    """One GET on a new loopback connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def client(
    port: int, host: str, path: str, headers: dict[str, str], status: int, count: int
) -> list[float]:
    """A closed-loop client: `count` requests one after another (or until the time cap)."""
    deadline = time.monotonic() + TIME_CAP_S
    latencies = []
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        got, _, _ = fetch(port, host, path, headers)
        latencies.append(time.perf_counter() - started)
        if got != status:
            raise RuntimeError(f"GET {path} answered {got}, expected {status}")
    return latencies


def run_load(pool: Executor, server: Server, endpoint: Endpoint, requests: int) -> None:
    share = max(1, requests // CLIENTS)
    started = time.perf_counter()
    futures = [
        pool.submit(
            client, server.port, server.host, endpoint.path, endpoint.headers,
            endpoint.status, share,
        )
        for _ in range(CLIENTS)
    ]  # fmt: skip
    done = [latency for future in futures for latency in future.result()]
    elapsed = time.perf_counter() - started
    endpoint.latencies.extend(done)
    endpoint.rates.append(len(done) / elapsed)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def print_throughput(endpoints: list[Endpoint]) -> None:
    print(
        f"gunicorn {WORKERS} sync workers on 127.0.0.1; {CLIENTS} client processes; "
        f"{ROUNDS} rounds x {REQUESTS} requests per endpoint; {os.cpu_count()} CPUs shared "
        "by server and clients"
    )
    bare = endpoints[0]
    bare_rate = statistics.median(bare.rates)
    bare_p99 = percentile(bare.latencies, 0.99)
    print(
        f"{'endpoint':<46} {'bytes':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'req/s / bare':>13} {'p99 / bare':>11}"
    )
    for endpoint in endpoints:
        rate = statistics.median(endpoint.rates)
        p50 = percentile(endpoint.latencies, 0.50) * 1000
        p99 = percentile(endpoint.latencies, 0.99)
        print(
            f"{endpoint.label:<46} {endpoint.size:>6} {rate:>7.0f} {p50:>7.2f} {p99 * 1000:>7.2f} "
            f"{rate / bare_rate:>13.2f} {p99 / bare_p99:>11.2f}"
        )
    print("(req/s: median of the rounds; p50/p99: over every measured request)")


def print_first_load(server: Server) -> None:
    """What a first visit to `/` downloads: the page, its CSS, htmx, app.mjs and modules."""
    status, headers, html = fetch(server.port, server.host, "/", {"Accept-Encoding": "gzip"})
    compressed_by_server = headers.get("Content-Encoding") == "gzip"
    page = html.decode() if not compressed_by_server else gzip.decompress(html).decode()
    paths = ["/"]
    paths += re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    paths += re.findall(r'<script src="([^"]+)"', page)
    module_root = next(p for p in paths if p.endswith("/app.mjs")).rsplit("/", 1)[0] + "/modules/"
    modules = [m for attr in re.findall(r'data-module="([^"]+)"', page) for m in attr.split()]
    queue = [f"{module_root}{name}.mjs" for name in dict.fromkeys(modules)]
    while queue:  # modules import other modules statically
        path = queue.pop(0)
        if path in paths:
            continue
        paths.append(path)
        _, _, source = fetch(server.port, server.host, path, {})
        for imported in re.findall(r'from\s+"\./([^"]+\.mjs)"', source.decode()):
            queue.append(path.rsplit("/", 1)[0] + "/" + imported)

    print()
    print(
        "First visit to / (bodies only; the server "
        + ("compresses" if compressed_by_server else f"does not compress: gzip level {GZIP_LEVEL}")
        + ")"
    )
    print(f"{'file':<46} {'bytes':>8} {'gzip':>8}")
    total_raw = total_gzip = 0
    for path in paths:
        _, _, body = fetch(server.port, server.host, path, {})
        packed = len(gzip.compress(body, compresslevel=GZIP_LEVEL))
        total_raw += len(body)
        total_gzip += packed
        print(f"{path:<46} {len(body):>8} {packed:>8}")
    print(f"{'total':<46} {total_raw:>8} {total_gzip:>8}")
    print(
        "(after the page has loaded the browser also fetches /manifest.webmanifest, an icon and"
        " /sw.js, and the service worker pre-caches its shell; not counted above)"
    )
    if status != 200:
        print(f"warning: / answered {status}")


if __name__ == "__main__":
    main()
