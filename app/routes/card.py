"""The expiry and PIN helper (no account needed): the card's and certificates' end dates,
renewal windows, the insurance grace, a calendar file of reminders, and the PIN reset routes.

Answers stay in this browser's session cookie; nothing is stored on the server. Rules:
`app/domain/expiry.py`; question order: `app/domain/expiry_flow.py`.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    make_response,
    render_template,
    request,
    url_for,
)

from app.auth import public
from app.domain import clock, expiry, expiry_flow
from app.extensions import db
from app.forms import BaseForm
from app.forms import card_dates as forms
from app.htmx import redirect_to
from app.routes.questions import Questions, question_page
from app.routes.relay import session_key
from app.services import card_calendar, insurance

bp = Blueprint("card", __name__, url_prefix="/card")
SESSION_KEY = "card_dates"
# page -> (form whose one field is the answer's key, template)
DATE_QUESTIONS: dict[str, tuple[type[BaseForm], str]] = {
    "date-of-birth": (forms.BornForm, "date_of_birth"),
    "issue-date": (forms.IssuedForm, "issue_date"),
    "stay-end": (forms.StayEndForm, "stay_end"),
}
CHOICE_QUESTIONS: dict[str, type[BaseForm]] = {
    "source": forms.SourceForm,
    "applied": forms.AppliedForm,
    "stay": forms.StayForm,
}


# The choice questions' fields are named after the question itself.
CHOICES = Questions("card", SESSION_KEY, CHOICE_QUESTIONS, field_name=lambda question: question)
answers = CHOICES.answers


def _save_and_go(**values: Any) -> Response:
    current = CHOICES.remember(**values)
    following = expiry_flow.next_question(current)
    if following is None:
        return redirect_to(url_for("card.dates"))
    return redirect_to(url_for("card.question", question=following))


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/card/start.html")


@bp.route("/<string:question>", methods=["GET", "POST"])
@public
def question(question: str) -> Response:
    if question in CHOICE_QUESTIONS:
        return _choice(question)
    if question in DATE_QUESTIONS:
        return _date(question)
    abort(404)


def _choice(question: str) -> Response:
    form = CHOICES.form_for(question)
    if form.validate_on_submit():
        changes: dict[str, Any] = {question: form.data[question]}
        if question == "source":  # a new way of giving the dates replaces the old dates
            changes.update(issued=None, applied=None, card=None, certificate=None)
        return _save_and_go(**changes)
    return question_page(f"pages/card/{question}.html", form)


def _date(question: str) -> Response:
    form_class, template = DATE_QUESTIONS[question]
    key = next(name for name in form_class().data if name != "csrf_token")
    posted = request.method == "POST"
    form = form_class() if posted else form_class(data={key: answers().get(key)})
    if form.validate_on_submit():
        return _save_and_go(**{key: form[key].iso()})
    field = form[key]
    error = field.errors[0] if field.errors else None
    page = render_template(f"pages/card/{template}.html", error=error, value=field.parts)
    return make_response(page, 422 if error else 200)


@bp.route("/printed-dates", methods=["GET", "POST"])
@public
def printed_dates() -> Response:
    """The card's expiry (and, unless read from the chip, the certificate's) as printed."""
    current = answers()
    posted = request.method == "POST"
    form = forms.PrintedDatesForm() if posted else forms.PrintedDatesForm(data=current)
    if current.get("source") == "chip" and current.get("certificate"):
        del form.certificate
    keys = [name for name in ("card", "certificate") if name in form]
    if form.validate_on_submit():
        return _save_and_go(**{k: form[k].iso() for k in keys})
    errors = {k: form[k].errors[0] for k in keys if form[k].errors}
    values = {k: form[k].parts for k in keys}
    page = render_template(
        "pages/card/printed_dates.html", keys=keys, errors=errors, values=values, answers=current
    )
    return make_response(page, 422 if errors else 200)


@bp.get("/read-card")
@public
def read_card() -> Response | str:
    """Read the user-authentication certificate's end date through the relay component."""
    certificate = insurance.certificate_from_job(db.session, request.args.get("job"), session_key())
    if certificate is not None:
        return _save_and_go(certificate=certificate.expires_on.isoformat())
    return render_template("pages/card/read_card.html")


@bp.get("/dates")
@public
def dates() -> Response | str:
    current = answers()
    found = expiry_flow.card_dates(current)
    if found is None:
        following = expiry_flow.next_question(current) or "date-of-birth"
        return redirect_to(url_for("card.question", question=following))
    return render_template(
        "pages/card/dates.html",
        dates=found,
        events=expiry.events(found),
        status=expiry.status_on(found, clock.today_in_japan()),
        extension_until=expiry.special_extension_until(found.card)
        if found.limited_by_stay
        else None,
        answers=current,
        titles=card_calendar.TITLES,
        actions=card_calendar.ACTIONS,
    )


@bp.get("/reminders.ics")
@public
def reminders() -> Response:
    found = expiry_flow.card_dates(answers())
    if found is None:
        abort(404)
    body = card_calendar.ics_for(found, stamp=clock.now_in_japan().astimezone(UTC))
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="my-number-card-reminders.ics"'
    return response


@bp.route("/pin-reset", methods=["GET", "POST"])
@public
def pin_reset() -> Response:
    form = forms.PinResetForm()
    if form.validate_on_submit():
        return redirect_to(url_for("card.pin_route", known=form.known.data))
    page = render_template("pages/card/pin_reset.html", form=form)
    return make_response(page, 422 if form.errors else 200)


@bp.get("/pin-reset/<string:known>")
@public
def pin_route(known: str) -> str:
    if known not in ("signature", "pin", "neither"):
        abort(404)
    return render_template("pages/card/pin_route.html", known=known)
