"""Applying for the My Number Card: two blueprints, three modules.

- questions: the `apply` blueprint, public: start, one question per page, results, routes;
- application: the `application` blueprint, signed in: the steps, autosaved as a draft;
- review: on the `application` blueprint: the photo step, check your answers, sending, the
  confirmation and its PDF.
"""

from __future__ import annotations

from app.routes.apply import application, questions, review
from app.routes.apply.questions import bp

__all__ = ["application", "bp", "questions", "review"]
