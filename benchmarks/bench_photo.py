"""Benchmark: check_photo versus a plain full-resolution decode of a 12 MP JPEG.

Builds a synthetic 3024 x 4032 (12 MP, portrait) JPEG of about 3 MB containing the
scikit-image astronaut's face (upscaled, with noise so it compresses like a phone
photo), then measures in one run:

* the median time of ``check_photo(data)``, of ``Image.open(BytesIO(data)).load()`` and
  of a 1/8-scale draft decode (the floor any decode of the file costs), in wall and CPU
  time, and the check/decode ratio in both (goal: <= 1.0);
* each stage of one check (draft decode, the three models, background, face state…),
  as CPU milliseconds, share of the check and multiple of the plain decode;
* the peak resident memory of each, one fresh process per measurement: a wrapper
  process starts the worker and reads ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (the
  worker's own peak, C allocations in Pillow/OpenCV included), and the worker reports
  its RSS after imports and warm-up, so the growth caused by the measured call can be
  compared with the decoded image size w*h*3 (goal: <= 2x).

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_photo.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 3024, 4032
TARGET_BYTES = 3_000_000


def _rss_kib() -> int:
    """Current resident set size from /proc (Linux), KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def build_photo() -> bytes:
    """A 12 MP portrait JPEG of about 3 MB with the astronaut's face."""
    import numpy as np
    from PIL import Image

    sys.path.insert(0, str(ROOT))
    from tests.photo_checks.portraits import Placement, compose, plain_background

    image = compose(
        plain_background((WIDTH, HEIGHT)),
        Placement(WIDTH / 2, 0.15 * HEIGHT, 0.45 * HEIGHT),
    )
    rng = np.random.default_rng(12)
    pixels = np.asarray(image).astype(np.int16)
    best = b""
    for sigma in (4, 6, 8, 10, 12):  # sensor-like noise until the file is ~3 MB
        noisy = pixels + rng.normal(0, sigma, pixels.shape).astype(np.int16)
        out = BytesIO()
        Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=90)
        best = out.getvalue()
        if len(best) >= TARGET_BYTES:
            break
    return best


def _small_jpeg() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (640, 480), (200, 200, 200)).save(out, "JPEG")
    return out.getvalue()


def worker(mode: str, path: Path) -> None:
    """Run one measured call after imports and warm-up; print the RSS baseline (KiB)."""
    from PIL import Image

    data = path.read_bytes()
    if mode == "check":
        from photo_checks import check_photo

        check_photo(_small_jpeg())  # builds the models, like a warm server worker

        def run() -> None:
            check_photo(data)
    else:
        Image.open(BytesIO(_small_jpeg())).load()

        def run() -> None:
            Image.open(BytesIO(data)).load()

    baseline = _rss_kib()
    run()
    print(json.dumps({"baseline_kib": baseline}))


