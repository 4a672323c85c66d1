"""Errors become a page, or for htmx an alert fragment swapped into #alerts."""

from __future__ import annotations

from flask import Flask, Response, current_app, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.htmx import add_vary, wants_fragment
from app.services.errors import ServiceError
from app.storage.drafts import DraftBusy

# Status codes that have their own page; anything else uses the generic page.
PAGES = {400, 401, 403, 404, 405, 413, 429, 500}


class DomainError(Exception):
    """An error a user can act on; `status` and a translated `message` for the page."""

    status = 400

    def user_message(self) -> str:
        return str(_("Something went wrong. Go back and try again."))


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> Response:
        message = _("Your session expired or the form was sent twice. Go back and try again.")
        return render_error(400, message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        if error.response is not None:  # a view prepared its own answer (e.g. a limit's on_breach)
            return error.response  # type: ignore[return-value]
        status = error.code or 500
        if status == 401 and wants_fragment():
            # Never a sign-in page inside a fragment: send the whole browser to sign in.
            response = make_response("", 401)
            response.headers["HX-Redirect"] = url_for("auth.sign_in", next=request.path)
            return add_vary(response)
        if status == 413:
            # Say what the limit is, on the page and in the htmx upload's alert (review L8).
            limit = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
            message = _(
                "The file is too big: we can receive up to %(size)s MB at once.", size=limit
            )
            return render_error(413, message)
        return render_error(status, None)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> Response:
        return render_error(error.status, error.user_message())

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError) -> Response:
        return render_error(error.status, None)

    @app.errorhandler(DraftBusy)
    def draft_busy(error: DraftBusy) -> Response:
        return render_error(503, _("Your answers could not be saved just now. Try again."))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return render_error(500, None, failsafe=True)


def render_error(status: int, message: str | None, *, failsafe: bool = False) -> Response:
    template = f"errors/{status}.html" if status in PAGES else "errors/generic.html"
    if wants_fragment():
        body = render_template("partials/alert.html", status=status, message=message)
        response = make_response(body, status)
        response.headers["HX-Retarget"] = "#alerts"
        response.headers["HX-Reswap"] = "innerHTML"
        return add_vary(response)
    try:
        body = render_template(template, status=status, message=message, failsafe=failsafe)
    except Exception:
        if not failsafe:
            raise
        body = FAILSAFE_PAGE  # the error page itself failed: answer without templates or I/O
    return add_vary(make_response(body, status))


FAILSAFE_PAGE = (
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Error エラー</title>'
    "</head><body><main><h1>Sorry, there is a problem with the service."
    " 申し訳ありません。サービスに問題が発生しています。</h1></main></body></html>"
)
