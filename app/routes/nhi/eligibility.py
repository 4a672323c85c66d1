"""Can you enrol online? One question per page; answers live in the session (no account
needed to find out), and every blocking answer leads to a result page, not an error."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request, session, url_for

from app.auth import public
from app.domain import nhi_eligibility as rules
from app.forms.nhi_eligibility import FORMS
from app.htmx import redirect_to
from app.routes.nhi.start import bp
from app.routes.questions import Questions, question_page

SESSION_KEY = "nhi_eligibility"


QUESTIONS = Questions("nhi", SESSION_KEY, FORMS, field_name=rules.field_name)
answers = QUESTIONS.answers


@bp.route("/check/<string:question>", methods=["GET", "POST"])
@public
def question(question: str) -> Response:
    form = QUESTIONS.form_for(question)
    current = QUESTIONS.accept(question, form)
    if current is not None:
        step = rules.after(question, current)
        return redirect_to(QUESTIONS.step_url(step) or url_for("nhi.result", result=step.key))
    return question_page(
        "pages/nhi/question.html",
        form,
        field=form[rules.field_name(question)],
        question=question,
        back=QUESTIONS.back_url(rules.previous(question)),
    )


@bp.get("/result/<string:result>")
@public
def result(result: str) -> str:
    if result not in rules.RESULTS:
        abort(404)
    if result == "eligible" and not rules.is_eligible(answers()):
        abort(404)
    return render_template(
        "pages/nhi/result.html",
        result=result,
        change=url_for("nhi.question", question=rules.result_question(result)),
        # The answers ride along in the link: signing in starts a fresh session.
        start=url_for("nhi.tasks", **answers()) if result == "eligible" else None,
    )


def given_answers() -> dict[str, Any]:
    """The eligibility answers from the session, or from the start link after signing in."""
    if session.get(SESSION_KEY):
        return answers()
    given: dict[str, Any] = {}
    for question in rules.QUESTIONS:
        field = rules.field_name(question)
        values = request.args.getlist(field)
        if values:
            given[field] = values if field == "card_problems" else values[0]
    return given


@bp.route("/start-again", methods=["GET", "POST"])
@public
def start_again() -> Response:
    return QUESTIONS.start_again(rules.QUESTIONS[0])
