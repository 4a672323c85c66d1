"""The insurance journey's start and readiness questions (one per page) and their results.

Answers live in the session: nobody needs an account to find out whether they are ready.
Registering, status and the 資格確認書 explainer are in `insurance_register.py`; cancelling
in `insurance_cancel.py`.
"""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from app.auth import public
from app.domain import insurance_readiness as readiness
from app.forms import insurance as forms
from app.routes.questions import Journey

bp = Blueprint("insurance", __name__, url_prefix="/insurance")
QUESTIONS = Journey(
    "insurance",
    readiness.FLOW,
    forms.READINESS_FORMS,
    folder="insurance",
    places={"prepare": lambda device: url_for("insurance.prepare")},
)
QUESTIONS.register(bp, start_again=False)


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/insurance/start.html")


@bp.get("/prepare")
@public
def prepare() -> str:
    """Device preparation for the chosen device, then on to the terms."""
    device = QUESTIONS.answers().get("device")
    return render_template("pages/insurance/prepare.html", device=device)


@bp.get("/at-the-clinic")
@public
def at_the_clinic() -> str:
    """How to use the card at a clinic's face-recognition reader (procedures.md 3.3)."""
    return render_template("pages/insurance/at_the_clinic.html")
