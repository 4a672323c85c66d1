"""Accuracy of check_photo per code on the photos of real people (tests/photo_checks/people.py).

For each calibration and held-out person: the good placement and the J-LIS framing
must pass; each defect photo must report its code with its severity (the painted open
mouth too, in its own row: the mesh follows the paint on Obama only, see the docs). Real photos of
turned heads must report ``head_turned``. Prints the table of the closing note;
asserts nothing (the tests assert the calibration set). Needs ../shared/photos/people.

Run: ``.venv/bin/python benchmarks/photo_accuracy.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _judge(name: str, defect: str | None) -> tuple[str, bool, tuple[str, ...]]:
    from photo_checks import check_photo
    from tests.photo_checks import people

    if defect == "mouth_wide_open":  # painted, not one of people.DEFECTS: see the docs
        report = check_photo(people.jpeg(people.mouth_wide_open(name)))
        ok = {p.code: p.severity for p in report.problems}.get("mouth_open") == "warn"
        return "mouth_open warn (painted)", ok, report.codes
    if defect is None or defect == "id_framed":
        image = people.good(name) if defect is None else people.id_framed(name)
        report = check_photo(people.jpeg(image))
        return f"{defect or 'good'} passes", report.verdict == "pass", report.codes
    _, code, severity = people.DEFECTS[defect]
    report = check_photo(people.photo(name, defect))
    found = {p.code: p.severity for p in report.problems}
    return f"{code} {severity}", found.get(code) == severity, report.codes


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from PIL import Image

    from photo_checks import check_photo
    from tests.photo_checks import people

    rows: dict[str, list[int]] = {}
    for group, names in (("calibration", people.CALIBRATION), ("held-out", people.HELD_OUT)):
        for name in names:
            for defect in (None, "id_framed", *people.DEFECTS, "mouth_wide_open"):
                label, ok, codes = _judge(name, defect)
                row = rows.setdefault(f"{group:11} {label}", [0, 0])
                row[0] += int(ok)
                row[1] += 1
                if not ok:
                    print(f"  miss: {group} {name} {defect or 'good'} -> {list(codes)}")
    turned = sum(
        "head_turned"
        in check_photo(people.jpeg(Image.open(people.PEOPLE / n).convert("RGB"))).codes
        for n in people.TURNED
    )
    rows["real       head_turned (turned heads)"] = [turned, len(people.TURNED)]
    for key, (hit, total) in rows.items():
        print(f"{key:45} {hit}/{total}")
    hits = sum(h for h, _ in rows.values())
    total = sum(t for _, t in rows.values())
    print(f"{'all':45} {hits}/{total} ({100 * hits / total:.0f} %)")


if __name__ == "__main__":
    main()
