"""The journeys, registered once: what the home page, the dashboard, the office index and
`services/procedures.py` list, in the order a resident usually meets them (get the card with
its photo, then use it).

A journey's drafts are saved under its `draft_key` (`"<key>"` or `"<key>.<part>"`), which is how
the dashboard knows it was started. Its completion rule says, from what was stored, whether the
resident finished it ("completed") or sent something still being handled ("in_progress").
Adding a journey: one entry here (and its blueprint, whose `start` endpoint it names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.storage import card_applications, nhi_enrolments, photos
from app.storage.insurance import registrations_for_user

# (session, user id) -> "completed", "in_progress" (sent, not yet decided) or None.
CompletionRule = Callable[[Session, str], str | None]


@dataclass(frozen=True)
class Journey:
    key: str
    title: LazyString  # the start page's heading and the dashboard task
    title_ja: str  # the official Japanese name, shown beside the title in every language
    summary: LazyString  # the home page's line under the title
    start_endpoint: str
    completion: CompletionRule
    office_endpoint: str | None = None  # the office list of what residents sent, if any
    office_title: LazyString | None = None

    @property
    def draft_key(self) -> str:
        """The draft key of the journey's single draft, and the prefix of its parts' keys."""
        return self.key

    def owns_draft(self, key: str) -> bool:
        return key == self.draft_key or key.startswith(f"{self.draft_key}.")


def _sent_application(session: Session, user_id: str) -> str | None:
    return "completed" if card_applications.for_user(session, user_id) else None


def _passed_photo(session: Session, user_id: str) -> str | None:
    return "completed" if photos.has_passed(session, user_id) else None


def _registered_card(session: Session, user_id: str) -> str | None:
    return "completed" if registrations_for_user(session, user_id) else None


def _accepted_enrolment(session: Session, user_id: str) -> str | None:
    """Completed once the office accepted an enrolment; a sent one is in progress until then."""
    rows = nhi_enrolments.for_user(session, user_id)
    if not rows:
        return None
    return "completed" if any(row.state == "accepted" for row in rows) else "in_progress"


JOURNEYS: tuple[Journey, ...] = (
    Journey(
        key="apply",
        title=_l("Apply for the My Number Card"),
        title_ja="マイナンバーカード交付申請",
        summary=_l("By smartphone, computer, photo booth or post."),
        start_endpoint="apply.start",
        completion=_sent_application,
        office_endpoint="office_card_applications.records",
        office_title=_l("Card applications"),
    ),
    Journey(
        key="photo",
        title=_l("Take the ID photo"),
        title_ja="顔写真",
        summary=_l(
            "Most refused applications are refused for the photo. We check yours in a second."
        ),
        start_endpoint="photo.start",
        completion=_passed_photo,
    ),
    Journey(
        key="insurance",
        title=_l("Register the card for health insurance"),
        title_ja="マイナ保険証の利用登録",
        summary=_l("Register it once with your 4-digit PIN and a card reader or NFC phone."),
        start_endpoint="insurance.start",
        completion=_registered_card,
        office_endpoint="office_insurance.records",
        office_title=_l("Health insurance registrations and cancellations"),
    ),
    Journey(
        key="nhi",
        title=_l("Join National Health Insurance"),
        title_ja="国民健康保険の加入届",
        summary=_l("After leaving your employer's insurance: apply online, signed with your card."),
        start_endpoint="nhi.start",
        completion=_accepted_enrolment,
        office_endpoint="office_nhi.records",
        office_title=_l("NHI enrolments"),
    ),
)
JOURNEYS_BY_KEY = {journey.key: journey for journey in JOURNEYS}
