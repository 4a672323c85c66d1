"""Drafts: a user's unsent answers to one form, saved as they type, encrypted at rest.

Every journey saves through `update`, which never loses a save when two tabs (or devices)
save the same draft at once (security review M1: 53 of 200 acknowledged saves came back older
when the draft was read, merged and written back with no concurrency control):

- Optimistic concurrency: each row has a `version`; a save re-reads the row, applies its
  change to what is stored *now*, and writes with `UPDATE … WHERE id = ? AND version = ?`.
  When another save landed in between, nothing is written and the change is applied again to
  the newer answers. Changes are functions of the stored answers (`setting`, or a journey's
  own, such as adding to a list under its cap), so two tabs saving different fields both win.
- Field conflicts: a page tells which copy it was showing (`Since`: the version it loaded and
  a random id of the tab, sent back as hidden `draft_version` / `draft_writer` inputs). Each
  answer (a leaf of the JSON) remembers the version and tab that last changed it. A save that
  would change an answer another tab changed after the page loaded does not change it; the
  caller gets those fields in `Saved.conflicts` and tells the user, whose typed value stays
  on their page. Nothing acknowledged is overwritten by an older copy.
"""

from __future__ import annotations

import copy
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from app.storage.cipher import cipher
from app.storage.dialects import insert_for
from app.storage.models import Draft, new_id, utcnow

CONTEXT = b"drafts.data"
STAMPS = "_stamps"  # inside the encrypted JSON: {"a/b": [version, writer]} per changed answer
VERSION_FIELD = "draft_version"
WRITER_FIELD = "draft_writer"
# Each retry means another save landed in the few milliseconds between read and write; ten in
# a row would need ten other saves of the same draft in that time.
MAX_TRIES = 10
DELETE = object()  # as a value in `setting`: remove the answer

Answers = dict[str, Any]
Change = Callable[[Answers], Answers]
Path = tuple[str, ...]


@dataclass(frozen=True)
class Since:
    """The copy of the draft a page shows: the version it loaded, and the tab's random id."""

    version: int
    writer: str

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> Since | None:
        """From the hidden inputs `page_fields` rendered; None when the page sent none."""
        raw, writer = form.get(VERSION_FIELD, ""), form.get(WRITER_FIELD, "")
        if not raw.isdigit() or not writer:
            return None
        return cls(int(raw), writer[:64])


@dataclass(frozen=True)
class Saved:
    answers: Answers
    version: int
    conflicts: tuple[str, ...] = ()  # answers another tab changed since the page loaded


class DraftBusy(RuntimeError):
    """Other saves kept landing first; the caller answers 503 and the page saves again."""


def load(session: Session, user_id: str, form_key: str) -> Answers | None:
    row = _row(session, user_id, form_key)
    return None if row is None else _decode(row.data_enc)[0]


def page_fields(session: Session, user_id: str, form_key: str) -> dict[str, str]:
    """The hidden inputs a page with an autosaving form carries (see `Since`)."""
    return _page_fields(_row(session, user_id, form_key))


def read(session: Session, user_id: str, form_key: str) -> tuple[Answers | None, dict[str, str]]:
    """The answers (None without a draft) and the page's hidden inputs, from one read: the
    version the page carries is the one whose answers it shows."""
    row = _row(session, user_id, form_key)
    return (None if row is None else _decode(row.data_enc)[0]), _page_fields(row)


def _page_fields(row: Any) -> dict[str, str]:
    return {
        VERSION_FIELD: str(row.version if row else 0),
        WRITER_FIELD: secrets.token_urlsafe(12),
    }


def update(
    session: Session,
    user_id: str,
    form_key: str,
    change: Change,
    *,
    since: Since | None = None,
) -> Saved:
    """Apply `change` to the stored answers and save them, safely against concurrent saves;
    the caller commits. `change` may run more than once and gets its own copy each time."""
    for _ in range(MAX_TRIES):
        row = _row(session, user_id, form_key)
        stored, stamps = _decode(row.data_enc) if row else ({}, {})
        version = row.version if row else 0
        answers = change(copy.deepcopy(stored))
        changed = _changed(stored, answers)
        conflicts: list[Path] = []
        if since is not None:
            conflicts = [p for p in changed if _changed_elsewhere(stamps.get(_key(p)), since)]
            answers = _restore(answers, stored, conflicts)
            changed = [p for p in changed if p not in conflicts]
        saved = Saved(answers, version, tuple(_key(p) for p in conflicts))
        if row is not None and not changed:
            return saved
        writer = since.writer if since else ""
        stamps = {**stamps, **{_key(p): [version + 1, writer] for p in changed}}
        payload = _encode(answers, stamps)
        if _write(session, user_id, form_key, row, payload):
            return Saved(answers, version + 1, saved.conflicts)
    raise DraftBusy(form_key)


