"""Where an answer to a suitability question leads, shared by every journey's rules.

Sources: none — pure mechanics: the shape of a flow's next place (question, result or a
journey's own page); where each answer leads is sourced in each journey's module.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """`kind` is "question" or "result" (pages every journey has), or a journey's own next
    place such as "route" or "prepare"; `key` names the question, result or place. Whether a
    result blocks is the flow's to say: a result with a way on is in `Flow.continue_after`."""

    kind: str
    key: str
