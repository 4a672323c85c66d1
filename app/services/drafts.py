"""One draft service for every signed-in form: a user's unsent answers to one form, saved as
they type and restored on any device (the card application, the NHI application, the
insurance cancellation, the profile).

`DraftStore(key)` is the only way a journey reads or writes its draft. Saves go through the
storage's optimistic `update` (app/storage/drafts.py: versions, per-answer stamps, the 409
that names the field another tab changed), so no acknowledged save is ever lost.

The "partial" protocol lives here and nowhere else: what is typed on a step but not yet
accepted is kept under `partial/<step>` (the raw posted values, lists of strings, restored
into the form as if posted again); accepting the step writes its answers and clears its
partial entry in one save.

Commit policy: every write of a `DraftStore` is a transaction of its own; it commits what
the session holds (so a file stored just before is committed with the draft entry that lists
it) and rolls everything back when the change raises. Callers never commit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.storage import drafts as stored
from app.storage.db import transaction

Answers = stored.Answers
Change = stored.Change
Saved = stored.Saved
Since = stored.Since
DraftBusy = stored.DraftBusy
DELETE = stored.DELETE
VERSION_FIELD = stored.VERSION_FIELD
WRITER_FIELD = stored.WRITER_FIELD
setting = stored.setting
merging = stored.merging

PARTIAL = "partial"
# Posted fields that belong to the page, not to the answers.
OWN_FIELDS = frozenset({"csrf_token", "later", "change", VERSION_FIELD, WRITER_FIELD})
Typed = dict[str, list[str]]


@dataclass(frozen=True)
class DraftStore:
    """The draft of one form (`key`, e.g. "nhi.application"); `on_change(before, after)`
    adjusts every changed draft before it is written (NHI voids a prepared document when an
    answer changes)."""

    key: str
    on_change: Callable[[Answers, Answers], Answers] | None = None

    def load(self, session: Session, user_id: str) -> Answers:
        return stored.load(session, user_id, self.key) or {}

    def exists(self, session: Session, user_id: str) -> bool:
        return stored.load(session, user_id, self.key) is not None

    def read(self, session: Session, user_id: str) -> tuple[Answers | None, dict[str, str]]:
        """The draft (None when there is none) and the page's hidden inputs, in one read."""
        return stored.read(session, user_id, self.key)

    def page_fields(self, session: Session, user_id: str) -> dict[str, str]:
        """The hidden inputs that tell a later save which copy the page showed."""
        return stored.page_fields(session, user_id, self.key)

    def update(
        self, session: Session, user_id: str, change: Change, *, since: Since | None = None
    ) -> Saved:
        """Apply `change` to the draft as stored now (it may run more than once) and commit."""
        with transaction(session):
            return stored.update(session, user_id, self.key, self._changing(change), since=since)

    def merge(self, session: Session, user_id: str, values: Mapping[str, Any]) -> Answers:
        """Set top-level answers, keeping the others as stored now."""
        return self.update(session, user_id, merging(values)).answers

    def replace(self, session: Session, user_id: str, answers: Answers) -> Answers:
        """Replace the whole draft (e.g. with a sent application to correct)."""
        return self.update(session, user_id, lambda _stored: dict(answers)).answers

    def accept(
        self,
        session: Session,
        user_id: str,
        step: str,
        edits: Change,
        *,
        since: Since | None = None,
    ) -> Saved:
        """A step's checked answers (`edits`) saved, and its typed-but-unchecked copy cleared,
        in one save."""

        def change(answers: Answers) -> Answers:
            return clear_partial(edits(answers), step)

        return self.update(session, user_id, change, since=since)

    def keep_partial(
        self,
        session: Session,
        user_id: str,
        step: str,
        typed: Typed,
        *,
        edited: str = "",
        since: Since | None = None,
    ) -> Saved:
        """Keep what is typed on `step`, unchecked. With `edited` (the inputs the user changed
        since the last save, comma-separated) only those fields' inputs are saved, so the other
        fields of the page, which another tab may have changed since, stay as stored."""
        group = [
            name
            for name in typed
            if any(name in field_inputs(typed, one) for one in edited.split(","))
        ]
        if group:
            return self.update(
                session,
                user_id,
                setting(*(((PARTIAL, step, name), typed[name]) for name in group)),
                since=since,
            )
        return self.update(session, user_id, setting(((PARTIAL, step), typed)), since=since)

    def clear_partial(self, session: Session, user_id: str, step: str) -> Answers:
        return self.update(session, user_id, lambda answers: clear_partial(answers, step)).answers

    def discard(self, session: Session, user_id: str) -> None:
        with transaction(session):
            stored.discard(session, user_id, self.key)

    def _changing(self, change: Change) -> Change:
        if self.on_change is None:
            return change
        adjust = self.on_change

        def changed(answers: Answers) -> Answers:
            before = copy.deepcopy(answers)
            return adjust(before, change(answers))

        return changed


def partial(answers: Mapping[str, Any], step: str) -> Typed | None:
    """What was typed on `step` and not yet accepted, if anything."""
    typed = answers.get(PARTIAL, {}).get(step)
    return typed or None


def clear_partial(answers: Answers, step: str) -> Answers:
    kept = {k: v for k, v in answers.get(PARTIAL, {}).items() if k != step}
    return {**answers, PARTIAL: kept}


def field_inputs(typed: Mapping[str, Any], edited: str) -> list[str]:
    """The inputs of the field `edited` belongs to: a field's inputs are named `<field>` or
    `<field>-<part>` (a date's year, month and day), and are saved together."""
    if edited not in typed:
        return []
    field = edited.split("-")[0]
    return [name for name in typed if name == field or name.startswith(f"{field}-")]


def draft_keys(session: Session, user_id: str) -> set[str]:
    """Which forms the user has a draft of (for the dashboard's statuses)."""
    return stored.keys(session, user_id)
