"""The report's JSON shape (docs/domain/photo.md) and its verdict rule."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from photo_checks import Finding, Measures, PhotoReport, PhotoRules
from photo_checks.messages import known_keys

ROOT = Path(__file__).resolve().parents[2]
MEASURE_KEYS = [
    "width", "height", "bytes", "head_ratio", "top_margin", "bottom_margin", "center_offset",
    "roll_deg", "eye_distance_px", "background_edge_share", "background_l_std",
    "background_gradient", "sharpness", "shake", "face_luminance", "light_balance",
    "yaw_deg", "pitch_deg", "eye_openness", "mouth_openness", "eye_darkness", "glare_share",
    "background_halo_shadow", "person_mask",
]  # fmt: skip
CODES = [
    "unsupported_format", "corrupt_image", "file_too_small", "file_too_large",
    "too_few_pixels", "too_many_pixels", "not_rgb", "no_face", "multiple_faces",
    "face_cut_off", "too_close", "too_far", "no_room_above_head", "no_room_below_chin",
    "off_center", "head_tilted", "background_not_plain", "background_shadow",
    "background_too_dark", "blurry", "too_dark", "too_bright", "uneven_lighting", "selfie",
    "mirrored", "old_photo", "edited",
]  # fmt: skip
# Codes added by the face mesh (issue 14); documented in docs/photo_checks.md until the
# shared contract table (domain/photo.md) takes them.
MESH_CODES = [
    "head_turned", "eyes_closed", "eyes_covered", "sunglasses", "glasses_glare",
    "mouth_covered", "mouth_open", "head_covered",
]  # fmt: skip


def test_json_has_exactly_the_documented_keys(good_report: PhotoReport) -> None:
    doc = json.loads(good_report.to_json())
    assert list(doc) == ["file", "verdict", "problems", "measures", "face", "crop", "elapsed_ms"]
    assert list(doc["measures"]) == MEASURE_KEYS
    assert set(doc["face"]) == {"box", "eyes", "crown_y", "chin_y", "outline"}
    assert len(doc["face"]["outline"]) == 36  # the mesh's face oval, drawn by the overlay
    assert len(doc["face"]["box"]) == 4 and len(doc["crop"]) == 4
    assert all(len(eye) == 2 for eye in doc["face"]["eyes"])
    assert isinstance(doc["elapsed_ms"], float)


def test_problem_json_has_code_severity_bilingual_message_and_region() -> None:
    finding = Finding.of("too_close", "fail", (1.4, 2.6, 30.0, 40.0))
    assert finding.to_dict() == {
        "code": "too_close",
        "severity": "fail",
        "message": dict(finding.message),
        "region": [1, 3, 30, 40],
    }


def test_japanese_is_written_as_is_in_json() -> None:
    report = PhotoReport("写真.jpg", (Finding.of("blurry", "warn"),), Measures(bytes=1))
    assert "ピント" in report.to_json()
    assert "写真.jpg" in report.to_json()


@pytest.mark.parametrize(
    ("severities", "verdict"),
    [((), "pass"), (("warn",), "warn"), (("warn", "fail"), "fail"), (("fail",), "fail")],
)
def test_verdict_is_the_worst_severity(severities: tuple[str, ...], verdict: str) -> None:
    problems = tuple(Finding.of("blurry", s) for s in severities)  # type: ignore[arg-type]
    assert PhotoReport(None, problems, Measures()).verdict == verdict


def test_code_list_matches_the_contract_table() -> None:
    contract = ROOT.parent / "shared/docs/domain/photo.md"
    if not contract.exists():
        pytest.skip("the shared domain docs are not checked out next to this repository")
    text = contract.read_text(encoding="utf-8")
    table_codes = re.findall(r"^\| ([a-z_]+) \|", text, flags=re.MULTILINE)
    assert [c for c in table_codes if c != "code"] == CODES


def test_mesh_codes_are_in_the_documented_table() -> None:
    text = (ROOT / "docs/photo_checks.md").read_text(encoding="utf-8")
    table_codes = set(re.findall(r"^\| ([a-z_]+) \|", text, flags=re.MULTILINE))
    assert set(MESH_CODES) <= table_codes


def test_every_code_has_a_message_in_every_language() -> None:
    assert set(CODES + MESH_CODES) <= known_keys()
    for code in CODES + MESH_CODES:
        message = Finding.of(code, "fail", edges=["top"], problems=["no_room_above_head"])
        assert {"ja", "en"} <= set(message.message)
        assert all(text.strip() and "{" not in text for text in message.message.values())


def test_rules_are_frozen_and_match_the_contract_numbers() -> None:
    rules = PhotoRules()
    with pytest.raises(AttributeError):
        rules.min_bytes = 1  # type: ignore[misc]
    assert (rules.min_bytes, rules.max_bytes) == (20_480, 7_000_000)
    assert (rules.min_side_px, rules.max_side_px) == (480, 6000)
    assert (rules.too_close_warn, rules.too_close_fail) == (0.70, 0.80)
    assert (rules.top_margin_fail, rules.bottom_margin_fail) == (0.06, 0.15)
    assert rules.max_age_days == 183


def test_rules_module_imports_nothing_but_the_standard_library() -> None:
    tree = ast.parse((ROOT / "photo_checks/rules.py").read_text(encoding="utf-8"))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "dataclasses"}


def test_only_the_detector_modules_import_opencv() -> None:
    importers = set()
    for path in (ROOT / "photo_checks").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n == "cv2" or n.startswith("cv2.") for n in names):
                importers.add(path.name)
    assert importers == {"face.py", "mediapipe_face.py"}