def wrapper(mode: str, path: Path) -> None:
    """Start one worker and report its peak RSS, read as this process's children's peak."""
    result = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout)
    figures["peak_kib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps(figures))


def _measure_memory(mode: str, path: Path) -> dict[str, int]:
    result = subprocess.run(
        [sys.executable, __file__, "--wrapper", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, int] = json.loads(result.stdout)
    return figures


def _stage_times(data: bytes) -> dict[str, float]:
    """One check, stage by stage (CPU ms): the pipeline of checker._analyse, timed.

    Mirrors ``photo_checks.checker`` call for call (the checker itself keeps no timers),
    and splits the detector into its three models.
    """
    import numpy as np

    from photo_checks import background, face_state, quality
    from photo_checks.crop import legal_crop
    from photo_checks.decode import decode_working
    from photo_checks.head import head_from_mesh
    from photo_checks.mediapipe_face import (
        DETECT_LONG_SIDE,
        _detect_boxes,
        _mesh,
        _Models,
        _resize,
    )
    from photo_checks.rules import DEFAULT_RULES as rules

    times: dict[str, float] = {}

    def timed(name: str, fn: object) -> object:
        start = time.process_time()
        out = fn()  # type: ignore[operator]
        times[name] = (time.process_time() - start) * 1000
        return out

    decoded = timed("draft decode + orient + resize", lambda: decode_working(data, rules))
    image = decoded.image  # type: ignore[attr-defined]
    rgb = np.asarray(image)
    models, _ = _Models.shared()
    small, _scale = timed("copy for the models", lambda: _resize(rgb, DETECT_LONG_SIDE))  # type: ignore[misc]
    boxes = timed("face detection", lambda: _detect_boxes(models, small))
    x, y, w, h = boxes[0]  # type: ignore[index]
    box = (x / _scale, y / _scale, w / _scale, h / _scale)
    points = timed("face mesh", lambda: _mesh(models, rgb, box))
    mask = timed(
        "person segmentation", lambda: models.segmentation.process(small).segmentation_mask
    )
    import cv2

    full_mask = timed(
        "mask to working size",
        lambda: cv2.resize(np.asarray(mask, dtype=np.float32), (rgb.shape[1], rgb.shape[0])),
    )
    head = timed("head geometry", lambda: head_from_mesh(points, full_mask))  # type: ignore[arg-type]
    timed("background over the mask", lambda: background.measure(image, head, rules, full_mask))  # type: ignore[arg-type]
    timed("face state (pose, eyes, mouth, cover)", lambda: face_state.measure(rgb, points, rules))  # type: ignore[arg-type]
    timed("face quality", lambda: quality.measure(image, head, rules))  # type: ignore[arg-type]
    timed("legal crop", lambda: legal_crop(head, image.width, image.height, rules))  # type: ignore[arg-type]
    return times


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from PIL import Image

    from photo_checks import check_photo

    data = build_photo()
    with Image.open(BytesIO(data)) as im:
        size = im.size
    decoded_mib = size[0] * size[1] * 3 / 2**20
    print(f"photo: {size[0]}x{size[1]}, {len(data) / 1e6:.2f} MB, decoded {decoded_mib:.1f} MiB")

    report = check_photo(data)
    print(f"verdict: {report.verdict} {list(report.codes)}")

    def check() -> None:
        check_photo(data)

    def decode() -> None:
        Image.open(BytesIO(data)).load()

    def entropy_floor() -> None:
        """The least any decode of this file costs: libjpeg at 1/8 scale still reads and
        Huffman-decodes every coefficient of the 3 MB stream (it only skips the IDCT)."""
        im = Image.open(BytesIO(data))
        im.draft("RGB", (size[0] // 8, size[1] // 8))
        im.load()

    check()
    decode()
    repeat = 15
    # Interleave so all see the same machine load. CPU time (process_time: every thread
    # of this process, the models' included) is steadier than wall time on a shared box.
    timed: dict[str, list[tuple[float, float]]] = {"check": [], "decode": [], "floor": []}
    for _ in range(repeat):
        for name, fn in (("check", check), ("decode", decode), ("floor", entropy_floor)):
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            timed[name].append(
                ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
            )
    wall_ms = {k: statistics.median(w for w, _ in v) for k, v in timed.items()}
    cpu_ms = {k: statistics.median(c for _, c in v) for k, v in timed.items()}
    check_ms, decode_ms = wall_ms["check"], wall_ms["decode"]
    for key, label in (("check", "check_photo"), ("decode", "full decode"), ("floor", "1/8 draft")):
        print(
            f"{label + ':':17} median {wall_ms[key]:7.1f} ms wall, {cpu_ms[key]:7.1f} ms CPU"
            f"  (n={repeat})"
        )
    print(
        f"ratio check/decode: {check_ms / decode_ms:.2f} wall, "
        f"{cpu_ms['check'] / cpu_ms['decode']:.2f} CPU  (goal <= 1.0); the 1/8 draft floor "
        f"alone is {cpu_ms['floor'] / cpu_ms['decode']:.2f}x the decode's CPU"
    )

    runs = [_stage_times(data) for _ in range(7)]
    stages = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
    total = sum(stages.values())
    print(
        f"stages (CPU, median of {len(runs)} runs, sum {total:.1f} ms; share of the check's"
        f" {cpu_ms['check']:.1f} ms CPU, and x the full decode's CPU):"
    )
    for name, ms in stages.items():
        print(
            f"  {name:40} {ms:7.1f} ms  {100 * ms / cpu_ms['check']:5.1f} %"
            f"  = {ms / cpu_ms['decode']:.2f}x decode"
        )

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "photo.jpg"
        path.write_bytes(data)
        for mode, label in (("check", "check_photo"), ("decode", "full decode")):
            m = _measure_memory(mode, path)
            peak, growth = m["peak_kib"] / 1024, (m["peak_kib"] - m["baseline_kib"]) / 1024
            print(
                f"{label + ':':17} peak RSS {peak:6.1f} MiB, growth over warm baseline "
                f"{growth:6.1f} MiB = {growth / decoded_mib:.2f}x decoded image (goal <= 2x)"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"))
    parser.add_argument("--wrapper", nargs=2, metavar=("MODE", "PATH"))
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(ROOT))
        worker(args.worker[0], Path(args.worker[1]))
    elif args.wrapper:
        wrapper(args.wrapper[0], Path(args.wrapper[1]))
    else:
        main()
