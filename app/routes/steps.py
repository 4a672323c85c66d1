"""Step pages, the signed-in sibling of `questions.py`: a form whose answers are kept in the
user's draft (app/services/drafts.py), autosaved as they type, restored on any device.

Every journey's step view does the same four things through `StepPages`:

- `form(...)`: on GET the saved answers, with what was typed and not yet accepted restored
  over them; on POST the posted form.
- `post(...)`: accept checked answers (and clear the typed copy) in one save, then go on:
  to the journey's "saved" page for "Save and come back later", to check-your-answers when
  changing an answer, else to the next step. A page with errors still keeps what was typed
  when the user chose "come back later", so "Draft saved" is always true.
- `autosave(...)`: the endpoint the form posts to as the user types (only the field just
  edited is saved, so two tabs editing different fields both keep theirs); "Draft saved", or
  409 naming the field another tab changed.
- `render(...)`: `layouts/step.html` with the restored notice, the change flag, the back
  link, the autosave attributes (from the form's `AUTOSAVE` flag) and the draft's copy fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Response, make_response, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from app.auth import require_user
from app.extensions import db
from app.htmx import redirect_to
from app.services import drafts
from app.services.drafts import DraftStore

PARTS = ("year", "month", "day")
F = TypeVar("F", bound=FlaskForm)


def since() -> drafts.Since | None:
    """The copy of the draft the posting page showed (its hidden `draft_*` inputs)."""
    return drafts.Since.from_form(request.form)


def typed_values() -> drafts.Typed:
    """What the page posted, without the page's own fields (lists: checkboxes post several)."""
    return {k: v for k, v in request.form.lists() if k not in drafts.OWN_FIELDS}


def changing() -> bool:
    """The user came from check-your-answers to change an answer."""
    return bool(request.args.get("change") or request.form.get("change"))


def later() -> bool:
    """The user pressed "Save and come back later"."""
    return bool(request.form.get("later"))


def restore(form: FlaskForm, typed: Mapping[str, Any]) -> None:
    """Put what was typed (and autosaved) back into the fields it was typed in, as if posted;
    fields with nothing typed keep the saved answer."""
    formdata = MultiDict(typed)
    for item in form:
        names = {item.name, *(f"{item.name}-{part}" for part in PARTS)}
        if item.short_name != "csrf_token" and names & set(formdata.keys()):
            item.process(formdata, data=item.data)


def conflict_labels(conflicts: Iterable[str], form: FlaskForm | None) -> list[str]:
    """The labels of the fields another tab changed, as the user sees them on the page."""
    labels: list[str] = []
    for path in conflicts:
        name = path.split("/")[-1]
        item = form[name] if form is not None and name in form else None
        label = str(item.label.text) if item is not None else ""
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


def autosave_attributes(url: str) -> dict[str, str]:
    """htmx attributes of an autosaving form: post what is typed half a second after typing
    stops (`draft-autosave.mjs` names the input that changed)."""
    return {
        "hx-post": url,
        "hx-trigger": "input changed delay:500ms",
        "hx-target": "#draft-status",
        "hx-swap": "innerHTML",
        "data-module": "draft-autosave",
    }


@dataclass(frozen=True)
class Posted:
    """What a step's POST came to: a redirect, or the page again (422 errors, 409 conflict)."""

    response: Response | None = None
    status: int = 200
    conflict: list[str] = field(default_factory=list)
    answers: drafts.Answers | None = None


@dataclass(frozen=True)
class StepPages:
    """A journey's step pages: its draft, the endpoints of its "come back later" page and of
    check-your-answers, and the autosave endpoint (called with the step's own URL values)."""

    store: DraftStore
    saved_endpoint: str
    check_endpoint: str
    autosave_endpoint: str

    def answers(self) -> drafts.Answers:
        return self.store.load(db.session, require_user().id)

    def form(self, form_class: type[F], answers: drafts.Answers, partial: str, data: Any) -> F:
        """The posted form; on GET the saved `data` with the typed-but-unaccepted values."""
        form: F = form_class() if request.method == "POST" else form_class(data=data or {})
        if request.method == "POST":
            return form
        typed = drafts.partial(answers, partial)
        if typed:
            restore(form, typed)
        return form

    def post(
        self,
        partial: str,
        form: FlaskForm,
        *,
        valid: bool,
        edits: Callable[[], drafts.Change],
        next_url: Callable[[drafts.Answers], str],
    ) -> Posted:
        """Accept a valid step, keep what was typed on an invalid one when the user leaves for
        later, and say where to go."""
        user_id = require_user().id
        if not valid:
            if later():
                self.store.keep_partial(db.session, user_id, partial, typed_values())
                return Posted(redirect_to(url_for(self.saved_endpoint)))
            return Posted(status=422)
        saved = self.store.accept(db.session, user_id, partial, edits(), since=since())
        if saved.conflicts:
            conflict = conflict_labels(saved.conflicts, form)
            return Posted(status=409, conflict=conflict, answers=saved.answers)
        if later():
            return Posted(redirect_to(url_for(self.saved_endpoint)))
        if changing():
            return Posted(redirect_to(url_for(self.check_endpoint)))
        return Posted(redirect_to(next_url(saved.answers)))

    def autosave(self, partial: str, form: FlaskForm | None) -> Response:
        """Keep what is typed, unchecked, so a closed tab or a flat battery loses nothing."""
        saved = self.store.keep_partial(
            db.session,
            require_user().id,
            partial,
            typed_values(),
            edited=request.headers.get("HX-Trigger-Name", ""),
            since=since(),
        )
        return autosaved(saved, form)

    def saved_page(self, continue_url: str, *, deadline: bool = False) -> str:
        """After "Save and come back later": where the answers are and how to go on."""
        return render_template("pages/saved.html", continue_url=continue_url, deadline=deadline)

    def render(
        self,
        template: str,
        form: FlaskForm,
        *,
        partial: str,
        answers: drafts.Answers,
        back: str,
        autosave_args: Mapping[str, Any],
        autosave_endpoint: str = "",
        status: int = 200,
        **context: Any,
    ) -> Response:
        """The step page (`layouts/step.html`), 422 with errors, 409 with a conflict."""
        autosave = getattr(form, "AUTOSAVE", False)
        page = render_template(
            template,
            form=form,
            answers=answers,
            restored=request.method == "GET" and drafts.partial(answers, partial) is not None,
            change=changing(),
            back=url_for(self.check_endpoint) if changing() else back,
            autosave=(
                autosave_attributes(
                    url_for(autosave_endpoint or self.autosave_endpoint, **autosave_args)
                )
                if autosave
                else {}
            ),
            draft_fields=self.store.page_fields(db.session, require_user().id),
            **context,
        )
        return make_response(page, 422 if status == 200 and form.errors else status)
