"""The user's language (issue 17): their choice, then Accept-Language, then Japanese.

The choice is made with `?lang=<code>` (the switcher's links); a cookie keeps it in this
browser and, for a signed-in user, the account keeps it for every device. The order is:
`?lang=`, the signed-in account's choice, the cookie, Accept-Language (app/domain/language_tags.py),
Japanese. Site codes are BCP 47 (`card_relay/languages.py`); Flask-Babel is handed each code's
Babel locale, and loads its catalogue by directory (app/catalogues.py).
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations

from app.auth import current_user, session_id
from app.domain import language_tags
from app.domain.page_text import with_japanese_marked, with_ruby
from app.extensions import db
from app.services import profile
from card_relay.languages import (
    ALL,
    BY_CODE,
    DEFAULT_LANGUAGE,
    EASY_JAPANESE,
    LANGUAGES,
    without_ruby,
)

# Each language's name in itself, for the language switcher (the list: card_relay/languages.py).
LANGUAGE_NAMES = LANGUAGES


def select_code() -> str:
    """This request's site language code."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    chosen = request.args.get("lang")
    if chosen in BY_CODE:
        return chosen
    user = current_user() if session_id() else None
    if user is not None and user.language in BY_CODE:
        return str(user.language)
    kept = request.cookies.get(lang_cookie())
    if kept in BY_CODE:
        return kept
    accepted = language_tags.match(value for value, _quality in request.accept_languages)
    return accepted or DEFAULT_LANGUAGE


def select_locale() -> str:
    """Flask-Babel's locale selector: the Babel locale of this request's language."""
    return BY_CODE[current_locale()].babel_locale


def lang_cookie() -> str:
    """The language cookie's name: `__Host-lang` (Secure, this host, path /: review L8), a plain
    one only where the session cookie is plain too (`make run` on http://localhost)."""
    return str(current_app.config["LANG_COOKIE_NAME"])


def init_app(app: Flask) -> None:
    @app.before_request
    def remember_for_the_account() -> None:
        """A signed-in user's `?lang=xx` is kept on the account, before the view runs (so the
        save commits nothing of the view's)."""
        chosen = request.args.get("lang")
        if chosen in BY_CODE and session_id():
            user = current_user()
            if user is not None and user.language != chosen:
                profile.save_language(db.session, user, chosen)

    @app.after_request
    def remember_choice(response: Response) -> Response:
        """`?lang=xx` switches the language and the cookie keeps it for later visits; the
        page's text is finished for its language (`finish_text`)."""
        chosen = request.args.get("lang")
        if chosen in BY_CODE and chosen != request.cookies.get(lang_cookie()):
            response.set_cookie(
                lang_cookie(),
                chosen,
                max_age=60 * 60 * 24 * 365,
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
                samesite="Lax",
            )
        if "locale" in g:
            finish_text(response, g.locale)
        return response

    app.jinja_env.globals.update(
        language_names=LANGUAGE_NAMES,
        current_locale=current_locale,
        switch_url=switch_url,
        alternate_urls=alternate_urls,
        japanese_page=japanese_page,
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


def finish_text(response: Response, code: str) -> None:
    """Easy Japanese furigana (`｜漢字《かんじ》`) drawn as <ruby> in an HTML page's text and
    reduced to the base text in its attributes and in JSON or plain text; on a page in
    another language than Japanese, Japanese phrases marked `lang="ja"`
    (app/domain/page_text.py)."""
    if response.direct_passthrough or response.is_streamed:
        return
    mimetype = response.mimetype or ""
    if code == EASY_JAPANESE:
        if mimetype == "text/html":
            response.set_data(with_ruby(response.get_data(as_text=True)))
        elif mimetype in {"application/json", "text/plain"}:
            response.set_data(without_ruby(response.get_data(as_text=True)))
    elif mimetype == "text/html" and BY_CODE[code].babel_locale != "ja":
        page = response.get_data(as_text=True)
        response.set_data(with_japanese_marked(page, kana_only=code.startswith("zh")))


def translations() -> NullTranslations:
    """This request's catalogue: Flask-Babel's, kept on `g` while the locale is the same one
    (`flask_babel.force_locale` sets another locale object, and then it is looked up again)."""
    locale = get_locale()
    cached: tuple[Any, NullTranslations] | None = g.get("_translations")
    if cached is None or cached[0] is not locale:
        cached = g._translations = (locale, get_translations())
    return cached[1]


def current_locale() -> str:
    """This request's site language code (BCP 47, as in `lang`), chosen once per request."""
    if "locale" not in g:
        g.locale = select_code()
    return str(g.locale)


def japanese_page() -> bool:
    """Whether this page is in Japanese (easy Japanese too): Japanese punctuation, and the
    Japanese of data that has only Japanese and English."""
    return BY_CODE[current_locale()].babel_locale == "ja"


def switch_url(code: str) -> str:
    """This page in another language; after a POST, the page the form was on."""
    from app.urls import safe_next

    path = request.path
    if request.method != "GET":
        referrer = request.referrer or ""
        host = request.host_url.rstrip("/")
        path = safe_next(referrer.removeprefix(host).split("?")[0]) or "/"
    return f"{path}?lang={code}"


def alternate_urls() -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of this page in every language, and `x-default` (no choice:
    the reader's browser decides), for `<link rel="alternate">` in the page's head; none
    for the answer to a form (a POST), which has no address of its own."""
    if request.method != "GET":
        return []
    root = request.host_url.rstrip("/")
    links = [(language.code, root + switch_url(language.code)) for language in ALL]
    links.append(("x-default", root + switch_url("").split("?")[0]))
    return links