def save(session: Session, user_id: str, form_key: str, data: Answers) -> Saved:
    """Replace the whole draft (e.g. with a sent application to correct); the caller commits."""
    return update(session, user_id, form_key, lambda _stored: dict(data))


def setting(*edits: tuple[Path, Any]) -> Change:
    """A change that sets answers at the given paths (`DELETE` removes one) and keeps the rest:
    `setting((("partial", "contact"), typed))`."""

    def change(answers: Answers) -> Answers:
        for path, value in edits:
            parent = answers
            for part in path[:-1]:
                child = parent.get(part)
                if not isinstance(child, dict):
                    child = parent[part] = {}
                parent = child
            if value is DELETE:
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = copy.deepcopy(value)
        return answers

    return change


def merging(values: Mapping[str, Any]) -> Change:
    """A change that sets top-level answers, as the journeys' `update(values)` always did."""
    return setting(*(((key,), value) for key, value in values.items()))


def discard(session: Session, user_id: str, form_key: str) -> None:
    session.execute(delete(Draft).where(Draft.user_id == user_id, Draft.form_key == form_key))


def keys(session: Session, user_id: str) -> set[str]:
    """Which forms the user has a draft of (for the dashboard's statuses)."""
    return set(session.scalars(select(Draft.form_key).where(Draft.user_id == user_id)))


_DRAFTS: Table = Draft.__table__  # type: ignore[assignment]
# Built once, in Core: every page with an autosaving form reads its row, and a Core statement
# with bound parameters skips the ORM's per-call statement building and entity loading.
_ROW = select(_DRAFTS.c.id, _DRAFTS.c.version, _DRAFTS.c.data_enc).where(
    _DRAFTS.c.user_id == sa.bindparam("user_id"), _DRAFTS.c.form_key == sa.bindparam("form_key")
)


def _row(session: Session, user_id: str, form_key: str) -> Any:
    """The stored columns, read fresh (not from the ORM's identity map)."""
    return session.execute(_ROW, {"user_id": user_id, "form_key": form_key}).first()


def _write(session: Session, user_id: str, form_key: str, row: Any, payload: bytes) -> bool:
    """Write only over the version that was read; False when another save landed first."""
    table = _DRAFTS
    if row is None:
        statement = (
            insert_for(session, table)
            .values(
                id=new_id(),
                user_id=user_id,
                form_key=form_key,
                data_enc=payload,
                version=1,
                updated_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["user_id", "form_key"])
        )
    else:
        statement = (
            sa.update(table)
            .where(table.c.id == row.id, table.c.version == row.version)
            .values(data_enc=payload, version=row.version + 1, updated_at=utcnow())
        )
    return bool(session.execute(statement).rowcount == 1)  # type: ignore[attr-defined]


def _decode(token: bytes) -> tuple[Answers, dict[str, list[Any]]]:
    data = json.loads(cipher().decrypt(token, context=CONTEXT))
    stamps = data.pop(STAMPS, {})
    return data, stamps


def _encode(answers: Answers, stamps: dict[str, list[Any]]) -> bytes:
    data = json.dumps({**answers, STAMPS: stamps}, ensure_ascii=False).encode()
    return cipher().encrypt(data, context=CONTEXT)


def _changed_elsewhere(stamp: list[Any] | None, since: Since) -> bool:
    return stamp is not None and stamp[0] > since.version and stamp[1] != since.writer


_MISSING = object()


def _leaves(data: Answers, prefix: Path = ()) -> dict[Path, Any]:
    """Every answer by its path; lists and empty objects are answers of their own."""
    found: dict[Path, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and value:
            found.update(_leaves(value, (*prefix, key)))
        else:
            found[(*prefix, key)] = value
    return found


def _changed(before: Answers, after: Answers) -> list[Path]:
    """The answers that differ; an empty answer and no answer are the same to the user (an
    untouched field autosaves as empty), so filling an empty field is no clash."""
    old, new = _leaves(before), _leaves(after)
    return [p for p in {**old, **new} if _value(old, p) != _value(new, p)]


def _value(leaves: dict[Path, Any], path: Path) -> Any:
    value = leaves.get(path, _MISSING)
    return _MISSING if value in ("", None, [], [""], {}) else value


def _restore(answers: Answers, stored: Answers, paths: list[Path]) -> Answers:
    """`answers` with the answers at `paths` as they are stored."""
    if not paths:
        return answers
    old = _leaves(stored)
    return setting(*((p, old.get(p, DELETE)) for p in paths))(answers)


def _key(path: Path) -> str:
    return "/".join(path)
