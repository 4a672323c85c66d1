"""One story per photo: no advice that contradicts the verdict, one message per cause.

J-LIS crops every upload itself (photo-research.md A.1: it refuses only what it
"cannot trim"), so when a legal 35:45 frame fits inside the photo, framing *advice*
(a little close, little room above or below, a little off-centre) tells the user to fix
something J-LIS will not refuse: it is dropped. When the camera was too close, the
missing room above the head and below the chin are consequences of that one cause:
the user reads the cause and the fix once, first, instead of three retake messages.
Likewise "eyes closed" on a blurred face is the blur's doing, not the eyes'.
"""

from __future__ import annotations

from photo_checks.report import Finding

FRAMING_ADVICE = frozenset({"too_close", "no_room_above_head", "no_room_below_chin", "off_center"})
# The findings a close camera causes; their texts are `consequences.*` (photo_checks/locales).
_CONSEQUENCES = ("no_room_above_head", "no_room_below_chin")


def reconcile(findings: list[Finding], crop_fits: bool) -> list[Finding]:
    """Drop contradicted framing advice; fold a close selfie's consequences into its cause."""
    if any(f.code == "blurry" and f.severity == "fail" for f in findings):
        # The mesh cannot see eyelids in a blurred face: one retake fixes both.
        findings = [f for f in findings if f.code != "eyes_closed"]
    if crop_fits:
        findings = [f for f in findings if not (f.severity == "warn" and f.code in FRAMING_ADVICE)]
    cause = next((f for f in findings if f.code == "too_close" and f.severity == "fail"), None)
    if cause is None:
        return findings
    folded = [f for f in findings if f.code in _CONSEQUENCES]
    if not folded:
        return [cause] + [f for f in findings if f is not cause]
    lead = Finding.of(
        "too_close", "fail", cause.region, key="too_close_cause", problems=[f.code for f in folded]
    )
    rest = [f for f in findings if f is not cause and f not in folded]
    return [lead, *rest]
