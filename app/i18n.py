"""The user's language: their choice (kept in a cookie), then Accept-Language, then Japanese."""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale, get_translations

from card_relay.languages import LANGUAGES

# Each language's name in itself, for the language switcher (the list: card_relay/languages.py).
LANGUAGE_NAMES = LANGUAGES


def select_locale() -> str:
    languages: tuple[str, ...] = current_app.config["LANGUAGES"]
    chosen = request.args.get("lang") or request.cookies.get(lang_cookie())
    if chosen in languages:
        return chosen
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def lang_cookie() -> str:
    """The language cookie's name: `__Host-lang` (Secure, this host, path /: review L8), a plain
    one only where the session cookie is plain too (`make run` on http://localhost)."""
    return str(current_app.config["LANG_COOKIE_NAME"])


def init_app(app: Flask) -> None:
    @app.after_request
    def remember_choice(response: Response) -> Response:
        """`?lang=xx` switches the language and the cookie keeps it for later visits."""
        chosen = request.args.get("lang")
        if (
            chosen
            and chosen in app.config["LANGUAGES"]
            and chosen != request.cookies.get(lang_cookie())
        ):
            response.set_cookie(
                lang_cookie(),
                chosen,
                max_age=60 * 60 * 24 * 365,
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
                samesite="Lax",
            )
        return response

    app.jinja_env.globals.update(
        language_names=LANGUAGE_NAMES, current_locale=current_locale, switch_url=switch_url
    )
    # Flask-Babel's template `_()` finds the catalogue anew on every call (five context
    # lookups and a locale-to-text conversion); these find it once per request and locale.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda text: translations().ugettext(text),
        ngettext=lambda one, many, n: translations().ungettext(one, many, n),
        pgettext=lambda context, text: translations().upgettext(context, text),
        npgettext=lambda context, one, many, n: translations().unpgettext(context, one, many, n),
        newstyle=True,
    )


def translations() -> NullTranslations:
    """This request's catalogue: Flask-Babel's, kept on `g` while the locale is the same one
    (`flask_babel.force_locale` sets another locale object, and then it is looked up again)."""
    locale = get_locale()
    cached: tuple[Any, NullTranslations] | None = g.get("_translations")
    if cached is None or cached[0] is not locale:
        cached = g._translations = (locale, get_translations())
    return cached[1]


def current_locale() -> str:
    if "locale" not in g:
        g.locale = select_locale()
    return str(g.locale)


def switch_url(code: str) -> str:
    """This page in another language; after a POST, the page the form was on."""
    from app.urls import safe_next

    path = request.path
    if request.method != "GET":
        referrer = request.referrer or ""
        host = request.host_url.rstrip("/")
        path = safe_next(referrer.removeprefix(host).split("?")[0]) or "/"
    return f"{path}?lang={code}"
