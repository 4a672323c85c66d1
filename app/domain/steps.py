"""Where an answer to a suitability question leads, shared by every journey's rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """`kind` is "question" or "result" (pages every journey has), or a journey's own next
    place such as "route" or "prepare"; `key` names the question, result or place. Whether a
    result blocks is the flow's to say: a result with a way on is in `Flow.continue_after`."""

    kind: str
    key: str
