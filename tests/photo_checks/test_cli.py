"""``python -m photo_checks``: JSON lines, a table, overlays, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.photo_checks import cases, people


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "photo_checks", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory, good_jpeg: bytes) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    files = {
        "good": good_jpeg,
        "close": cases.jpeg(cases.DEFECTS["selfie_too_close"][0]()),
        "png": cases.png_of_good_photo(),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.jpg"
        paths[name].write_bytes(data)
    return paths


def test_json_mode_prints_one_documented_object_per_file(photos: dict[str, Path]) -> None:
    result = _run(photos["good"], photos["close"], photos["png"], "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["file"] for d in lines] == [str(photos[n]) for n in ("good", "close", "png")]
    assert [d["verdict"] for d in lines] == ["pass", "fail", "fail"]
    assert "too_close" in {p["code"] for p in lines[1]["problems"]}
    assert lines[2]["problems"][0]["code"] == "unsupported_format"
    assert set(lines[0]) == {
        "file",
        "verdict",
        "problems",
        "measures",
        "face",
        "crop",
        "elapsed_ms",
    }


def test_table_mode_has_a_header_and_a_row_per_file(photos: dict[str, Path]) -> None:
    result = _run(photos["good"], photos["close"])
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.split("\t")[:2] == ["file", "verdict"]
    assert len(rows) == 2 and "\tfail\t" in rows[1] and "too_close(fail)" in rows[1]


def test_overlay_dir_gets_one_image_per_decodable_photo(
    photos: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "overlays"
    result = _run(photos["good"], photos["png"], "--json", "--overlay", out)
    assert result.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["good.overlay.jpg"]


def test_no_arguments_is_a_usage_error() -> None:
    result = _run()
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_missing_file_is_reported_and_the_rest_still_judged(
    photos: dict[str, Path], tmp_path: Path
) -> None:
    result = _run(tmp_path / "missing.jpg", photos["good"], "--json")
    assert result.returncode == 1
    assert "missing.jpg" in result.stderr
    assert json.loads(result.stdout)["verdict"] == "pass"


def _documented_line() -> dict[str, Any]:
    """The JSON example under "The JSON line" in docs/photo_checks.md."""
    doc = (Path(__file__).resolve().parents[2] / "docs/photo_checks.md").read_text()
    section = doc.split("### The JSON line", 1)[1]
    return json.loads(section.split("```json", 1)[1].split("```", 1)[0])  # type: ignore[no-any-return]


@pytest.mark.skipif(not people.PEOPLE.is_dir(), reason="../shared/photos/people is missing")
def test_json_reports_the_new_codes_and_measures_in_the_documented_shape(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sunglasses.jpg"
    path.write_bytes(people.photo("obama.jpg", "sunglasses"))
    result = _run(path, "--json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    documented = _documented_line()
    assert list(line) == list(documented)
    assert list(line["measures"]) == list(documented["measures"])
    assert list(line["face"]) == list(documented["face"])
    assert list(line["problems"][0]) == list(documented["problems"][0])
    assert {p["code"]: p["severity"] for p in line["problems"]} == {"sunglasses": "fail"}
    measures = line["measures"]
    for name in ("yaw_deg", "pitch_deg", "eye_openness", "mouth_openness", "eye_darkness"):
        assert isinstance(measures[name], float), name
    assert measures["person_mask"] is True and len(line["face"]["outline"]) == 36
