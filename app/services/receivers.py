"""The configured receiver of each procedure, for views, services and templates.

Worked out once, when `create_app` checks the configuration (`app.domain.receivers` holds the
rules; a bad setting was refused there), and read from the app here, so nothing else reads
`MYNA_RECEIVER_*` and no page parses them again.
A procedure whose receiver is `none` has no send endpoint: `require_sending` raises `NotFound`.
"""

from __future__ import annotations

from flask import current_app

from app.domain.receivers import PROCEDURES, Procedure, Receiver
from app.i18n import japanese_page
from app.services.errors import NotFound


def receiver(procedure: Procedure) -> Receiver:
    """Who receives `procedure` in this installation."""
    receivers: dict[Procedure, Receiver] = current_app.extensions["myna_receivers"]
    return receivers[procedure]


def office_name(procedure: Procedure) -> str:
    """The receiving office's name in the page's language; empty unless the kind is `office`."""
    office = receiver(procedure).office
    return office.name("ja" if japanese_page() else "en") if office else ""


def notice_mail(procedure: Procedure) -> str:
    """How the receiving office posts its notices (e.g. 簡易書留), in the page's language; empty
    unless an office configured it (review plan D9: no source makes one method the rule)."""
    office = receiver(procedure).office
    if office is None:
        return ""
    mail = office.notice_mail_ja if japanese_page() else office.notice_mail_en
    return mail or ""


def receiving_offices() -> list[str]:
    """The offices that receive what residents send here, named once each in the page's
    language (the footer says who runs the service: truthful-outcomes §1.2)."""
    names: list[str] = []
    for procedure in PROCEDURES:
        name = office_name(procedure)
        if name and name not in names:
            names.append(name)
    return names


def is_demo() -> bool:
    """Whether this installation is a demonstration (`make run`): the banner on every page."""
    return bool(current_app.config.get("DEMO"))


def require_sending(procedure: Procedure) -> Receiver:
    """The receiver of a send endpoint; 404 when nobody receives `procedure` (no Send button)."""
    found = receiver(procedure)
    if not found.sends:
        raise NotFound
    return found
