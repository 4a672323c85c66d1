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
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from app.auth import current_user, public
from app.domain import eligibility
from app.extensions import db
from app.forms import BaseForm
from app.forms import apply as forms
from app.htmx import redirect_to
from app.services import card_application
from app.storage import card_applications

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


def answers() -> dict[str, Any]:
    return dict(session.get(SESSION_KEY, {}))


def _remember(**values: Any) -> dict[str, Any]:
    current = {**answers(), **values}
    session[SESSION_KEY] = current
    return current


def _go(question: str, current: dict[str, Any]) -> Response:
    step = eligibility.after(question, current, today=card_application.today())
    if step.kind == "question":
        return redirect_to(url_for("apply.question", question=step.key))
    if step.kind == "result":
        return redirect_to(url_for("apply.result", result=step.key))
    if step.key == "booth":
        return redirect_to(url_for("apply.photo_booth"))
    return redirect_to(url_for("application.start", route=step.key))


@bp.get("/")
@public
def start() -> str:
    user = current_user()
    draft = card_application.load(db.session, user.id) if user else {}
    return render_template("pages/apply/start.html", has_draft=bool(draft.get("route")))


@bp.route("/stay-end", methods=["GET", "POST"])
@public
def stay_end() -> Response | str:
    posted = request.method == "POST"
    form = forms.StayEndForm() if posted else forms.StayEndForm.from_iso(answers().get("stay_end"))
    if posted and form.validate_with(card_application.today()):
        return _go("stay-end", _remember(stay_end=str(form.value)))
    return _question_page("stay-end", form)


@bp.route("/<string:question>", methods=["GET", "POST"])
@public
def question(question: str) -> Response | str:
    if question not in FORMS:
        abort(404)
    field = question.replace("-", "_")
    posted = request.method == "POST"
    form = FORMS[question]() if posted else FORMS[question](data={field: answers().get(field)})
    if form.validate_on_submit():
        return _go(question, _remember(**{field: form.data[field]}))
    return _question_page(question, form)


def _question_page(question: str, form: Any) -> Response:
    page = render_template(
        f"pages/apply/{question}.html",
        form=form,
        question=question,
        back=eligibility.previous(question, answers()),
    )
    return make_response(page, 422 if form.errors else 200)


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
    sent = card_applications.for_user(db.session, user.id) if user else []
    return render_template("pages/apply/what_happens_next.html", sent=sent[0] if sent else None)


@bp.get("/start-again")
@public
def start_again() -> Response:
    session.pop(SESSION_KEY, None)
    return redirect(url_for("apply.question", question="have-form"))  # type: ignore[return-value]
