"""The expiry and PIN helper (no account needed): the card's and certificates' end dates,
renewal windows, the insurance grace, a calendar file of reminders, and the PIN reset routes.

Answers stay in this browser's session cookie; nothing is stored on the server. Rules:
`app/domain/expiry.py`; question order: `app/domain/expiry_flow.py`.
"""

from __future__ import annotations

from datetime import UTC

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
from app.forms import card_dates as forms
from app.htmx import redirect_to
from app.relay_session import session_key
from app.routes.questions import Journey
from app.services import card_calendar, insurance

bp = Blueprint("card", __name__, url_prefix="/card")
QUESTIONS = Journey(
    "card",
    expiry_flow.FLOW,
    forms.FORMS,
    folder="card",
    places={"dates": lambda key: url_for("card.dates")},
    own_pages={"read-card": "card.read_card", "printed-dates": "card.printed_dates"},
)
QUESTIONS.register(bp, start_again=False)
answers = QUESTIONS.answers


@bp.get("/")
@public
def start() -> str:
    return render_template("pages/card/start.html")


@bp.route("/printed-dates", methods=["GET", "POST"])
@public
def printed_dates() -> Response:
    """The card's expiry (and, unless read from the chip, the certificate's) as printed."""
    current = answers()
    posted = request.method == "POST"
    form = forms.PrintedDatesForm() if posted else forms.PrintedDatesForm(data=current)
    if current.get("source") == "chip" and current.get("certificate"):
        del form.certificate
    if form.validate_on_submit():
        dates = {f.short_name: f.iso() for f in form if f.type == "DateField"}
        return QUESTIONS.go_on(QUESTIONS.remember("printed-dates", dates))
    return QUESTIONS.question_page("printed-dates", form, answers=current)


@bp.get("/read-card")
@public
def read_card() -> Response | str:
    """Read the user-authentication certificate's end date through the relay component."""
    certificate = insurance.certificate_from_job(db.session, request.args.get("job"), session_key())
    if certificate is not None:
        current = QUESTIONS.remember(
            "read-card", {"certificate": certificate.expires_on.isoformat()}
        )
        return QUESTIONS.go_on(current)
    return render_template("pages/card/read_card.html", back=QUESTIONS.back_url("read-card"))


@bp.get("/dates")
@public
def dates() -> Response | str:
    current = answers()
    found = expiry_flow.card_dates(current)
    if found is None:
        return QUESTIONS.go_on(current)
    return render_template(
        "pages/card/dates.html",
        dates=found,
        events=expiry.events(found),
        status=expiry.status_on(found, clock.today_in_japan()),
        extension_until=expiry.special_extension_until(found.card)
        if found.limited_by_stay
        else None,
        answers=current,
        back=QUESTIONS.last_question_url(),
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


@bp.get("/lost")
@public
def lost() -> str:
    """What to do at once when the card is lost or stolen (issue 15 A3): the suspension line."""
    return render_template("pages/card/lost.html")
