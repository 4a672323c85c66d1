"""Who is signed in, and the decorators that guard routes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, g, redirect, request, session, url_for

from app.extensions import db
from app.storage.models import User

F = TypeVar("F", bound=Callable[..., Any])


def current_user() -> User | None:
    """The signed-in user, loaded once per request."""
    if "current_user" not in g:
        user_id = session.get("user_id")
        g.current_user = db.session.get(User, user_id) if user_id else None
        if user_id and g.current_user is None:
            session.clear()  # the account was removed
    return g.current_user  # type: ignore[no-any-return]


def require_user() -> User:
    """The signed-in user, for views already behind `login_required`."""
    user = current_user()
    if user is None:
        abort(401)
    return user


def sign_in(user: User) -> None:
    """Start a fresh session for the user: the old cookie's contents are discarded."""
    locale_choice = session.get("lang")
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    if locale_choice:
        session["lang"] = locale_choice
    g.pop("current_user", None)


def sign_out() -> None:
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


def public(view: F) -> F:
    """Mark a view as open to everyone; the architecture test requires one marker or the other."""
    view.public = True  # type: ignore[attr-defined]
    return view
