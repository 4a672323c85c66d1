"""When the card and its two certificates end, and what falls due around those dates.

Rules (procedures.md §0.3, jpki.md "Validity"):
- Card: to the 10th birthday after issue when the holder was an adult on the issue date, else
  to the 5th birthday. "Adult" was 20 for applications before 2022-04-01 and is 18 since.
- Both certificates: to the 5th birthday after issue, whatever the age, never past the card.
  No signature certificate is issued to children under 15.
- Foreign residents with a period of stay: card and certificates end with the stay if sooner.
- Renewal opens 3 months before an expiry; the card still works as a health insurance card
  for 3 months after its user-authentication certificate expires, never past the card's own
  end (`insurance_until`). The 3 months are in none of the five sources (DD only; review plan
  D13): to be confirmed against an official page.

Choices where the sources are ambiguous (also in the issue's report):
- "Birthday after issue" counts birthdays strictly after the issue date (a card issued on a
  birthday runs a full 10 years); the issue date is the day J-LIS made the card (Kobe's FAQ).
- A 29 February birthday falls on 28 February in common years (Civil Code art. 143: a period
  that would end on a day the month lacks ends on the month's last day): `dates.birthday_in`.
  Ages (adult on the issue date, 15 for the signature certificate) are legal ages,
  `dates.age_on`: a leap-day child is a year older on 1 March.
- The age test uses the age on the issue date (J-LIS: 発行時), the threshold (20 or 18) the
  application date. Yonago's table reads "age on the application date"; the two differ only
  for someone who turned 18 between applying and issue. When an 18- or 19-year-old's card was
  issued in the six months after the change, the application date is unknown: we ask, and
  "not sure" gives the earlier date with a flag so the page asks to check the printed date.
- The insurance grace is shown as exactly 3 months after the certificate's expiry. Some MHLW
  material reportedly counts from the end of the expiry month (a later date), so ours is the
  safe one. It is shown only when the certificate ends before the card: for a card that
  itself expires (or a stay that ends) our sources say nothing of a grace.

Sources:
- docs/domain/procedures.md §0.3: the card to the 10th (adult) or 5th birthday after issue,
  both certificates to the 5th, a period of stay ends card and certificates, the special
  extension to 2 months, renewal from 3 months before.
- docs/domain/jpki.md §4 "Validity": the certificates' validity and the signature age (15).
- sources/000_0b792771a67859a2.txt:153-154 (Yokohama City): the user-certification
  certificate survives a move; the signature certificate ends with a change of address or name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from app.domain.dates import add_months, age_on, birthday_in

RULE_CHANGE = date(2022, 4, 1)
AMBIGUOUS_ISSUE_UNTIL = date(2022, 10, 1)  # issued before: perhaps applied before the change
ADULT_AGE = 18
ADULT_AGE_BEFORE_CHANGE = 20
SIGNATURE_MIN_AGE = 15
RENEWAL_WINDOW_MONTHS = 3
INSURANCE_GRACE_MONTHS = 3
STAY_SPECIAL_EXTENSION_MONTHS = 2


class Applied(Enum):
    """When the card was applied for, relative to the rule change of 1 April 2022."""

    BEFORE_CHANGE = "before"
    AFTER_CHANGE = "after"
    NOT_SURE = "not_sure"


def nth_birthday_after(born: date, issued: date, n: int) -> date:
    """The n-th birthday strictly after the issue date."""
    first_year = issued.year if birthday_in(born, issued.year) > issued else issued.year + 1
    return birthday_in(born, first_year + n - 1)


def needs_application_date(born: date, issued: date) -> bool:
    """True when the card's length depends on an application date we cannot infer."""
    return RULE_CHANGE <= issued < AMBIGUOUS_ISSUE_UNTIL and age_on(born, issued) in (18, 19)


def card_years(born: date, issued: date, applied: Applied | None = None) -> tuple[int, bool]:
    """10 or 5, and whether that is uncertain (application date not known)."""
    age = age_on(born, issued)
    if issued < RULE_CHANGE:
        threshold, uncertain = ADULT_AGE_BEFORE_CHANGE, False
    elif not needs_application_date(born, issued) or applied == Applied.AFTER_CHANGE:
        threshold, uncertain = ADULT_AGE, False
    elif applied == Applied.BEFORE_CHANGE:
        threshold, uncertain = ADULT_AGE_BEFORE_CHANGE, False
    else:
        threshold, uncertain = ADULT_AGE_BEFORE_CHANGE, True  # the earlier of the two dates
    return (10 if age >= threshold else 5), uncertain


