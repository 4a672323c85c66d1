"""The signed-in user's dashboard, profile (with an autosaved draft) and passkeys."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request, session, url_for
from flask_babel import gettext as _
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from app.auth import login_required, require_user, session_id
from app.extensions import db, limiter
from app.forms.account import DisplayNameForm
from app.htmx import redirect_to, render_page_or_fragment, wants_fragment
from app.routes.auth import CEREMONY_KEY, passkey_unavailable
from app.routes.steps import autosaved, since
from app.services import passkeys, procedures
from app.services import profile as profiles
from app.services.drafts import setting

bp = Blueprint("account", __name__)


@bp.get("/dashboard")
@login_required
def dashboard() -> str:
    found = procedures.dashboard(db.session, require_user())
    return render_template(
        "pages/account/dashboard.html",
        display_name=found.display_name,
        procedures=found.procedures,
        welcome=request.args.get("welcome") == "1",
    )


@bp.get("/account")
@login_required
def profile() -> Response:
    shown = profiles.page(db.session, require_user())
    form = DisplayNameForm(data={"display_name": shown.name})
    return _render_profile(form, restored=shown.restored, draft_fields=shown.draft_fields)


@bp.post("/account/display-name")
@login_required
def save_display_name() -> Response:
    user = require_user()
    form = DisplayNameForm()
    if not form.validate():
        return _render_profile(form, status=422)
    profiles.save_display_name(db.session, user, form.display_name.data)
    return redirect_to(url_for("account.profile", saved=1))


@bp.post("/account/display-name/draft")
@login_required
def autosave_display_name() -> Response:
    """Keep what the user is typing, so a closed tab or a dead battery loses nothing."""
    user = require_user()
    form = DisplayNameForm()
    value = form.display_name.data or ""
    change = setting(((profiles.FIELD,), value[:200]))
    return autosaved(profiles.DRAFT.update(db.session, user.id, change, since=since()), form)


@bp.post("/account/passkeys/add/begin")
@login_required
@limiter.limit(passkeys.ceremony_limit)
def add_passkey_begin() -> Response | tuple[str, int]:
    unavailable = passkey_unavailable(url_for("account.profile"))
    if unavailable:
        return unavailable
    ceremony = passkeys.begin_registration(
        db.session, passkeys.relying_party(), user=require_user()
    )
    session[CEREMONY_KEY] = ceremony.challenge_id
    return Response(ceremony.options_json, mimetype="application/json")


@bp.post("/account/passkeys/add/complete")
@login_required
@limiter.limit(passkeys.ceremony_limit)
def add_passkey_complete() -> tuple[Response, int] | Response:
    try:
        passkeys.finish_registration(
            db.session,
            passkeys.relying_party(),
            session.pop(CEREMONY_KEY, ""),
            request.get_data(as_text=True),
        )
    except passkeys.PasskeyError:
        return jsonify(error=_("The passkey could not be added. Try again.")), 400
    return jsonify(redirect=url_for("account.profile", added=1))


@bp.post("/account/passkeys/<string:credential_id>/remove")
@login_required
def remove_passkey(credential_id: str) -> Response:
    user = require_user()
    try:
        passkeys.remove_credential(
            db.session, user, base64url_to_bytes(credential_id), keep_session=session_id()
        )
    except (passkeys.PasskeyError, ValueError):
        form = DisplayNameForm(data={"display_name": profiles.display_name(user)})
        return _render_profile(form, status=422, passkey_error=True)
    return redirect_to(url_for("account.profile", removed=1))


def _render_profile(
    form: DisplayNameForm,
    *,
    status: int = 200,
    restored: bool = False,
    passkey_error: bool = False,
    draft_fields: dict[str, str] | None = None,
) -> Response:
    user = require_user()
    return render_page_or_fragment(
        "pages/account/profile.html",
        "partials/account/display_name.html",
        status=status,
        form=form,
        restored=restored,
        passkey_error=passkey_error,
        # The passkey list is on the full page only: a fragment need not load it.
        credentials=[]
        if wants_fragment()
        else [(bytes_to_base64url(c.id), c) for c in passkeys.credentials_of(db.session, user.id)],
        draft_fields=draft_fields or profiles.draft_fields(db.session, user),
    )
