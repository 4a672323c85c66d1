"""H1 re-measured: does `/healthz` keep answering while scan-bomb uploads are in flight, and
what does one photo check cost in memory?

1. Latency under attack. Starts gunicorn (2 sync workers, the repository's
   `gunicorn.conf.py`: its worker timeout) on 127.0.0.1 with a throw-away SQLite database,
   signs up an account through the real passkey ceremony (the software authenticator of
   `tests/helpers/authenticator.py`, cookies handled by hand as a browser would for the
   `__Host-` cookie on http://localhost), then measures `GET /healthz` on the quiet server,
   and again while BENCH_ATTACKERS clients keep posting the report's scan bomb (8480 x 8480
   progressive, its last scan repeated 1,000 times, 0.5 MB) to `/photo/check` for
   BENCH_ATTACK_SECONDS. The per-account photo-check limit is raised for the run so that
   every upload reaches the checker (with the default, the 11th in a minute gets a 429).
   Prints the latencies, their ratio to the quiet run, probes that timed out, how the bomb
   uploads were answered, and the worker timeouts gunicorn logged; then the answer time of
   one bomb upload beside the same number of bytes that are not a JPEG (refused before any
   check), one upload at a time.
2. Peak memory per photo check, in this process: the peak resident set size
   (`/proc/self/status` VmHWM, reset through `/proc/self/clear_refs`) above the resident size
   before the call, for what the app does with an upload (check, overlay from the same
   decode, metadata strip). Printed against the decoded image (width x height x 3 bytes:
   what a full decode holds; the goal is < 2x) and against the working copy the checks use.

Bounded: a fixed number of quiet probes, a fixed attack time, timeouts on every request;
gunicorn is stopped at the end whatever happens. Loopback only. Prints; asserts nothing.
"""

from __future__ import annotations

import base64
import ctypes
import ctypes.util
import gc
import io
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pages import free_port, wait_until_up  # noqa: E402
from benchmarks.bench_photo_upload import phone_photo  # noqa: E402
from benchmarks.http_visitor import Visitor, request  # noqa: E402
from photo_checks import check_and_decode, render_overlay, strip_metadata  # noqa: E402
from photo_checks.jpeg import read_frame_header  # noqa: E402
from tests.helpers import crafted_images as crafted  # noqa: E402
from tests.helpers import portraits  # noqa: E402

WORKERS = 2
QUIET_PROBES = int(os.environ.get("BENCH_QUIET_PROBES", "200"))
ATTACK_SECONDS = float(os.environ.get("BENCH_ATTACK_SECONDS", "20"))
ATTACKERS = int(os.environ.get("BENCH_ATTACKERS", "2"))  # the report posted it twice in parallel
PROBE_TIMEOUT_S = 5.0  # what the report's probe waited before counting a timeout
PROBE_PAUSE_S = 0.02
UPLOADS_ALONE = 9
HTMX = {"HX-Request": "true", "HX-Target": "photo-result"}
_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")


@dataclass(frozen=True)
class Server:
    port: int
    log: Path

    @property
    def host(self) -> str:
        return f"localhost:{self.port}"  # the app sends 127.0.0.1 visitors to localhost


@dataclass
class Probes:
    latencies: list[float] = field(default_factory=list)
    timeouts: int = 0


def main() -> None:
    print("building the scan bomb as the report did (8480 x 8480 progressive, 1,000 scans)…")
    plain_72mp = crafted.progressive_jpeg(8480, 8480)
    bomb = crafted.with_last_scan_repeated(plain_72mp, 1000)
    print(f"scan bomb: {len(bomb) / 1e3:.0f} KB")
    with (
        tempfile.TemporaryDirectory(prefix="bench-scan-bomb-") as workdir,
        serve(Path(workdir)) as server,
    ):
        visitor = Visitor(server.port)
        visitor.sign_up(then="/photo/take")
        probe(server, Probes(), count=20)  # warm-up: imports, first connections
        quiet = probe(server, Probes(), count=QUIET_PROBES)
        attack, answers, upload_times = under_attack(server, visitor, bomb)
        timeouts = server.log.read_text(errors="replace").count("WORKER TIMEOUT")
        alone = one_by_one(visitor, bomb)
        control = one_by_one(visitor, b"x" * len(bomb))  # refused before any check
    print_latency(quiet, attack, answers, upload_times, timeouts)
    print(
        f"one upload at a time, median of {UPLOADS_ALONE}: scan bomb {alone * 1000:.0f} ms, the "
        f"same number of non-JPEG bytes (refused at the door) {control * 1000:.0f} ms: "
        f"{alone / control:.2f}x"
    )
    print_memory(plain_72mp, bomb)


