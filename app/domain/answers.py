"""A section of a journey's typed answers: a frozen dataclass of text answers, read from and
written to the draft's JSON. The NHI application's sections (`nhi_answers.py`) and the
insurance cancellation's details are sections; a section declares its fields, nothing more.

Sources: none — pure mechanics: how a section's answers are read from and written to the draft;
the fields and their rules are sourced in the journeys' own modules.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, Self


def text(value: Any) -> str:
    """An answer as text ("" for none)."""
    return "" if value is None else str(value)


class Section:
    """A dataclass of text answers, built from a draft's dict (unknown keys ignored)."""

    @classmethod
    def from_draft(cls, data: Any) -> Self:
        data = data if isinstance(data, dict) else {}
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        return cls(**{name: text(data.get(name)) for name in names})

    def to_draft(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]
