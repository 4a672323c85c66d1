"""The report's data: findings, measures, face geometry, and the JSON shape.

The JSON shape is fixed by ``docs/domain/photo.md``; ``PhotoReport.to_dict`` is the only
place that produces it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from photo_checks.messages import Message, message_for

Severity = Literal["fail", "warn"]
Verdict = Literal["pass", "warn", "fail"]
Box = tuple[int, int, int, int]
Point = tuple[int, int]
FloatBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Area:
    """The pixels at fault, not only their box: the overlay tints and outlines this shape.

    ``mask`` is coarse (the background is judged at ``background_long_side`` px) and
    covers ``box`` ([x, y, w, h] in the image's pixels): mask cell (r, c) is the part of
    the box ``h / rows`` high and ``w / columns`` wide at that place. Drawing only: not in
    the JSON (a mask is no measure, and the report stays small).
    """

    mask: npt.NDArray[np.bool_] = field(compare=False)
    box: FloatBox

    def scaled(self, sx: float, sy: float) -> Area:
        """The same area with its box in pixels ``sx`` x ``sy`` times larger."""
        x, y, w, h = self.box
        return Area(self.mask, (x * sx, y * sy, w * sx, h * sy))


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: what it is, how bad, what to do, and where to draw it ([x, y, w, h]).

    ``area``, when a check knows the shape (the background at fault), is drawn as that
    shape; ``region`` is its box, where the numbered marker goes.
    """

    code: str
    severity: Severity
    message: Message
    region: Box | None = None
    area: Area | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        code: str,
        severity: Severity,
        region: tuple[float, float, float, float] | None = None,
        *,
        key: str | None = None,
        area: Area | None = None,
        edges: Sequence[str] = (),
        problems: Sequence[str] = (),
        detected: str | None = None,
    ) -> Finding:
        """Build a finding with its message (``key`` picks a variant, default the code)."""
        box = None if region is None else tuple(round(v) for v in region)
        message = message_for(key or code, edges=edges, problems=problems, detected=detected)
        return cls(code, severity, message, box, area)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form of the finding."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": dict(self.message),
            "region": list(self.region) if self.region is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Measures:
    """Every number a check measured; ``None`` when it could not be measured."""

    width: int | None = None
    height: int | None = None
    bytes: int | None = None
    head_ratio: float | None = None
    top_margin: float | None = None
    bottom_margin: float | None = None
    center_offset: float | None = None
    roll_deg: float | None = None
    eye_distance_px: float | None = None
    background_edge_share: float | None = None
    background_l_std: float | None = None
    background_gradient: float | None = None
    sharpness: float | None = None
    shake: float | None = None
    face_luminance: float | None = None
    light_balance: float | None = None
    yaw_deg: float | None = None
    pitch_deg: float | None = None
    eye_openness: float | None = None
    mouth_openness: float | None = None
    eye_darkness: float | None = None
    glare_share: float | None = None
    background_halo_shadow: float | None = None
    person_mask: bool | None = None

    def to_dict(self) -> dict[str, int | float | None]:
        """Measures rounded for reading; the key order follows the documented shape."""
        out: dict[str, int | float | None] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float):
                value = round(value, 4 if abs(value) < 1 else 1)
            out[f.name] = value
        return out


@dataclass(frozen=True, slots=True)
class FaceInfo:
    """The main face, in original-image pixels after EXIF orientation."""

    box: Box
    eyes: tuple[Point, ...]
    crown_y: int
    chin_y: int
    # The face's outline from the mesh (36 points, forehead to chin and back), or empty.
    outline: tuple[Point, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form of the face."""
        return {
            "box": list(self.box),
            "eyes": [list(e) for e in self.eyes],
            "crown_y": self.crown_y,
            "chin_y": self.chin_y,
            "outline": [list(p) for p in self.outline],
        }


def verdict_of(problems: tuple[Finding, ...]) -> Verdict:
    """``fail`` if any problem fails, else ``warn`` if any warns, else ``pass``."""
    severities = {p.severity for p in problems}
    if "fail" in severities:
        return "fail"
    if "warn" in severities:
        return "warn"
    return "pass"


@dataclass(frozen=True, slots=True)
class PhotoReport:
    """Everything ``check_photo`` found about one photo."""

    file: str | None
    problems: tuple[Finding, ...]
    measures: Measures
    face: FaceInfo | None = None
    crop: Box | None = None
    elapsed_ms: float = 0.0

    @property
    def verdict(self) -> Verdict:
        """Overall verdict, derived from the problems so it can never disagree with them."""
        return verdict_of(self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all problems, in report order."""
        return tuple(p.code for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape as plain Python objects."""
        return {
            "file": self.file,
            "verdict": self.verdict,
            "problems": [p.to_dict() for p in self.problems],
            "measures": self.measures.to_dict(),
            "face": self.face.to_dict() if self.face is not None else None,
            "crop": list(self.crop) if self.crop is not None else None,
            "elapsed_ms": round(self.elapsed_ms, 1),
        }

    def to_json(self) -> str:
        """One line of JSON, UTF-8 text kept readable (Japanese is not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(", ", ": "))
