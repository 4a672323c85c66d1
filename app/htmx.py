"""The one place that reads htmx's HX-* request headers and decides page or fragment."""

from __future__ import annotations

from typing import Any

from flask import Response, make_response, render_template, request

VARY_HEADERS = ("HX-Request", "HX-Target", "HX-History-Restore-Request")


def wants_fragment() -> bool:
    """True for an htmx request, except a history restore, which needs the whole page."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def target() -> str | None:
    """The id of the element htmx will swap into, or None for a full page."""
    return request.headers.get("HX-Target") if wants_fragment() else None


def add_vary(response: Response) -> Response:
    """Tell caches that the response depends on the htmx headers it was chosen by."""
    for header in VARY_HEADERS:
        response.vary.add(header)
    return response


def render_page_or_fragment(
    page: str, fragment: str, *, status: int = 200, **context: Any
) -> Response:
    """Render the full page, or only the partial that the page itself includes."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    return add_vary(response)


def redirect_to(url: str) -> Response:
    """Redirect a full page with 303, or an htmx request with HX-Redirect."""
    if request.headers.get("HX-Request") == "true":
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
    else:
        response = make_response("", 303)
        response.headers["Location"] = url
    return add_vary(response)
