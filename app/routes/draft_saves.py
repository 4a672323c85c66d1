"""What every autosaving page does with `app/storage/drafts.py`: carry which copy of the
draft it shows, save the field the user edited, and answer "saved" or the conflict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Response, make_response, render_template, request
from flask_wtf import FlaskForm

from app.storage import drafts


def since() -> drafts.Since | None:
    """The copy of the draft the posting page showed (its hidden `draft_*` inputs)."""
    return drafts.Since.from_form(request.form)


def typed(step: str, values: dict[str, Any]) -> drafts.Change:
    """The autosave's change: only the field the user just edited (htmx names it in
    `HX-Trigger-Name`), so the other fields of this page, which another tab may have changed
    since, are left as stored; every field when the request does not say."""
    name = request.headers.get("HX-Trigger-Name", "")
    if name in values:
        return drafts.setting((("partial", step, name), values[name]))
    return drafts.setting((("partial", step), values))


def conflict_labels(conflicts: Iterable[str], form: FlaskForm | None) -> list[str]:
    """The labels of the fields another tab changed, as the user sees them on the page."""
    labels: list[str] = []
    for path in conflicts:
        name = path.split("/")[-1]
        field = form[name] if form is not None and name in form else None
        label = str(field.label.text) if field is not None else ""
        if label and label not in labels:
            labels.append(label)
    return labels


def autosaved(saved: drafts.Saved, form: FlaskForm | None = None) -> Response:
    """ "Draft saved", or 409 with what another tab changed; the typed text stays on the page
    (autosave only swaps the status line), and the answers that did not clash were saved."""
    if not saved.conflicts:
        return make_response(render_template("partials/drafts/saved.html"))
    page = render_template(
        "partials/drafts/conflict.html", fields=conflict_labels(saved.conflicts, form)
    )
    return make_response(page, 409)
