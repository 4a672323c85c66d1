"""The application's task list and its form sections, each saved as the user types.

Sign-in is required: the answers are personal, kept encrypted on the server (one draft per
user) and can be continued on another device. People and documents have a module of their own.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request, url_for

from app.auth import login_required, require_user
from app.domain import nhi_eligibility
from app.extensions import db
from app.forms.nhi_application import SECTION_FORMS, SectionForm
from app.routes.nhi.eligibility import given_answers
from app.routes.nhi.start import bp
from app.routes.steps import StepPages
from app.services import nhi_drafts

PAGES = StepPages(
    nhi_drafts.DRAFT,
    saved_endpoint="nhi.saved",
    check_endpoint="nhi.check",
    autosave_endpoint="nhi.autosave",
)


@bp.get("/application")
@login_required
def tasks() -> str:
    answers = nhi_drafts.begin(db.session, require_user().id, given_answers())
    return render_template(
        "pages/nhi/tasks.html",
        tasks=nhi_drafts.tasks(answers),
        answers=answers,
        timing=nhi_drafts.timing_for(answers),
        first_question=nhi_eligibility.QUESTIONS[0],
    )


@bp.route("/application/<string:section>", methods=["GET", "POST"])
@login_required
def section(section: str) -> Response:
    form_class = _form_class(section)
    answers = PAGES.answers()
    saved = nhi_drafts.section_answers(answers, section)
    form = PAGES.form(form_class, answers, section, saved.to_draft() if saved else None)
    if request.method == "GET":
        return _render_section(section, form, answers)
    posted = PAGES.post(
        section,
        form,
        valid=form.check(nhi_drafts.today()),
        edits=lambda: nhi_drafts.saving_section(section, form.answers()),
        next_url=lambda _saved: _after_section(section),
    )
    if posted.response is not None:
        return posted.response
    shown = posted.answers or answers
    return _render_section(section, form, shown, status=posted.status, conflict=posted.conflict)


def _render_section(
    section: str, form: SectionForm, answers: dict[str, Any], *, status: int = 200, **context: Any
) -> Response:
    return PAGES.render(
        f"pages/nhi/{section}.html",
        form,
        partial=section,
        answers=answers,
        back=url_for("nhi.tasks"),
        autosave_args={"section": section},
        status=status,
        section=section,
        timing=nhi_drafts.timing_for(answers),
        **context,
    )


@bp.post("/application/<string:section>/draft")
@login_required
def autosave(section: str) -> Response:
    """Keep what is typed, unchecked, so a closed tab or a flat battery loses nothing."""
    return PAGES.autosave(section, _form_class(section)())


@bp.get("/application/saved")
@login_required
def saved() -> str:
    return PAGES.saved_page(url_for("nhi.tasks"), deadline=True)


def _form_class(section: str) -> type[SectionForm]:
    if section not in SECTION_FORMS:
        abort(404)
    return SECTION_FORMS[section]


def _after_section(section: str) -> str:
    if section == "about-you":
        return url_for("nhi.section", section="head-of-household")
    if section == "head-of-household":
        return url_for("nhi.people")
    return url_for("nhi.tasks")
