"""The words for each expiry event (shared by the dates page and the calendar file)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain import expiry, ics

TITLES: dict[str, Any] = {
    "certificate_renewal_opens": _l("You can renew your card's electronic certificates from today"),
    "card_renewal_opens": _l("You can renew your My Number Card from today"),
    "stay_renewal_opens": _l("Your period of stay ends in 3 months"),
    "certificate_expires": _l("Last day of your card's electronic certificates"),
    "stay_extension_due": _l("Last day of your card: it ends with your period of stay"),
    "card_expires": _l("Last day of your My Number Card"),
    "insurance_grace_ends": _l("Last day your card works as a health insurance card"),
}
ACTIONS: dict[str, Any] = {
    "certificate_renewal_opens": _l(
        "Renew both certificates at your city or ward office. It is free; bring the card and "
        "know your PINs. It cannot be done online."
    ),
    "card_renewal_opens": _l(
        "Apply for a new card (free when it is a renewal). A notice from J-LIS arrives 2 to 3 "
        "months before: if it shows an application ID (申請書ID) and QR code, apply with your "
        "smartphone; if not, take the documents it lists to your city office."
    ),
    "stay_renewal_opens": _l(
        "Renew your period of stay at the immigration office. Then, with the new residence card, "
        "extend your My Number Card at your city office. Nobody reminds you of this."
    ),
    "certificate_expires": _l(
        "After this day you cannot sign in to MynaPortal or get certificates at convenience "
        "stores. Renew the certificates at your city or ward office."
    ),
    "stay_extension_due": _l(
        "Extend the card at your city office before this day: bring the card, your new "
        "residence card and the 4-digit PIN you set for address changes (住民基本台帳用暗証番号; "
        "many people set all 4-digit PINs the same). If your stay renewal is still pending, ask "
        "for the special extension. A card that lapses must be issued again (about 1,000 yen)."
    ),
    "card_expires": _l("The card can no longer be used as ID or as a health insurance card."),
    "insurance_grace_ends": _l(
        "For 3 months after the certificates expire the card still works at clinics, but "
        "medication and check-up information is not shared. After this your insurer sends "
        "a 資格確認書 (qualification confirmation form)."
    ),
}
ALARM_DAYS = {"stay_renewal_opens": 14, "stay_extension_due": 30, "insurance_grace_ends": 14}


def ics_for(dates: expiry.CardDates, *, stamp: datetime) -> bytes:
    """A calendar file with one all-day event per step and an alarm before each."""
    reminders = [
        ics.Reminder(
            uid=f"{event.kind}-{event.day.isoformat()}@myna-guide",
            day=event.day,
            summary=str(TITLES[event.kind]),
            description=f"{ACTIONS[event.kind]} ({format_date(event.day, 'long')})",
            alarm_days_before=ALARM_DAYS.get(event.kind, 7),
        )
        for event in expiry.events(dates)
    ]
    return ics.calendar(reminders, name=_("My Number Card dates"), stamp=stamp)
