"""``check_photo``: the pipeline from raw bytes to a report.

File rules on the raw bytes → frame header, scans and decode budget → safe draft decode
with orientation → face detection → framing, background and quality measures → EXIF hints.
Every refusal becomes a finding: ``check_photo`` does not raise for any input.
``check_and_decode`` also hands back the decoded working copy, so a caller that draws the
overlay does not decode the upload a second time.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from photo_checks import background, exif_hints, face_state, filerules, framing, quality
from photo_checks.consistency import reconcile
from photo_checks.crop import legal_crop
from photo_checks.decode import Decoded, decode_with_header
from photo_checks.errors import PhotoError
from photo_checks.face import FaceDetector, FloatPoint
from photo_checks.head import Head, head_from_face
from photo_checks.jpeg import read_frame_header
from photo_checks.mediapipe_face import MediaPipeFaceDetector
from photo_checks.report import FaceInfo, Finding, Measures, PhotoReport
from photo_checks.rules import DEFAULT_RULES, PhotoRules

logger = logging.getLogger(__name__)
_default_detector: FaceDetector | None = None


def default_detector() -> FaceDetector:
    """The shared MediaPipe detector (its models are built once per process, on first use)."""
    global _default_detector
    if _default_detector is None:
        _default_detector = MediaPipeFaceDetector()
    return _default_detector


@dataclass
class _Result:
    """What the analysis of a decoded image adds to the report (original pixels)."""

    findings: list[Finding] = field(default_factory=list)
    measures: dict[str, float | None] = field(default_factory=dict)
    face: FaceInfo | None = None
    crop: tuple[int, int, int, int] | None = None


def _scale_box(
    box: tuple[float, float, float, float] | tuple[int, int, int, int], sx: float, sy: float
) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return round(x * sx), round(y * sy), round(w * sx), round(h * sy)


def _most_severe_per_code(findings: list[Finding]) -> list[Finding]:
    """One finding per code (two checks can reach the same code), the worst kept in place."""
    worst: dict[str, Finding] = {}
    for f in findings:
        if f.code not in worst or (f.severity == "fail" and worst[f.code].severity == "warn"):
            worst[f.code] = f
    return [f for f in findings if worst[f.code] is f]


def _to_original(findings: list[Finding], sx: float, sy: float) -> list[Finding]:
    out = []
    for f in findings:
        region = None if f.region is None else _scale_box(f.region, sx, sy)
        area = None if f.area is None else f.area.scaled(sx, sy)
        out.append(Finding(f.code, f.severity, f.message, region, area))
    return out


def _face_info(head: Head, outline: tuple[FloatPoint, ...], sx: float, sy: float) -> FaceInfo:
    return FaceInfo(
        box=_scale_box(head.box, sx, sy),
        eyes=tuple((round(x * sx), round(y * sy)) for x, y in head.eyes),
        crown_y=round(head.crown_y * sy),
        chin_y=round(head.chin_y * sy),
        outline=tuple((round(x * sx), round(y * sy)) for x, y in outline),
    )


def _analyse(decoded: Decoded, detector: FaceDetector, rules: PhotoRules) -> _Result:
    """Face, framing, background and quality on the working copy."""
    image = decoded.image
    width, height = image.size
    sx, sy = decoded.scale
    rgb = np.asarray(image)
    faces = detector.detect(rgb)
    result = _Result()
    findings = framing.check_face_count(faces, rules)
    if not faces:
        result.findings = findings
        return result
    head = head_from_face(faces[0], rgb)
    frame = framing.measure(head, width, height, rules)
    eye_distance_px = head.eye_distance * sx
    findings += framing.check_cut_off(head, frame)
    findings += framing.check_size(head, frame, width, eye_distance_px, rules)
    findings += framing.check_margins(head, frame, height, rules)
    findings += framing.check_centering(head, frame, width, height, rules)
    findings += framing.check_tilt(head, rules)
    bg = background.measure(image, head, rules, faces[0].person_mask)
    findings += background.check(bg, rules)
    state = None
    if faces[0].landmarks is not None:
        state = face_state.measure(rgb, faces[0].landmarks, rules)
        findings += face_state.check(state, rules)
    q = quality.measure(image, head, rules)
    findings += quality.check(q, rules)
    crop = legal_crop(head, width, height, rules)
    findings = reconcile(findings, crop is not None)
    result.findings = _to_original(findings, sx, sy)
    result.face = _face_info(head, face_state.outline(faces[0].landmarks), sx, sy)
    result.crop = _scale_box(crop, sx, sy) if crop is not None else None
    result.measures = {
        "head_ratio": frame.head_ratio,
        "top_margin": frame.top_margin,
        "bottom_margin": frame.bottom_margin,
        "center_offset": frame.center_offset,
        "roll_deg": head.roll_deg,
        "eye_distance_px": eye_distance_px,
        "background_edge_share": bg.edge_share if bg else None,
        "background_l_std": bg.l_std if bg else None,
        "background_gradient": bg.gradient if bg else None,
        "sharpness": q.sharpness if q else None,
        "shake": q.shake if q else None,
        "face_luminance": q.luminance if q else None,
        "light_balance": q.balance if q else None,
        **_state_measures(state),
        "background_halo_shadow": bg.halo_shadow
        if bg and faces[0].person_mask is not None
        else None,
        "person_mask": faces[0].person_mask is not None,
    }
    return result


def _state_measures(state: face_state.FaceState | None) -> dict[str, float | None]:
    names = ("yaw_deg", "pitch_deg", "eye_openness", "mouth_openness", "eye_darkness")
    values = {n: getattr(state, n) if state else None for n in names}
    values["glare_share"] = state.glare_share if state else None
    return values


def check_photo(
    data: bytes,
    *,
    now: datetime | None = None,
    rules: PhotoRules | None = None,
    detector: FaceDetector | None = None,
    filename: str | None = None,
) -> PhotoReport:
    """Judge one uploaded photo against the J-LIS rules; never raises for bad input.

    The arguments are those of ``check_and_decode``.
    """
    report, _ = check_and_decode(data, now=now, rules=rules, detector=detector, filename=filename)
    return report


def check_and_decode(
    data: bytes,
    *,
    now: datetime | None = None,
    rules: PhotoRules | None = None,
    detector: FaceDetector | None = None,
    filename: str | None = None,
) -> tuple[PhotoReport, Decoded | None]:
    """``check_photo``, plus the decoded working copy (None when it was not decoded).

    Pass the copy to ``render_overlay`` instead of the bytes: the upload is decoded once.

    Args:
        data: the file exactly as uploaded.
        now: the reference time for "taken within 6 months" (default: now).
        rules: thresholds (default: the values in ``docs/domain/photo.md``).
        detector: face detector (default: MediaPipe detection, mesh and person mask).
        filename: copied into the report for the caller's convenience.
    """
    started = time.perf_counter()
    rules = rules or DEFAULT_RULES
    findings = filerules.check_size(data, rules)
    measures: dict[str, float | None] = {"bytes": len(data)}
    face: FaceInfo | None = None
    crop: tuple[int, int, int, int] | None = None
    decoded = _decode(data, rules, findings, measures)
    if decoded is not None and time.perf_counter() - started > rules.max_check_seconds:
        findings.append(filerules.over_budget())
        decoded = None
    if decoded is not None:
        findings += filerules.check_mode(decoded.mode, decoded.width, decoded.height)
        result = _analyse(decoded, detector or default_detector(), rules)
        findings += result.findings
        measures.update(result.measures)
        face, crop = result.face, result.crop
        findings += exif_hints.check(
            decoded.exif,
            decoded.orientation,
            now=now or datetime.now(),
            size=(decoded.width, decoded.height),
            eye_distance_px=result.measures.get("eye_distance_px"),
            rules=rules,
        )
    report = PhotoReport(
        file=filename,
        problems=tuple(_most_severe_per_code(findings)),
        measures=Measures(**measures),  # type: ignore[arg-type]
        face=face,
        crop=crop,
        elapsed_ms=(time.perf_counter() - started) * 1000,
    )
    # Codes and measures only: never file names, EXIF values or pixels.
    logger.debug("photo %s %s %s", report.verdict, report.codes, report.measures.to_dict())
    return report, decoded


def _decode(
    data: bytes, rules: PhotoRules, findings: list[Finding], measures: dict[str, float | None]
) -> Decoded | None:
    """File format, frame header, decode budget and decode; appends findings on refusal."""
    detected = filerules.sniff_format(data)
    if detected != "JPEG":
        findings.append(filerules.unsupported_format(detected))
        return None
    if len(data) > rules.max_decode_bytes:
        return None
    try:
        header = read_frame_header(data)
        measures.update(width=header.width, height=header.height)
        header_findings, decodable = filerules.check_header(header, rules)
        findings.extend(header_findings)
        if not decodable:
            return None
        decoded = decode_with_header(data, header, rules)
    except PhotoError:
        findings.append(Finding.of("corrupt_image", "fail"))
        return None
    measures.update(width=decoded.width, height=decoded.height)
    return decoded