@dataclass(frozen=True)
class CardDates:
    """The last valid day of each; `signature` is None when no signature certificate exists."""

    card: date
    certificate: date  # the user-authentication certificate (the one マイナ保険証 needs)
    signature: date | None
    limited_by_stay: bool = False
    uncertain: bool = False

    @property
    def earliest(self) -> date:
        return min(self.card, self.certificate)


def _cap_by_stay(card: date, certificate: date, stay_end: date | None) -> tuple[date, date, bool]:
    if stay_end is None or stay_end >= card:
        return card, min(certificate, card), False
    return stay_end, min(certificate, stay_end), True


def from_issue(
    born: date, issued: date, *, applied: Applied | None = None, stay_end: date | None = None
) -> CardDates:
    """Dates from the date of birth and the issue date."""
    years, uncertain = card_years(born, issued, applied)
    card = nth_birthday_after(born, issued, years)
    certificate = nth_birthday_after(born, issued, 5)
    card, certificate, by_stay = _cap_by_stay(card, certificate, stay_end)
    signature = certificate if age_on(born, issued) >= SIGNATURE_MIN_AGE else None
    return CardDates(card, certificate, signature, by_stay, uncertain)


def from_printed(
    born: date, card: date, certificate: date, *, stay_end: date | None = None
) -> CardDates:
    """Dates printed on the card (or the certificate's date read from the chip).

    Someone under 20 on the certificate's expiry was under 15 when it was issued, so has no
    signature certificate.
    """
    card, certificate, by_stay = _cap_by_stay(card, certificate, stay_end)
    signature = certificate if age_on(born, certificate) >= SIGNATURE_MIN_AGE + 5 else None
    return CardDates(card, certificate, signature, by_stay)


@dataclass(frozen=True)
class Event:
    """Something that falls due: `kind` keys the page's copy and the calendar's text."""

    kind: str
    day: date


def insurance_until(certificate: date, card: date | None) -> date | None:
    """The last day the card works as a health insurance card (review plan D13).

    The 3-month grace after the certificate, capped by the card's end (a stay's end caps the
    card already). None when the card's end is unknown (only the certificate was read) or the
    certificate ends with the card: then no date can be promised.
    """
    if card is None or card <= certificate:
        return None
    return min(add_months(certificate, INSURANCE_GRACE_MONTHS), card)


def events(dates: CardDates) -> list[Event]:
    """Everything to act on, in date order (ties: the earlier step first)."""
    found = [
        Event("certificate_renewal_opens", add_months(dates.certificate, -RENEWAL_WINDOW_MONTHS)),
        Event("certificate_expires", dates.certificate),
    ]
    grace = insurance_until(dates.certificate, dates.card)
    if grace is not None:
        found.append(Event("insurance_grace_ends", grace))
        found.append(Event("card_renewal_opens", add_months(dates.card, -RENEWAL_WINDOW_MONTHS)))
    if dates.limited_by_stay:
        found.append(Event("stay_renewal_opens", add_months(dates.card, -RENEWAL_WINDOW_MONTHS)))
        found.append(Event("stay_extension_due", dates.card))
    else:
        found.append(Event("card_expires", dates.card))
    order = [
        "certificate_renewal_opens",
        "card_renewal_opens",
        "stay_renewal_opens",
        "certificate_expires",
        "stay_extension_due",
        "card_expires",
        "insurance_grace_ends",
    ]
    return sorted(found, key=lambda e: (e.day, order.index(e.kind)))


def special_extension_until(stay_end: date) -> date:
    """While a stay renewal is pending, the card can once be extended to 2 months after."""
    return add_months(stay_end, STAY_SPECIAL_EXTENSION_MONTHS)


def status_on(dates: CardDates, today: date) -> str:
    """ "valid", "renew_now" (inside a renewal window), "grace" or "expired"."""
    if today > dates.card:
        return "expired"
    if today > dates.certificate:
        grace = insurance_until(dates.certificate, dates.card)
        return "grace" if grace is not None and today <= grace else "expired"
    if today >= add_months(dates.earliest, -RENEWAL_WINDOW_MONTHS):
        return "renew_now"
    return "valid"
