"""The application's task list and its form sections, each saved as the user types.

Sign-in is required: the answers are personal, kept encrypted on the server (one draft per
user) and can be continued on another device. People and documents are in nhi_people.py.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, make_response, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from app.auth import login_required, require_user
from app.domain import nhi_deadlines, nhi_eligibility
from app.extensions import db
from app.forms.nhi_application import SECTION_FORMS, SectionForm
from app.htmx import redirect_to
from app.routes import draft_saves
from app.routes.nhi import bp
from app.routes.nhi_eligibility import given_answers
from app.services import nhi_drafts
from app.storage import drafts


def autosave_attributes(url: str) -> dict[str, str]:
    """htmx attributes on each input: post what is typed half a second after typing stops."""
    return {
        "hx-post": url,
        "hx-trigger": "input changed delay:500ms",
        "hx-target": "#draft-status",
        "hx-swap": "innerHTML",
        "hx-include": "closest form",
    }


def timing_for(answers: dict[str, Any]) -> nhi_deadlines.Timing | None:
    """The deadline warning for the loss date in the draft, if there is one."""
    loss = answers.get("insurance", {}).get("loss_date")
    if not loss:
        return None
    from datetime import date

    return nhi_deadlines.timing(date.fromisoformat(loss), today=nhi_drafts.today())


@bp.get("/application")
@login_required
def tasks() -> str:
    answers = nhi_drafts.begin(db.session, require_user().id, given_answers())
    db.session.commit()
    return render_template(
        "pages/nhi/tasks.html",
        tasks=nhi_drafts.tasks(answers),
        answers=answers,
        timing=timing_for(answers),
        first_question=nhi_eligibility.QUESTIONS[0],
    )


@bp.route("/application/<string:section>", methods=["GET", "POST"])
@login_required
def section(section: str) -> Response:
    form_class = _form_class(section)
    user = require_user()
    answers = nhi_drafts.load(db.session, user.id)
    key = nhi_drafts.SECTION_KEYS[section]
    if request.method == "POST":
        form = form_class()
        form.today = nhi_drafts.today()
        if form.validate_on_submit():
            change = drafts.setting(((key,), form.answers()), (("partial", section), drafts.DELETE))
            saved = nhi_drafts.edit(db.session, user.id, change, since=draft_saves.since())
            db.session.commit()
            conflict = draft_saves.conflict_labels(saved.conflicts, form)
            if saved.conflicts:
                return _render_section(section, form, saved.answers, status=409, conflict=conflict)
            if request.form.get("later"):
                return redirect_to(url_for("nhi.saved"))
            return redirect_to(_after_section(section))
    else:
        typed = answers.get("partial", {}).get(section)
        form = form_class(formdata=MultiDict(typed)) if typed else form_class(data=answers.get(key))
    return _render_section(section, form, answers, status=422 if form.errors else 200)


def _render_section(
    section: str, form: SectionForm, answers: dict[str, Any], *, status: int, **context: Any
) -> Response:
    page = render_template(
        f"pages/nhi/{section}.html",
        form=form,
        section=section,
        restored=request.method == "GET" and bool(answers.get("partial", {}).get(section)),
        autosave=autosave_attributes(url_for("nhi.autosave", section=section)),
        change=bool(request.args.get("change") or request.form.get("change")),
        timing=timing_for(answers),
        draft_fields=nhi_drafts.page_fields(db.session, require_user().id),
        **context,
    )
    return make_response(page, status)


def typed_answers() -> dict[str, list[str]]:
    """What an autosave posted, without the form's own fields."""
    own = ("csrf_token", "later", "change", drafts.VERSION_FIELD, drafts.WRITER_FIELD)
    return {k: v for k, v in request.form.lists() if k not in own}


@bp.post("/application/<string:section>/draft")
@login_required
def autosave(section: str) -> Response:
    """Keep what is typed, unchecked, so a closed tab or a flat battery loses nothing."""
    form = _form_class(section)()
    change = draft_saves.typed(section, typed_answers())
    saved = nhi_drafts.edit(db.session, require_user().id, change, since=draft_saves.since())
    db.session.commit()
    return draft_saves.autosaved(saved, form)


@bp.get("/application/saved")
@login_required
def saved() -> str:
    return render_template("pages/nhi/saved.html")


def _form_class(section: str) -> type[SectionForm]:
    if section not in SECTION_FORMS:
        abort(404)
    return SECTION_FORMS[section]


def _after_section(section: str) -> str:
    if request.args.get("change") or request.form.get("change"):
        return url_for("nhi.check")
    if section == "about-you":
        return url_for("nhi.section", section="head-of-household")
    if section == "head-of-household":
        return url_for("nhi.people")
    return url_for("nhi.tasks")


from app.routes import nhi_people  # noqa: E402, F401
