"""The states of the records the office decides on, and which staff action may move which.

One table per record kind, so a view, a service and a template never spell a transition out
themselves. Card applications are received by the gateway and decided elsewhere (J-LIS): the
office only looks at them.

Sources:
- docs/domain/procedures.md §4.5: NHI enrolments. MynaPortal's states for e-applications,
  処理中 ("in review") and 要訂正 (resubmit after correction), then accepted, with the
  資格確認書 or 資格情報のお知らせ posted about a week later.
- docs/domain/procedures.md §3.4: insurance cancellation requests (利用登録解除申請), applied
  for in writing to the insurer, reflected around the end of the following month, after which
  the insurer issues a 資格確認書: received, being handled, done, forward only.
- sources/004_ddb9b7bd2bc2cbb0.txt:87-135 (Chuo City, 2024-12-04): the cancellation is
  applied for in advance and can take about two months to be reflected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordStates:
    """A record kind's states (in their natural order) and its transitions."""

    kind: str  # the audit trail's `record_type`
    states: tuple[str, ...]
    # (state, action) -> the state after it; a pair not listed is refused.
    transitions: Mapping[tuple[str, str], str]

    def can(self, state: str, action: str) -> bool:
        """Whether staff may take `action` on a record in `state`."""
        return (state, action) in self.transitions

    def after(self, state: str, action: str) -> str:
        """The state `action` leads to; `ValueError` when it is not allowed from `state`."""
        try:
            return self.transitions[(state, action)]
        except KeyError:
            raise ValueError(f"{self.kind}: {action} is not allowed from {state}") from None

    def actions(self, state: str) -> tuple[str, ...]:
        """The actions allowed from `state`, in the table's order (for the decision forms)."""
        return tuple(action for (start, action) in self.transitions if start == state)

    def is_open(self, state: str) -> bool:
        """Still waiting for a decision (some action is allowed)."""
        return bool(self.actions(state))


NHI_ENROLMENT = RecordStates(
    kind="nhi_enrolment",
    states=("received", "in_review", "accepted", "needs_correction"),
    transitions={
        ("received", "start_review"): "in_review",
        ("received", "accept"): "accepted",
        ("received", "ask_correction"): "needs_correction",
        ("in_review", "accept"): "accepted",
        ("in_review", "ask_correction"): "needs_correction",
    },
)

INSURANCE_CANCELLATION = RecordStates(
    kind="insurance_cancellation",
    states=("received", "in_progress", "completed"),
    transitions={
        ("received", "start"): "in_progress",
        ("received", "complete"): "completed",
        ("in_progress", "complete"): "completed",
    },
)

CARD_APPLICATION = RecordStates(kind="card_application", states=("received",), transitions={})

# The status a cancellation's form posts -> the action that reaches it.
CANCELLATION_ACTION_FOR = {"in_progress": "start", "completed": "complete"}
