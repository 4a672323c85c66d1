"""A question flow declared as data: the questions in order, where each answer leads, the
result pages, and which results let the user continue (GOV.UK "check a service is suitable").

Every journey's suitability questions are one `Flow` in its domain module; the one engine in
`app/routes/questions.py` shows them. From the declaration alone the engine knows the path a
user actually took, so Back goes to the question answered just before (never the first), a
result page links to the answer that led to it, and "continue" picks up after a result.

Sources:
- docs/domain/procedures.md §5.1: GOV.UK question pages (one question per page, a back link on
  every page, don't break the browser's Back) and "check a service is suitable" (a result
  page, not a validation error, for someone who is not eligible).
- docs/domain/procedures.md §5.2: the journey skeleton (suitability questions, one per page,
  then a result that says what to do instead).
The questions and results themselves are sourced in each journey's module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.steps import Step

Answers = Mapping[str, Any]
# Where an answer leads: (the answer, all answers so far, today in Japan) -> the next step.
Transition = Callable[[Any, Answers, date], Step]


def question(key: str) -> Step:
    return Step("question", key)


def result(key: str) -> Step:
    return Step("result", key)


def table(routes: Mapping[str, Step], otherwise: Step | None = None) -> Transition:
    """A transition by the answer's value; an unknown value stays on `otherwise`."""

    def lead(value: Any, answers: Answers, today: date) -> Step:
        step = routes.get(str(value), otherwise)
        if step is None:
            raise KeyError(value)
        return step

    return lead


def by_value(lead: Callable[[Any], Step]) -> Transition:
    """A transition that reads only the answer just given."""
    return lambda value, answers, today: lead(value)


def field_name(key: str) -> str:
    """The answer's key for a question: the URL's kebab-case name in snake case."""
    return key.replace("-", "_")


@dataclass(frozen=True)
class Flow:
    """`questions` maps each question (in page order) to its transition; `continue_after`
    maps an informational result to the question that follows it; `forgets` lists the
    answers a question's new answer makes stale; `only_when_reached` are results shown only
    at the end of answers that lead there (e.g. "you can apply"); `needs` lists the answers
    a question with several fields must have to count as answered."""

    questions: Mapping[str, Transition]
    results: tuple[str, ...]
    continue_after: Mapping[str, str] = field(default_factory=dict)
    forgets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    only_when_reached: frozenset[str] = frozenset()
    answer_key: Callable[[str], str] = field_name
    needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def first(self) -> str:
        return next(iter(self.questions))

    def after(self, key: str, answers: Answers, today: date) -> Step:
        """Where the answer to `key` leads (KeyError for an unknown question)."""
        return self.questions[key](answers.get(self.answer_key(key)), answers, today)

    def answered(self, key: str, answers: Answers) -> bool:
        keys = self.needs.get(key, (self.answer_key(key),))
        return all(answers.get(k) is not None for k in keys)

    def walk(self, answers: Answers, today: date) -> list[Step]:
        """The steps taken from the first question by these answers: each question answered,
        then where the last answer led (a result, a journey's own place, or the question
        still to answer). Informational results with a way on are passed through."""
        taken: list[Step] = []
        step = question(self.first)
        while step.kind == "question" and step not in taken:
            taken.append(step)
            if not self.answered(step.key, answers):
                return taken
            step = self.after(step.key, answers, today)
            if step.kind == "result" and step.key in self.continue_after:
                taken.append(step)
                step = question(self.continue_after[step.key])
        taken.append(step)
        return taken

    def path(self, answers: Answers, today: date) -> list[str]:
        """The questions on the way taken, in order."""
        return [s.key for s in self.walk(answers, today) if s.kind == "question"]

    def previous(self, key: str, answers: Answers, today: date) -> str | None:
        """The question answered just before `key` on the way taken (None: the start page).
        Off the way taken (an address typed by hand), the question declared before it."""
        path = self.path(answers, today)
        order = path if key in path else list(self.questions)
        index = order.index(key)
        return order[index - 1] if index else None

    def leading_to(self, result_key: str, answers: Answers, today: date) -> str | None:
        """The question whose answer led to this result on the way taken, if it did."""
        steps = self.walk(answers, today)
        for before, step in zip(steps, steps[1:], strict=False):
            if step.kind == "result" and step.key == result_key and before.kind == "question":
                return before.key
        return None

    def reached(self, result_key: str, answers: Answers, today: date) -> bool:
        return self.leading_to(result_key, answers, today) is not None

    def end(self, answers: Answers, today: date) -> Step:
        """Where the answers lead in the end: the question still to answer, a result, or the
        journey's own next place."""
        return self.walk(answers, today)[-1]

    def remember(self, answers: Answers, key: str, values: Answers) -> dict[str, Any]:
        """The answers with this question's new values, and its stale answers dropped."""
        kept = {k: v for k, v in answers.items() if k not in self.forgets.get(key, ())}
        return {**kept, **values}
