"""Passkey sign-up, sign-in and sign-out.

The browser half lives in static/js/modules/passkey-ceremony.mjs (with its binders
passkey-register, passkey-sign-in, passkey-add): it asks `…/begin` for options, lets the
authenticator answer, and posts the answer to `…/complete`.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from app import auth
from app.extensions import db, limiter
from app.forms.account import DisplayNameForm
from app.services import passkeys
from app.urls import safe_next

bp = Blueprint("auth", __name__)
CEREMONY_KEY = "ceremony"


@bp.get("/account/create")
@auth.public
def create_account() -> str:
    return render_template(
        "pages/auth/create.html",
        form=DisplayNameForm(),
        next=safe_next(request.args.get("next")),
    )


@bp.post("/auth/register/begin")
@auth.public
@limiter.limit(passkeys.ceremony_limit)
def register_begin() -> Response | tuple[str, int]:
    form = DisplayNameForm()
    if not form.validate():
        if request.accept_mimetypes.best == "application/json":
            return jsonify(errors=form.errors), 422  # type: ignore[return-value]
        # Keep where the user was going, so the retry still returns there.
        next_url = safe_next(request.args.get("next"))
        return render_template("pages/auth/create.html", form=form, next=next_url), 422
    unavailable = passkey_unavailable(url_for("auth.create_account"))
    if unavailable:
        return unavailable
    ceremony = passkeys.begin_registration(
        db.session, passkeys.relying_party(), display_name=form.display_name.data
    )
    session[CEREMONY_KEY] = ceremony.challenge_id
    return _options_response(ceremony)


@bp.post("/auth/register/complete")
@auth.public
@limiter.limit(passkeys.ceremony_limit)
def register_complete() -> tuple[Response, int] | Response:
    try:
        user = passkeys.finish_registration(
            db.session,
            passkeys.relying_party(),
            session.pop(CEREMONY_KEY, ""),
            request.get_data(as_text=True),
        )
    except passkeys.PasskeyError as error:
        current_app.logger.info("passkey registration refused: %s", error.reason)
        return jsonify(error=_("The passkey could not be created. Try again.")), 400
    auth.sign_in(user)
    target = safe_next(request.args.get("next")) or url_for("account.dashboard", welcome=1)
    return jsonify(redirect=target)


@bp.get("/sign-in")
@auth.public
def sign_in() -> str:
    return render_template("pages/auth/sign_in.html", next=safe_next(request.args.get("next")))


@bp.post("/auth/sign-in/begin")
@auth.public
@limiter.limit(passkeys.ceremony_limit)
def sign_in_begin() -> Response | tuple[str, int]:
    unavailable = passkey_unavailable(url_for("auth.sign_in"))
    if unavailable:
        return unavailable
    ceremony = passkeys.begin_authentication(db.session, passkeys.relying_party())
    session[CEREMONY_KEY] = ceremony.challenge_id
    return _options_response(ceremony)


@bp.post("/auth/sign-in/complete")
@auth.public
@limiter.limit(passkeys.ceremony_limit)
def sign_in_complete() -> tuple[Response, int] | Response:
    try:
        user = passkeys.finish_authentication(
            db.session,
            passkeys.relying_party(),
            session.pop(CEREMONY_KEY, ""),
            request.get_data(as_text=True),
        )
    except passkeys.PasskeyError as error:
        current_app.logger.info("passkey sign-in refused: %s", error.reason)
        return jsonify(error=_("That passkey did not work. Try again or use another.")), 400
    auth.sign_in(user)
    target = safe_next(request.args.get("next")) or url_for("account.dashboard")
    return jsonify(redirect=target)


@bp.post("/sign-out")
@auth.public
def sign_out() -> Response:
    auth.sign_out()
    return redirect(url_for("home.index", signed_out=1), 303)  # type: ignore[return-value]


def passkey_unavailable(back: str) -> tuple[str, int] | None:
    """The page for a passkey form posted by the browser itself, or None for the script's call.

    The passkey module posts with `Accept: application/json`; a plain form post means the
    module did not run: JavaScript is off, or the browser has no WebAuthn (and the module
    could not disable the button). Either way the person gets a page saying what to do,
    never the options JSON.
    """
    if request.accept_mimetypes.best == "application/json":
        return None
    return render_template("pages/auth/needs_javascript.html", back=back), 400


def _options_response(ceremony: passkeys.Ceremony) -> Response:
    response = current_app.response_class(ceremony.options_json, mimetype="application/json")
    return response
