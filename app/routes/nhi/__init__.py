"""The NHI enrolment journey (procedures.md 4): one blueprint, one module per part.

- start: the blueprint and the start page;
- eligibility: Q1–Q7, one question per page, a result page for each block (public);
- application: the task list, each section autosaved as a draft (signed in);
- people: the people joining (an add-another loop) and the documents;
- signing: check your answers, the card signature, the confirmation, the copy and the status.
"""

from __future__ import annotations

from app.routes.nhi import application, eligibility, people, signing, start
from app.routes.nhi.start import bp

__all__ = ["application", "bp", "eligibility", "people", "signing", "start"]
