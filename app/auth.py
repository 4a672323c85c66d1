"""Who is signed in, and the decorators that guard routes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from app.domain import clock
from app.extensions import db
from app.services.errors import Conflict
from app.services.office import actions_recorded
from app.storage import user_sessions
from app.storage.models import User
from app.storage.user_sessions import SignedInUser

F = TypeVar("F", bound=Callable[..., Any])
# The cookie holds this random id of a `user_sessions` row, never the user's id alone: a
# session exists only while its row does (signed out, revoked or past its absolute lifetime).
SESSION_ID = "sid"
# The question flows' answers (app/routes/questions.py): kept when signing in rotates the
# session, so the answers survive creating an account (newcomer walk §1).
ANSWERS = "answers"


def current_user() -> SignedInUser | None:
    """The signed-in user, looked up once per request (one indexed read, cached on `g`)."""
    if "current_user" not in g:
        token = session_id()
        user = user_sessions.user_for(db.session, token, now=_now()) if token else None
        if token and user is None:
            session.clear()  # signed out elsewhere, revoked, expired, or the account removed
        g.current_user = user
    return g.current_user  # type: ignore[no-any-return]


def session_id() -> str | None:
    token = session.get(SESSION_ID)
    return token if isinstance(token, str) else None


def require_user() -> SignedInUser:
    """The signed-in user, for views already behind `login_required`."""
    user = current_user()
    if user is None:
        abort(401)
    return user


def sign_in(user: User) -> None:
    """Start a fresh session for the user: the old cookie's contents are discarded."""
    locale_choice = session.get("lang")
    answers = session.get(ANSWERS)
    session.clear()
    session.permanent = True
    lifetime = timedelta(seconds=current_app.config["SESSION_ABSOLUTE_LIFETIME"])
    session[SESSION_ID] = user_sessions.start(db.session, user.id, now=_now(), lifetime=lifetime)
    db.session.commit()
    if locale_choice:
        session["lang"] = locale_choice
    if answers:
        session[ANSWERS] = answers
    g.pop("current_user", None)


def sign_out() -> None:
    """End the session on the server too, so a copy of the cookie stops working."""
    token = session_id()
    if token:
        user_sessions.end(db.session, token)
        db.session.commit()
    session.clear()
    g.pop("current_user", None)


def login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            if request.method == "GET" and not request.headers.get("HX-Request"):
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            abort(401)
        return view(*args, **kwargs)

    wrapped.login_required = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def staff_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        user = current_user()
        if user is None:
            return redirect(url_for("auth.sign_in", next=request.path))
        if not user.is_staff:
            abort(403)
        return view(*args, **kwargs)

    wrapped.login_required = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def staff_action(view: F) -> F:
    """A staff view: staff only, and it records exactly one staff action.

    The view calls an office service, which records the action with `record_staff_action()`
    (`app/services/office.py`) in the same transaction as what it did; a refused decision (409)
    records its refusal. A view that answered without recording fails loudly here, so an
    unaudited staff page cannot ship (the architecture test finds this marker on every office
    view).
    """

    @wraps(view)
    def audited(*args: Any, **kwargs: Any) -> Any:
        before = actions_recorded()
        try:
            result = view(*args, **kwargs)
        except Conflict:
            _check_one_action(view, actions_recorded() - before)
            raise
        status = result.status_code if isinstance(result, Response) else 200
        if status < 400:
            _check_one_action(view, actions_recorded() - before)
        return result

    audited.staff_action = True  # type: ignore[attr-defined]
    return staff_required(audited)  # type: ignore[return-value]


def _check_one_action(view: Callable[..., Any], recorded: int) -> None:
    if recorded != 1:
        raise RuntimeError(f"staff view {view.__name__} recorded {recorded} staff actions, not 1")


def public(view: F) -> F:
    """Mark a view as open to everyone; the architecture test requires one marker or the other."""
    view.public = True  # type: ignore[attr-defined]
    return view


def _now() -> datetime:
    return clock.now_utc()