@contextmanager
def serve(workdir: Path) -> Iterator[Server]:
    """Migrate a fresh SQLite database and run gunicorn on it with the repository's config."""
    from app import create_app
    from app.extensions import db
    from app.storage import migrate

    port = free_port()
    settings = {
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MYNA_SECRET_KEY": secrets.token_urlsafe(48),
        "MYNA_DATA_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="),
        "MYNA_RP_ID": "localhost",
        "MYNA_ORIGIN": f"http://localhost:{port}",
        "MYNA_RATELIMIT_PHOTO_CHECK": "100000 per minute",
    }
    app = create_app({key.removeprefix("MYNA_"): value for key, value in settings.items()})
    migrate.upgrade(db.engine_for(app))
    db.engine_for(app).dispose()
    log = workdir / "gunicorn.err"
    command = [
        sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
        "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT),
        "--error-logfile", str(log), "wsgi:app",
    ]  # fmt: skip
    process = subprocess.Popen(command, env={**os.environ, **settings}, start_new_session=True)
    try:
        wait_until_up(port, process)
        yield Server(port, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def upload(visitor: Visitor, data: bytes) -> tuple[int, float]:
    """Post a photo to the check as htmx does; (status, seconds), status 0 if cut off."""
    started = time.perf_counter()
    try:
        status = visitor.post_file("/photo/check", "photo", data, HTMX)
    except OSError:
        status = 0  # connection reset or timed out: what the report saw when workers died
    return status, time.perf_counter() - started


def probe(
    server: Server, probes: Probes, *, count: int = 10**9, until: float | None = None
) -> Probes:
    """`GET /healthz` one after another, `count` times or until `until` (monotonic)."""
    for _ in range(count):
        if until is not None and time.monotonic() > until:
            break
        started = time.perf_counter()
        try:
            request(server.port, "GET", "/healthz", {"Host": server.host}, timeout=PROBE_TIMEOUT_S)
            probes.latencies.append(time.perf_counter() - started)
        except OSError:  # socket.timeout included
            probes.timeouts += 1
        time.sleep(PROBE_PAUSE_S)
    return probes


def under_attack(
    server: Server, visitor: Visitor, bomb: bytes
) -> tuple[Probes, Counter[int], list[float]]:
    answers: Counter[int] = Counter()
    upload_times: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + ATTACK_SECONDS

    def attacker() -> None:
        while time.monotonic() < stop:
            status, elapsed = upload(visitor, bomb)
            with lock:
                answers[status] += 1
                upload_times.append(elapsed)

    threads = [threading.Thread(target=attacker, daemon=True) for _ in range(ATTACKERS)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # let the first uploads reach the workers
    probes = probe(server, Probes(), until=stop)
    for thread in threads:
        thread.join(timeout=visitor.timeout + 5)
    return probes, answers, upload_times


def one_by_one(visitor: Visitor, data: bytes) -> float:
    """Median answer time of UPLOADS_ALONE uploads sent one after another."""
    return statistics.median(upload(visitor, data)[1] for _ in range(UPLOADS_ALONE))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def print_latency(
    quiet: Probes, attack: Probes, answers: Counter[int], upload_times: list[float], timeouts: int
) -> None:
    print(
        f"\n/healthz latency: gunicorn {WORKERS} sync workers ({ROOT / 'gunicorn.conf.py'}); "
        f"{ATTACKERS} clients posting the scan bomb for {ATTACK_SECONDS:.0f} s; "
        f"{os.cpu_count()} CPUs shared by server and clients"
    )
    print(f"{'run':<24} {'probes':>7} {'timeouts':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for label, run in (("quiet", quiet), ("scan bombs in flight", attack)):
        lat = run.latencies or [float("nan")]
        print(
            f"{label:<24} {len(run.latencies):>7} {run.timeouts:>9} "
            f"{percentile(lat, 0.5) * 1000:>8.2f} {percentile(lat, 0.99) * 1000:>8.2f} "
            f"{max(lat) * 1000:>8.2f}"
        )
    if quiet.latencies and attack.latencies:
        p50 = percentile(attack.latencies, 0.5) / percentile(quiet.latencies, 0.5)
        p99 = percentile(attack.latencies, 0.99) / percentile(quiet.latencies, 0.99)
        print(f"under attack / quiet: p50 {p50:.2f}x, p99 {p99:.2f}x")
    codes = ", ".join(f"{code or 'no answer'}: {n}" for code, n in sorted(answers.items()))
    if upload_times:
        p50_ms, max_ms = percentile(upload_times, 0.5) * 1000, max(upload_times) * 1000
        print(
            f"scan-bomb uploads: {sum(answers.values())} ({codes}); "
            f"answered in p50 {p50_ms:.0f} ms, max {max_ms:.0f} ms"
        )
    print(f"gunicorn WORKER TIMEOUT lines: {timeouts}")


def _status_kib(name: str) -> int:
    status = Path("/proc/self/status").read_text()
    found = re.search(rf"^{name}:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _photo_check(data: bytes) -> tuple[int, float, str, tuple[int, int] | None]:
    """Peak RSS growth (bytes) and time of what the app does with one upload."""
    gc.collect()
    _LIBC.malloc_trim(0)  # hand freed heap back, so the growth is what this call allocates
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
    before = _status_kib("VmRSS")
    started = time.perf_counter()
    report, decoded = check_and_decode(data)
    if decoded is not None:
        render_overlay(decoded, report)
        strip_metadata(data)
    elapsed = time.perf_counter() - started
    peak = (_status_kib("VmHWM") - before) * 1024
    working = decoded.image.size if decoded is not None else None
    return peak, elapsed, ",".join(report.codes) or "-", working


def _phone_photo(*, subsampling: int) -> bytes:
    """bench_photo_upload's 12 MP photo with sensor-like noise, saved progressive."""
    out = io.BytesIO()
    with Image.open(io.BytesIO(phone_photo())) as image:
        image.save(out, "JPEG", quality=92, progressive=True, subsampling=subsampling)
    return out.getvalue()


def print_memory(plain_72mp: bytes, bomb: bytes) -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError as error:
        print(f"\npeak memory: not measured ({error}: needs Linux /proc/self/clear_refs)")
        return
    files = [
        ("12 MP progressive 4:2:0", _phone_photo(subsampling=2)),
        ("12 MP progressive 4:4:4", _phone_photo(subsampling=0)),
        ("36 MP progressive 4:2:0", crafted.progressive_jpeg(6000, 6000)),
        ("72 MP-declared progressive", plain_72mp),
        ("72 MP scan bomb", bomb),
    ]
    crafted.progressive_jpeg.cache_clear()
    _photo_check(portraits.id_photo())  # warm-up: face cascades, numpy
    print(
        "\npeak memory per photo check (check + overlay from the same decode + strip), in-process"
    )
    print(
        f"{'file':<28} {'KB':>6} {'ms':>6} {'peak MiB':>9} {'/ decoded':>10} "
        f"{'/ working':>10}  codes"
    )
    for label, data in files:
        frame = read_frame_header(data, count_scans=False)
        decoded_bytes = frame.width * frame.height * 3
        peak, elapsed, codes, working = _photo_check(data)
        working_bytes = working[0] * working[1] * 3 if working else 1024 * 768 * 3
        print(
            f"{label:<28} {len(data) / 1e3:>6.0f} {elapsed * 1000:>6.0f} {peak / 2**20:>9.1f} "
            f"{peak / decoded_bytes:>9.2f}x {peak / working_bytes:>9.1f}x  {codes[:60]}"
        )
    print(
        "(decoded: width x height x 3 bytes, the image a full decode holds; working: the "
        "<= 1024 px copy the checks and the overlay use. Progressive files need libjpeg's "
        "whole-image coefficient buffer, 2 bytes per sample, whatever the draft scale.)"
    )


if __name__ == "__main__":
    main()
