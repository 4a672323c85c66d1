"""The questions before a request to cancel the insurance registration (procedures.md 3.4),
the documents it needs, and what the person is sent afterwards.

Who sends the request, which insurance the person is in (only National Health Insurance takes
the request here; the other insurers are shown where to send it instead), then whether the
person holds a valid insurance card or 資格確認書: a copy of it is a required document, and
holding one means no new 資格確認書 straight away.

Sources:
- sources/004_ddb9b7bd2bc2cbb0.txt:96-100 (Chuo City, 2024-12-04): the insured person, someone
  in the same household (住民票上同一世帯) or an agent from another household may apply; only
  the agent (別世帯の方) needs a 委任状 (review plan E1).
- sources/004_ddb9b7bd2bc2cbb0.txt:101 (Chuo City): for an agent from another household there
  is no same-day 資格確認書; it is posted later to the head of household by 特定記録郵便 (E3).
- sources/004_ddb9b7bd2bc2cbb0.txt:106-113 (Chuo City): required documents are the sender's
  ID, a valid 被保険者証 or 資格確認書, and the request form; by post, copies (E2). Paper
  被保険者証 lapsed on 2025-09-30 at the latest for NHI (S4:11-16), so someone with マイナ保険証
  may hold neither: the copy is asked only of those who hold one. Whether the insurer accepts
  a request without it is not in the sources (to be confirmed).
- sources/004_ddb9b7bd2bc2cbb0.txt:135 (Chuo City): holding a valid card at cancellation,
  no 資格確認書 is issued straight away, in principle (E4).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.flows import Answers, Flow, question
from app.domain.steps import Step

OTHER_INSURERS = ("employee", "elderly", "not_sure")
# The documents a request can carry, in the order the documents page asks for them.
DOCUMENT_KINDS = ("identity", "insurance_card", "authority")


def _insurer(value: Any, answers: Answers, today: date) -> Step:
    if value == "nhi":
        return question("valid-card")
    return Step("other-insurer", str(value))


FLOW = Flow(
    questions={
        "applicant": lambda value, answers, today: question("insurer"),
        "insurer": _insurer,
        "valid-card": lambda value, answers, today: Step("details", ""),
    },
    results=(),
)


def needed_documents(applicant: str, valid_card: str) -> tuple[str, ...]:
    """The sender's ID always; a copy of the valid insurance card or 資格確認書 when the person
    holds one; the letter of authority when an agent from another household sends it."""
    needed = {"identity"}
    if valid_card == "yes":
        needed.add("insurance_card")
    if applicant == "agent":
        needed.add("authority")
    return tuple(kind for kind in DOCUMENT_KINDS if kind in needed)


def qualification_form(applicant: str, valid_card: str) -> str:
    """How a 資格確認書 follows the cancellation: "not_yet" when the person still holds a valid
    card or 資格確認書 (none is issued straight away), "head_of_household" when an agent from
    another household sent it (posted later to the head of household), else "posted"."""
    if valid_card == "yes":
        return "not_yet"
    if applicant == "agent":
        return "head_of_household"
    return "posted"
