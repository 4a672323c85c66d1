"""``python -m photo_checks FILE... [--json] [--overlay DIR]``.

Exit status: 0 when every file was judged (whatever the verdicts), 1 when a file could
not be read, 2 for usage errors (argparse).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from photo_checks.checker import check_and_decode
from photo_checks.overlay import render_overlay
from photo_checks.report import PhotoReport


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m photo_checks",
        description="Check ID photos against the My Number Card (J-LIS) online rules.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JPEG photos")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--overlay", type=Path, metavar="DIR", help="write NAME.overlay.jpg for each photo here"
    )
    return parser


def _table_row(report: PhotoReport) -> str:
    m = report.measures
    size = f"{m.width}x{m.height}" if m.width and m.height else "-"
    problems = ", ".join(f"{p.code}({p.severity})" for p in report.problems) or "-"
    return f"{report.file}\t{report.verdict}\t{size}\t{report.elapsed_ms:.0f} ms\t{problems}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.overlay is not None:
        args.overlay.mkdir(parents=True, exist_ok=True)
    status = 0
    if not args.json:
        print("file\tverdict\tsize\ttime\tproblems")
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
            status = 1
            continue
        report, decoded = check_and_decode(data, filename=str(path))
        print(report.to_json() if args.json else _table_row(report), flush=True)
        if args.overlay is not None and decoded is not None:  # else nothing to draw on
            overlay = render_overlay(decoded, report)
            (args.overlay / f"{path.stem}.overlay.jpg").write_bytes(overlay)
    return status


if __name__ == "__main__":
    sys.exit(main())
