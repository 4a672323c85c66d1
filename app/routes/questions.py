"""The one question engine: every journey's suitability questions, one per page (GOV.UK).

A journey declares its questions as a `Flow` in its domain module and its forms in its forms
module; `Journey(...).register(bp)` adds the views:

- `<prefix>/questions/<question>` (endpoint `question`): the form, then where the answer leads;
- `<prefix>/result/<result>` (endpoint `result`): a result page, with "change your answer"
  (the question that led there) and "continue" for informational results;
- `<prefix>/start-again` (endpoint `start_again`) for journeys whose answers live in the session;
- the old question URLs redirect to the new ones.

Answers live in the session under one key, `auth.ANSWERS`, which signing in keeps: nobody needs
an account to find out whether a procedure suits them, and the answers survive creating one.
Adding a question: one entry in the flow, one form (its field's `description` is the hint) and
its texts; a page template only when the default of `layouts/question.html` does not fit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from flask import (
    Blueprint,
    Response,
    abort,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from app.auth import ANSWERS, public
from app.domain import clock
from app.domain.flows import Flow
from app.domain.steps import Step
from app.forms import BaseForm
from app.htmx import redirect_to
from app.urls import safe_next


class AnswerStore(Protocol):
    """Where a journey keeps its answers."""

    def load(self) -> dict[str, Any]: ...

    def save(self, answers: dict[str, Any], changes: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class SessionAnswers:
    """Answers in the (encrypted) session cookie, one dictionary per journey."""

    journey: str

    def load(self) -> dict[str, Any]:
        return dict(session.get(ANSWERS, {}).get(self.journey, {}))

    def save(self, answers: dict[str, Any], changes: dict[str, Any]) -> None:
        session[ANSWERS] = {**session.get(ANSWERS, {}), self.journey: answers}

    def clear(self) -> None:
        everything = dict(session.get(ANSWERS, {}))
        everything.pop(self.journey, None)
        session[ANSWERS] = everything


@dataclass(frozen=True)
class Journey:
    """A journey's questions: its flow, forms and templates folder (`pages/<folder>/`).

    `places` turns a journey's own kind of step (e.g. "route", "prepare") into a URL;
    `own_pages` names the endpoint of a question with a page of its own (the card reader);
    `result_context` adds what a journey's result page needs."""

    blueprint: str
    flow: Flow
    forms: Mapping[str, type[BaseForm]]
    folder: str
    places: Mapping[str, Callable[[str], str]] = field(default_factory=dict)
    own_pages: Mapping[str, str] = field(default_factory=dict)
    store: AnswerStore | None = None
    guard: Callable[[Any], Any] = public
    legacy_prefix: str = ""
    result_context: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None

    def _store(self) -> AnswerStore:
        return self.store or SessionAnswers(self.blueprint)

    def answers(self) -> dict[str, Any]:
        return self._store().load()

    def remember(self, question: str, values: dict[str, Any]) -> dict[str, Any]:
        """All the answers with this question's new values (stale ones dropped)."""
        current = self.flow.remember(self.answers(), question, values)
        self._store().save(current, values)
        return current

    def question_url(self, question: str) -> str:
        if question in self.own_pages:
            return url_for(self.own_pages[question])
        return url_for(f"{self.blueprint}.question", question=question)

    def step_url(self, step: Step) -> str:
        """The page a step leads to: a question, a result or one of the journey's places."""
        if step.kind == "question":
            return self.question_url(step.key)
        if step.kind == "result":
            return url_for(f"{self.blueprint}.result", result=step.key)
        return self.places[step.kind](step.key)

    def back_url(self, question: str) -> str:
        """The question answered just before this one, or the start page before the first."""
        previous = self.flow.previous(question, self.answers(), clock.today_in_japan())
        return self.question_url(previous) if previous else url_for(f"{self.blueprint}.start")

    def last_question_url(self) -> str:
        """The last question on the way taken (the back link of the page after the questions)."""
        path = self.flow.path(self.answers(), clock.today_in_japan())
        return self.question_url(path[-1])

    def go_on(self, answers: dict[str, Any] | None = None) -> Response:
        """To wherever the answers lead now."""
        current = self.answers() if answers is None else answers
        return redirect_to(self.step_url(self.flow.end(current, clock.today_in_japan())))

    # Views ------------------------------------------------------------------------------
    def question(self, question: str) -> Response:
        if question not in self.forms:
            abort(404)
        form_class = self.forms[question]
        saved = self.answers()
        form = form_class() if request.method == "POST" else form_class(data=saved)
        if form.validate_on_submit():
            values = {
                name: _stored(f.data) for name, f in form._fields.items() if name != "csrf_token"
            }
            current = self.remember(question, values)
            step = self.flow.after(question, current, clock.today_in_japan())
            return redirect_to(self.step_url(step))
        return self.question_page(question, form)

    def question_page(self, question: str, form: BaseForm, **context: Any) -> Response:
        """The page, with 422 when it shows errors (htmx swaps 422 too)."""
        key = self.flow.answer_key(question)
        fields = [f for name, f in form._fields.items() if name != "csrf_token"]
        page = render_template(
            [f"pages/{self.folder}/{question}.html", "layouts/question.html"],
            form=form,
            field=form._fields.get(key, fields[0] if fields else None),
            question=question,
            back=self.back_url(question),
            **context,
        )
        return make_response(page, 422 if form.errors else 200)

    def result(self, result: str) -> str:
        if result not in self.flow.results:
            abort(404)
        current, today = self.answers(), clock.today_in_japan()
        if result in self.flow.only_when_reached and not self.flow.reached(result, current, today):
            abort(404)
        led_by = self.flow.leading_to(result, current, today) or self.flow.first
        following = self.flow.continue_after.get(result)
        extra = self.result_context(result, current) if self.result_context else {}
        return render_template(
            f"pages/{self.folder}/result.html",
            result=result,
            answers=current,
            change=self.question_url(led_by),
            back=self.question_url(led_by),
            continue_to=self.question_url(following) if following else None,
            **extra,
        )

    def start_again(self) -> Response:
        """GET asks to confirm, POST (with its CSRF token) forgets the answers: a link, a
        prefetch or another site's `<img>` cannot wipe them (security review L8)."""
        start = url_for(f"{self.blueprint}.start")
        if request.method == "GET":
            back = request.referrer if request.referrer else start
            page = render_template(
                "pages/start_again.html",
                action=url_for(f"{self.blueprint}.start_again"),
                back=safe_next(_local_path(back)) or start,
            )
            return make_response(page)
        SessionAnswers(self.blueprint).clear()
        return redirect_to(self.question_url(self.flow.first))

    def old_url(self, question: str) -> Response:
        if question not in self.forms:
            abort(404)
        return redirect(self.question_url(question), code=301)  # type: ignore[return-value]

    def register(self, bp: Blueprint, *, start_again: bool = True) -> None:
        """Add the question, result (and start-again) views to the journey's blueprint."""
        guard = self.guard
        bp.add_url_rule(
            "/questions/<string:question>",
            "question",
            guard(_view(self.question)),
            methods=["GET", "POST"],
        )
        if self.flow.results:
            bp.add_url_rule("/result/<string:result>", "result", public(_view(self.result)))
        bp.add_url_rule(
            f"{self.legacy_prefix}/<string:question>", "old_question", guard(_view(self.old_url))
        )
        if start_again:
            bp.add_url_rule(
                "/start-again",
                "start_again",
                public(_view(self.start_again)),
                methods=["GET", "POST"],
            )


def _view(method: Callable[..., Any]) -> Callable[..., Any]:
    """A plain function for a bound method, so the guards can mark it."""

    def view(*args: Any, **kwargs: Any) -> Any:
        return method(*args, **kwargs)

    return view


def _stored(value: Any) -> Any:
    """An answer as the session and drafts keep it (dates as ISO strings)."""
    return value.isoformat() if isinstance(value, date) else value


def _local_path(url: str) -> str:
    """The path and query of a URL on this site (the Referer is absolute)."""
    host = request.host_url.rstrip("/")
    return url.removeprefix(host) if url.startswith(host + "/") else ""
