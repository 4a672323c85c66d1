"""The insurance journey's start and readiness questions (one per page) and their results.

Answers live in the session: nobody needs an account to find out whether they are ready.
Registering, status and the 資格確認書 explainer are in `insurance_register.py`; cancelling
in `insurance_cancel.py`.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    make_response,
    render_template,
    request,
    session,
    url_for,
)

from app.auth import public
from app.domain import insurance_readiness as readiness
from app.forms import BaseForm
from app.forms import insurance as forms
from app.htmx import redirect_to

bp = Blueprint("insurance", __name__, url_prefix="/insurance")
SESSION_KEY = "insurance"
FORMS: dict[str, type[BaseForm]] = {
    "have-card": forms.HaveCardForm,
    "face-card": forms.FaceCardForm,
    "know-pin": forms.KnowPinForm,
    "device": forms.DeviceForm,
}


def answers() -> dict[str, Any]:
    return dict(session.get(SESSION_KEY, {}))


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/insurance/start.html")


@bp.route("/<string:question>", methods=["GET", "POST"])
@public
def question(question: str) -> Response:
    if question not in FORMS:
        abort(404)
    field = question.replace("-", "_")
    posted = request.method == "POST"
    form = FORMS[question]() if posted else FORMS[question](data={field: answers().get(field)})
    if form.validate_on_submit():
        current = {**answers(), field: form.data[field]}
        session[SESSION_KEY] = current
        step = readiness.after(question, current)
        if step.kind == "question":
            return redirect_to(url_for("insurance.question", question=step.key))
        if step.kind == "result":
            return redirect_to(url_for("insurance.result", result=step.key))
        return redirect_to(url_for("insurance.prepare"))
    back = readiness.previous(question)
    page = render_template(
        f"pages/insurance/{question}.html",
        form=form,
        question=question,
        back=url_for("insurance.question", question=back) if back else url_for("insurance.start"),
    )
    return make_response(page, 422 if form.errors else 200)


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
