"""The application itself (online and by post): one step per page, autosaved, then sent.

Steps need an account: the answers are personal, are kept encrypted on the server and
can be resumed on another device after signing in. The questions before (the `apply`
blueprint) do not.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request, url_for

from app.auth import current_user, login_required, public, require_user
from app.domain import application, application_id
from app.extensions import db
from app.forms.application import STEP_FORMS, StepForm
from app.htmx import redirect_to
from app.routes.apply.questions import answers as eligibility_answers
from app.routes.steps import StepPages
from app.services import card_application as service
from app.services import drafts, qr

bp = Blueprint("application", __name__, url_prefix="/apply/application")
ROUTES = ("smartphone", "pc", "mail")
PAGES = StepPages(
    service.DRAFT,
    saved_endpoint="application.saved",
    check_endpoint="application.check",
    autosave_endpoint="application.autosave",
)


@bp.app_template_filter("grouped_id")
def grouped_id(value: str) -> str:
    """The 23-digit ID in groups of four, as easier to compare with the form."""
    return application_id.grouped(value or "")


@bp.get("/start")
@public
def start() -> str:
    route = request.args.get("route", "smartphone")
    if route not in ROUTES:
        abort(404)
    user = current_user()
    draft = service.typed(service.load(db.session, user.id) if user else {})
    return render_template("pages/application/start.html", route=route, draft=draft)


@bp.post("/begin")
@login_required
def begin() -> Response:
    route = request.form.get("route", "")
    if route not in ROUTES:
        abort(400)
    answers = service.begin(db.session, require_user().id, route, eligibility_answers())
    return redirect_to(_next_url("", answers))


@bp.route("/<string:step>", methods=["GET", "POST"])
@login_required
def step(step: str) -> Response:
    form_class, answers = _step_context(step)
    form = PAGES.form(form_class, answers, step, form_class.initial(service.typed(answers)))
    _limit_choices(form, answers)
    if request.method == "GET":
        return _render_step(step, form, answers)
    posted = PAGES.post(
        step,
        form,
        valid=form.check(service.today()),
        edits=lambda: drafts.merging(form.answers()),
        next_url=lambda saved: _next_url(step, saved),
    )
    if posted.response is not None:
        return posted.response
    shown = posted.answers or answers
    return _render_step(step, form, shown, status=posted.status, conflict=posted.conflict)


@bp.post("/<string:step>/draft")
@login_required
def autosave(step: str) -> Response:
    """Keep what is typed, unchecked, so a closed tab or a flat battery loses nothing."""
    form_class, _answers = _step_context(step)
    return PAGES.autosave(step, form_class())


@bp.post("/application-id/scan")
@login_required
def scan() -> Response:
    """The QR fallback: read the ID from a photo of the form on the server."""
    form_class, answers = _step_context("application-id")
    upload = request.files.get("form_photo")
    found = qr.read_application_id(upload.read()) if upload else None
    if found is None:
        form = form_class(data=form_class.initial(service.typed(answers)))
        return _render_step(
            "application-id",
            form,
            answers,
            status=422,
            scan_failed=True,
            action=url_for("application.step", step="application-id"),
        )
    service.update(db.session, require_user().id, {"application_id": found, "has_qr": True})
    return redirect_to(url_for("application.step", step="application-id", scanned=1))


@bp.get("/continue")
@login_required
def resume() -> Response:
    """Where the user left off: the first unanswered step, or check your answers."""
    answers = service.load(db.session, require_user().id)
    if not service.typed(answers).route:
        return redirect_to(url_for("apply.question", question="route"))
    return redirect_to(_next_url("", answers))


@bp.get("/saved")
@login_required
def saved() -> str:
    return PAGES.saved_page(url_for("application.resume"))


def sent_or_404() -> Response:
    """A step of an application already sent (Back after sending): its confirmation page."""
    sent = service.sent_applications(db.session, require_user().id)
    if not sent:
        abort(404)
    return redirect_to(url_for("application.sent", application_id=sent[0].id, already=1))


class AlreadySent(Exception):
    """The draft is gone because the application was sent."""


def _step_context(step: str) -> tuple[type[StepForm], dict[str, Any]]:
    answers = service.load(db.session, require_user().id)
    route = service.typed(answers).route
    if step in STEP_FORMS and not route:
        raise AlreadySent(step)
    if step not in STEP_FORMS or not route or step not in application.steps(route):
        abort(404)
    return STEP_FORMS[step], answers


@bp.errorhandler(AlreadySent)
def already_sent(_error: AlreadySent) -> Response:
    return sent_or_404()


def _limit_choices(form: StepForm, answers: dict[str, Any]) -> None:
    """Under-15s are offered no signature certificate."""
    field = getattr(form, "certificates", None)
    if field is not None:
        allowed = application.certificate_choices(service.typed(answers), today=service.today())
        field.choices = [c for c in field.choices if c.value in allowed]


def _next_url(step: str, answers: dict[str, Any]) -> str:
    following = application.next_step(step, service.typed(answers), today=service.today())
    if following is None:
        return url_for("application.check")
    if following == "photo":
        return url_for("application.photo")
    return url_for("application.step", step=following)


def _back_url(step: str, answers: application.CardApplicationAnswers) -> str:
    order = application.steps(answers.route)
    index = order.index(step)
    if index == 0:
        return url_for("application.start", route=answers.route)
    return url_for("application.step", step=order[index - 1])


def _render_step(
    step: str, form: StepForm, answers: dict[str, Any], *, status: int = 200, **context: Any
) -> Response:
    typed = service.typed(answers)
    return PAGES.render(
        f"pages/application/{step}.html",
        form,
        partial=step,
        answers=answers,  # the draft itself: StepPages finds the typed copy kept in it
        back=_back_url(step, typed),
        autosave_args={"step": step},
        status=status,
        step=step,
        age=application.age(typed, today=service.today()),
        **context,
    )
