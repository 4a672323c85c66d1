"""A sent request as every journey's "where is my request" list shows it.

The card application (`/apply/`), the NHI enrolments (`/nhi/`) and the insurance
cancellations (`/insurance/cancel/requests`) each give their user's requests as
`SentRequest`s, and `components/sent_list.html` lists them one way: the reference the user
keeps (a link to the request's page), the day it was sent and its state in words from
`app/labels`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.labels import Choices


@dataclass(frozen=True)
class SentRequest:
    id: str  # what the request's own page is found by
    reference: str
    sent_at: datetime
    state: str  # a key of `states`
    states: Choices  # the journey's state labels (app/labels)
