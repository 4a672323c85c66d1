"""Applying for the My Number Card: three blueprints, four modules.

- questions: the `apply` blueprint, public: start, one question per page, results, routes;
- application: the `application` blueprint, signed in: the steps, autosaved as a draft;
- review: on the `application` blueprint: the photo step, check your answers, sending, the
  confirmation and its PDF;
- collect: the `collect` blueprint, public: after applying, a move and who collects the card.
"""

from __future__ import annotations

from app.routes.apply import application, collect, questions, review
from app.routes.apply.questions import bp

__all__ = ["application", "bp", "collect", "questions", "review"]
