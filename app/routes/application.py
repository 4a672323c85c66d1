"""The application itself (online and by post): one step per page, autosaved, then sent.

Steps need an account: the answers are personal, are kept encrypted on the server and
can be resumed on another device after signing in. The questions before (apply.py) do not.
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
    url_for,
)

from app.auth import current_user, login_required, public, require_user
from app.domain import application, application_id
from app.extensions import db
from app.forms.application import STEP_FORMS, StepForm
from app.htmx import redirect_to
from app.routes import draft_saves
from app.routes.apply import answers as eligibility_answers
from app.services import card_application as service
from app.services import qr
from app.storage import drafts

bp = Blueprint("application", __name__, url_prefix="/apply/application")
ROUTES = ("smartphone", "pc", "mail")


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
    draft = service.load(db.session, user.id) if user else {}
    return render_template("pages/application/start.html", route=route, draft=draft)


@bp.post("/begin")
@login_required
def begin() -> Response:
    route = request.form.get("route", "")
    if route not in ROUTES:
        abort(400)
    answers = service.begin(db.session, require_user().id, route, eligibility_answers())
    db.session.commit()
    return redirect_to(_next_url("", answers))


@bp.route("/<string:step>", methods=["GET", "POST"])
@login_required
def step(step: str) -> Response:
    form_class, answers = _step_context(step)
    posted = request.method == "POST"
    form = form_class() if posted else form_class(data=_initial(form_class, step, answers))
    _limit_choices(form, answers)
    if posted and form.check(service.today()):
        change = drafts.setting(
            *(((name,), value) for name, value in form.answers().items()),
            (("partial", step), drafts.DELETE),
        )
        saved = service.edit(db.session, require_user().id, change, since=draft_saves.since())
        db.session.commit()
        if saved.conflicts:
            return _render_step(
                step,
                form,
                saved.answers,
                status=409,
                conflict=draft_saves.conflict_labels(saved.conflicts, form),
            )
        answers = saved.answers
        if request.form.get("later"):
            return redirect_to(url_for("application.saved"))
        return redirect_to(_next_url(step, answers))
    if posted and request.form.get("later"):
        return redirect_to(url_for("application.saved"))
    return _render_step(step, form, answers, status=422 if form.errors else 200)


@bp.post("/<string:step>/draft")
@login_required
def autosave(step: str) -> Response:
    """Keep what is typed, unchecked, so a closed tab or a flat battery loses nothing."""
    form_class, _answers = _step_context(step)
    form = form_class()
    typed = {f.short_name: f.data for f in form if isinstance(f.data, str)}
    typed.pop("csrf_token", None)
    change = draft_saves.typed(step, typed)
    saved = service.edit(db.session, require_user().id, change, since=draft_saves.since())
    db.session.commit()
    return draft_saves.autosaved(saved, form)


@bp.post("/application-id/scan")
@login_required
def scan() -> Response:
    """The QR fallback: read the ID from a photo of the form on the server."""
    form_class, answers = _step_context("application-id")
    upload = request.files.get("form_photo")
    found = qr.read_application_id(upload.read()) if upload else None
    if found is None:
        form = form_class(data=_initial(form_class, "application-id", answers))
        return _render_step("application-id", form, answers, status=422, scan_failed=True)
    service.update(db.session, require_user().id, {"application_id": found, "has_qr": True})
    db.session.commit()
    return redirect_to(url_for("application.step", step="application-id", scanned=1))


@bp.get("/continue")
@login_required
def resume() -> Response:
    """Where the user left off: the first unanswered step, or check your answers."""
    answers = service.load(db.session, require_user().id)
    if not answers.get("route"):
        return redirect_to(url_for("apply.question", question="route"))
    return redirect_to(_next_url("", answers))


@bp.get("/saved")
@login_required
def saved() -> str:
    return render_template("pages/application/saved.html")


def _step_context(step: str) -> tuple[type[StepForm], dict[str, Any]]:
    answers = service.load(db.session, require_user().id)
    route = answers.get("route")
    if step not in STEP_FORMS or not route or step not in application.steps(route):
        abort(404)
    return STEP_FORMS[step], answers


def _initial(form_class: type[StepForm], step: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {**form_class.initial(answers), **answers.get("partial", {}).get(step, {})}


def _limit_choices(form: StepForm, answers: dict[str, Any]) -> None:
    """Under-15s are offered no signature certificate."""
    field = getattr(form, "certificates", None)
    if field is not None:
        allowed = application.certificate_choices(answers, today=service.today())
        field.choices = [c for c in field.choices if c.value in allowed]


def _next_url(step: str, answers: dict[str, Any]) -> str:
    if request.args.get("change") or request.form.get("change"):
        return url_for("application.check")
    following = application.next_step(answers["route"], step, answers, today=service.today())
    if following is None:
        return url_for("application.check")
    if following == "photo":
        return url_for("application.photo")
    return url_for("application.step", step=following)


def _back_url(step: str, answers: dict[str, Any]) -> str:
    if request.args.get("change"):
        return url_for("application.check")
    order = application.steps(answers["route"])
    index = order.index(step)
    if index == 0:
        return url_for("application.start", route=answers["route"])
    return url_for("application.step", step=order[index - 1])


def _render_step(step: str, form: StepForm, answers: dict[str, Any], **context: Any) -> Response:
    status = context.pop("status", 200)
    page = render_template(
        f"pages/application/{step}.html",
        form=form,
        step=step,
        answers=answers,
        restored=bool(answers.get("partial", {}).get(step)) and request.method == "GET",
        change=bool(request.args.get("change") or request.form.get("change")),
        back=_back_url(step, answers),
        autosave={
            "hx-post": url_for("application.autosave", step=step),
            "hx-trigger": "input changed delay:500ms",
            "hx-target": "#draft-status",
            "hx-swap": "innerHTML",
            "hx-include": "closest form",
        },
        age=application.age(answers, today=service.today()),
        draft_fields=service.page_fields(db.session, require_user().id),
        **context,
    )
    return make_response(page, status)


# The photo step, check your answers, sending and the confirmation register on this blueprint.
from app.routes import application_review  # noqa: E402, F401
