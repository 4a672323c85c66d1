"""Suitability questions, one per page (GOV.UK), shared by the journeys.

The answers live in the session, so nobody needs an account to find out whether a procedure
suits them; a pure rule in `app/domain` says where each answer leads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Response, abort, make_response, render_template, request, session, url_for

from app.domain.steps import Step
from app.forms import BaseForm
from app.htmx import redirect_to
from app.urls import safe_next


def snake_case(question: str) -> str:
    """The form field of a question: the URL's kebab-case name in snake case."""
    return question.replace("-", "_")


@dataclass(frozen=True)
class Questions:
    """A journey's questions: their forms, where in the session their answers are kept, and
    the blueprint whose `question`, `result` and `start` views show them."""

    blueprint: str
    session_key: str
    forms: Mapping[str, type[BaseForm]]
    field_name: Callable[[str], str] = snake_case

    def answers(self) -> dict[str, Any]:
        return dict(session.get(self.session_key, {}))

    def remember(self, **values: Any) -> dict[str, Any]:
        current = {**self.answers(), **values}
        session[self.session_key] = current
        return current

    def form_for(self, question: str) -> BaseForm:
        """The posted answer, or on GET the answer given before (404 for an unknown question)."""
        if question not in self.forms:
            abort(404)
        form_class = self.forms[question]
        if request.method == "POST":
            return form_class()
        field = self.field_name(question)
        return form_class(data={field: self.answers().get(field)})

    def accept(self, question: str, form: BaseForm) -> dict[str, Any] | None:
        """All the answers with this one added, or None when it needs correcting."""
        if not form.validate_on_submit():
            return None
        field = self.field_name(question)
        return self.remember(**{field: form.data[field]})

    def step_url(self, step: Step) -> str | None:
        """The page a question or result step leads to; None for a journey's own kinds."""
        if step.kind == "question":
            return url_for(f"{self.blueprint}.question", question=step.key)
        if step.kind == "result":
            return url_for(f"{self.blueprint}.result", result=step.key)
        return None

    def start_again(self, first_question: str) -> Response:
        """GET asks to confirm, POST (with its CSRF token) forgets the answers: a link, a
        prefetch or another site's `<img>` cannot wipe them (security review L8)."""
        if request.method == "GET":
            back = request.referrer if request.referrer else url_for(f"{self.blueprint}.start")
            page = render_template(
                "pages/start_again.html",
                action=url_for(f"{self.blueprint}.start_again"),
                back=safe_next(_local_path(back)) or url_for(f"{self.blueprint}.start"),
            )
            return make_response(page)
        session.pop(self.session_key, None)
        return redirect_to(url_for(f"{self.blueprint}.question", question=first_question))

    def back_url(self, previous: str | None) -> str:
        """The previous question, or the journey's start page before the first one."""
        if previous:
            return url_for(f"{self.blueprint}.question", question=previous)
        return url_for(f"{self.blueprint}.start")


def question_page(template: str, form: BaseForm, **context: Any) -> Response:
    """The page, with 422 when it shows errors (htmx swaps 422 too)."""
    page = render_template(template, form=form, **context)
    return make_response(page, 422 if form.errors else 200)


def _local_path(url: str) -> str:
    """The path and query of a URL on this site (the Referer is absolute)."""
    host = request.host_url.rstrip("/")
    return url.removeprefix(host) if url.startswith(host + "/") else ""
