"""The apply journey's public part: start, one question per page, results, routes, next steps.

Answers live in the session (no account needed to find out whether and how to apply);
the application itself, which holds personal data, is in `application.py`.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    request,
    url_for,
)

from app.auth import current_user, public
from app.domain import eligibility
from app.extensions import db
from app.forms import BaseForm
from app.forms import apply as forms
from app.htmx import redirect_to
from app.routes.questions import Questions, question_page
from app.services import card_application

bp = Blueprint("apply", __name__, url_prefix="/apply")
SESSION_KEY = "apply"
FORMS: dict[str, type[BaseForm]] = {
    "have-form": forms.HaveFormForm,
    "details-changed": forms.DetailsChangedForm,
    "who": forms.WhoForm,
    "period-of-stay": forms.PeriodOfStayForm,
    "express": forms.ExpressForm,
    "route": forms.RouteForm,
}


QUESTIONS = Questions("apply", SESSION_KEY, FORMS)
answers = QUESTIONS.answers


def _go(question: str, current: dict[str, Any]) -> Response:
    step = eligibility.after(question, current, today=card_application.today())
    if url := QUESTIONS.step_url(step):
        return redirect_to(url)
    if step.key == "booth":
        return redirect_to(url_for("apply.photo_booth"))
    return redirect_to(url_for("application.start", route=step.key))


@bp.get("/")
@public
def start() -> str:
    user = current_user()
    draft = card_application.load(db.session, user.id) if user else {}
    sent = card_application.sent_applications(db.session, user.id) if user else []
    return render_template("pages/apply/start.html", has_draft=bool(draft.get("route")), sent=sent)


@bp.route("/stay-end", methods=["GET", "POST"])
@public
def stay_end() -> Response | str:
    posted = request.method == "POST"
    form = forms.StayEndForm() if posted else forms.StayEndForm.from_iso(answers().get("stay_end"))
    if posted and form.validate_with(card_application.today()):
        return _go("stay-end", QUESTIONS.remember(stay_end=str(form.value)))
    return _question_page("stay-end", form)


@bp.route("/<string:question>", methods=["GET", "POST"])
@public
def question(question: str) -> Response | str:
    form = QUESTIONS.form_for(question)
    current = QUESTIONS.accept(question, form)
    if current is not None:
        return _go(question, current)
    return _question_page(question, form)


def _question_page(question: str, form: Any) -> Response:
    return question_page(
        f"pages/apply/{question}.html",
        form,
        question=question,
        back=QUESTIONS.back_url(eligibility.previous(question, answers())),
    )


@bp.get("/result/<string:result>")
@public
def result(result: str) -> str:
    if result not in eligibility.RESULTS:
        abort(404)
    return render_template(
        "pages/apply/result.html",
        result=result,
        answers=answers(),
        continue_to=eligibility.CONTINUE_AFTER_RESULT.get(result),
    )


@bp.get("/photo-booth")
@public
def photo_booth() -> str:
    return render_template("pages/apply/photo_booth.html")


@bp.get("/what-happens-next")
@public
def what_happens_next() -> str:
    user = current_user()
    sent = card_application.sent_applications(db.session, user.id) if user else []
    return render_template("pages/apply/what_happens_next.html", sent=sent[0] if sent else None)


@bp.route("/start-again", methods=["GET", "POST"])
@public
def start_again() -> Response:
    return QUESTIONS.start_again("have-form")
