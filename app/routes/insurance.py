"""The insurance journey's start and readiness questions (one per page) and their results.

Answers live in the session: nobody needs an account to find out whether they are ready.
Registering, status and the 資格確認書 explainer are in `insurance_register.py`; cancelling
in `insurance_cancel.py`.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    url_for,
)

from app.auth import public
from app.domain import insurance_readiness as readiness
from app.forms import BaseForm
from app.forms import insurance as forms
from app.htmx import redirect_to
from app.routes.questions import Questions, question_page

bp = Blueprint("insurance", __name__, url_prefix="/insurance")
SESSION_KEY = "insurance"
FORMS: dict[str, type[BaseForm]] = {
    "have-card": forms.HaveCardForm,
    "face-card": forms.FaceCardForm,
    "know-pin": forms.KnowPinForm,
    "device": forms.DeviceForm,
}


QUESTIONS = Questions("insurance", SESSION_KEY, FORMS)
answers = QUESTIONS.answers


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/insurance/start.html")


@bp.route("/<string:question>", methods=["GET", "POST"])
@public
def question(question: str) -> Response:
    form = QUESTIONS.form_for(question)
    current = QUESTIONS.accept(question, form)
    if current is not None:
        step = readiness.after(question, current)
        return redirect_to(QUESTIONS.step_url(step) or url_for("insurance.prepare"))
    return question_page(
        f"pages/insurance/{question}.html",
        form,
        question=question,
        back=QUESTIONS.back_url(readiness.previous(question)),
    )


@bp.get("/result/<string:result>")
@public
def result(result: str) -> str:
    if result not in readiness.RESULTS:
        abort(404)
    return render_template(
        "pages/insurance/result.html",
        result=result,
        continue_to=readiness.CONTINUE_AFTER_RESULT.get(result),
    )


@bp.get("/prepare")
@public
def prepare() -> str:
    """Device preparation for the chosen device, then on to the terms."""
    return render_template("pages/insurance/prepare.html", device=answers().get("device"))


@bp.get("/at-the-clinic")
@public
def at_the_clinic() -> str:
    """How to use the card at a clinic's face-recognition reader (procedures.md 3.3)."""
    return render_template("pages/insurance/at_the_clinic.html")
