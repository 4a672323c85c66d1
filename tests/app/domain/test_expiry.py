"""The card's and certificates' end dates (procedures.md §0.3), table by table."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import expiry, expiry_flow
from app.domain.expiry import Applied

D = date


@pytest.mark.parametrize(
    ("born", "issued", "applied", "card", "certificate", "signature"),
    [
        # Adult: 10th birthday after issue for the card, 5th for both certificates (the
        # government's own example: born 10 October, issued 15 May 2020 → card to 2029-10-10).
        (D(1980, 10, 10), D(2020, 5, 15), None, D(2029, 10, 10), D(2024, 10, 10), D(2024, 10, 10)),
        # Issued on the birthday itself: that birthday does not count, a full 10 years.
        (D(1980, 5, 15), D(2020, 5, 15), None, D(2030, 5, 15), D(2025, 5, 15), D(2025, 5, 15)),
        # Issued the day before the birthday: the next day is the first birthday.
        (D(1980, 5, 16), D(2020, 5, 15), None, D(2029, 5, 16), D(2024, 5, 16), D(2024, 5, 16)),
        # Child under 15: 5 years, no signature certificate.
        (D(2012, 7, 1), D(2020, 1, 10), None, D(2024, 7, 1), D(2024, 7, 1), None),
        # 15-year-old: signature certificate issued.
        (D(2005, 7, 1), D(2020, 8, 1), None, D(2025, 7, 1), D(2025, 7, 1), D(2025, 7, 1)),
        # 19 at issue before the change: under 20, so 5 years.
        (D(2001, 6, 1), D(2021, 1, 10), None, D(2025, 6, 1), D(2025, 6, 1), D(2025, 6, 1)),
        # 19 at issue well after the change: adult at 18, so 10 years.
        (D(2004, 6, 1), D(2023, 11, 1), None, D(2033, 6, 1), D(2028, 6, 1), D(2028, 6, 1)),
        # 17 at issue after the change: still a minor, 5 years.
        (D(2006, 6, 1), D(2023, 11, 1), None, D(2028, 6, 1), D(2028, 6, 1), D(2028, 6, 1)),
        # 18, issued in the months after the change: it depends on the application date.
        (
            D(2003, 9, 1),
            D(2022, 5, 20),
            Applied.AFTER_CHANGE,
            D(2031, 9, 1),
            D(2026, 9, 1),
            D(2026, 9, 1),
        ),
        (
            D(2003, 9, 1),
            D(2022, 5, 20),
            Applied.BEFORE_CHANGE,
            D(2026, 9, 1),
            D(2026, 9, 1),
            D(2026, 9, 1),
        ),
        (
            D(2003, 9, 1),
            D(2022, 5, 20),
            Applied.NOT_SURE,
            D(2026, 9, 1),
            D(2026, 9, 1),
            D(2026, 9, 1),
        ),
        # Leap-day birthdays: 28 February in common years, 29 February in leap years.
        (D(1992, 2, 29), D(2021, 3, 1), None, D(2031, 2, 28), D(2026, 2, 28), D(2026, 2, 28)),
        (D(1992, 2, 29), D(2019, 3, 1), None, D(2029, 2, 28), D(2024, 2, 29), D(2024, 2, 29)),
        # Issued on 28 February of a common year to a leap-day child: that day is the birthday.
        (D(1992, 2, 29), D(2023, 2, 28), None, D(2033, 2, 28), D(2028, 2, 29), D(2028, 2, 29)),
    ],
)
def test_dates_from_the_issue_date(
    born: date,
    issued: date,
    applied: Applied | None,
    card: date,
    certificate: date,
    signature: date | None,
) -> None:
    dates = expiry.from_issue(born, issued, applied=applied)
    assert (dates.card, dates.certificate, dates.signature) == (card, certificate, signature)


@pytest.mark.parametrize(
    ("born", "issued", "asks"),
    [
        (D(2003, 9, 1), D(2022, 5, 20), True),  # 18, just after the change
        (D(2003, 9, 1), D(2022, 3, 31), False),  # before the change: applied before, surely
        (D(2003, 9, 1), D(2022, 10, 1), False),  # long after: applied after
        (D(1990, 9, 1), D(2022, 5, 20), False),  # 31: 10 years either way
        (D(2006, 9, 1), D(2022, 5, 20), False),  # 15: 5 years either way
    ],
)
def test_the_application_date_is_asked_only_when_it_matters(
    born: date, issued: date, asks: bool
) -> None:
    assert expiry.needs_application_date(born, issued) is asks


def test_the_uncertain_case_is_flagged() -> None:
    dates = expiry.from_issue(D(2003, 9, 1), D(2022, 5, 20), applied=Applied.NOT_SURE)
    assert dates.uncertain
    assert not expiry.from_issue(
        D(2003, 9, 1), D(2022, 5, 20), applied=Applied.AFTER_CHANGE
    ).uncertain


@pytest.mark.parametrize(
    ("stay_end", "card", "certificate", "by_stay"),
    [
        (D(2027, 1, 31), D(2027, 1, 31), D(2027, 1, 31), True),  # the stay ends first
        (D(2028, 6, 1), D(2028, 6, 1), D(2028, 5, 1), True),  # between the two birthdays
        (D(2040, 1, 1), D(2033, 5, 1), D(2028, 5, 1), False),  # the stay outlasts the card
    ],
)
def test_a_period_of_stay_caps_the_card_and_certificates(
    stay_end: date, card: date, certificate: date, by_stay: bool
) -> None:
    dates = expiry.from_issue(D(1990, 5, 1), D(2023, 6, 1), stay_end=stay_end)
    assert (dates.card, dates.certificate, dates.limited_by_stay) == (card, certificate, by_stay)


def test_printed_dates_are_taken_as_they_are() -> None:
    dates = expiry.from_printed(D(1990, 5, 1), D(2033, 5, 1), D(2028, 5, 1))
    assert (dates.card, dates.certificate, dates.signature) == (
        D(2033, 5, 1),
        D(2028, 5, 1),
        D(2028, 5, 1),
    )
    child = expiry.from_printed(D(2012, 5, 1), D(2027, 5, 1), D(2027, 5, 1))
    assert child.signature is None  # 15 on the certificate's end: was 10 at issue


def test_events_in_order_with_the_insurance_grace() -> None:
    dates = expiry.from_issue(D(1980, 10, 10), D(2020, 10, 11))
    assert [(e.kind, e.day) for e in expiry.events(dates)] == [
        ("certificate_renewal_opens", D(2025, 7, 10)),
        ("certificate_expires", D(2025, 10, 10)),
        ("insurance_grace_ends", D(2026, 1, 10)),
        ("card_renewal_opens", D(2030, 7, 10)),
        ("card_expires", D(2030, 10, 10)),
    ]


def test_a_stay_that_ends_first_gives_the_extension_steps_and_no_grace() -> None:
    dates = expiry.from_issue(D(1990, 5, 1), D(2023, 6, 1), stay_end=D(2027, 1, 31))
    kinds = [(e.kind, e.day) for e in expiry.events(dates)]
    assert kinds == [
        ("certificate_renewal_opens", D(2026, 10, 31)),
        ("stay_renewal_opens", D(2026, 10, 31)),
        ("certificate_expires", D(2027, 1, 31)),
        ("stay_extension_due", D(2027, 1, 31)),
    ]
    assert expiry.special_extension_until(D(2027, 1, 31)) == D(2027, 3, 31)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (D(2025, 7, 9), "valid"),
        (D(2025, 7, 10), "renew_now"),
        (D(2025, 10, 10), "renew_now"),
        (D(2025, 10, 11), "grace"),
        (D(2026, 1, 10), "grace"),
        (D(2026, 1, 11), "expired"),
    ],
)
def test_status_on_a_day(today: date, status: str) -> None:
    dates = expiry.from_issue(D(1980, 10, 10), D(2020, 10, 11))
    assert expiry.status_on(dates, today) == status


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({}, "date-of-birth"),
        ({"born": "1990-05-01"}, "source"),
        ({"born": "1990-05-01", "source": "issue"}, "issue-date"),
        ({"born": "2003-09-01", "source": "issue", "issued": "2022-05-20"}, "applied"),
        ({"born": "1990-05-01", "source": "chip"}, "read-card"),
        ({"born": "1990-05-01", "source": "chip", "certificate": "2028-05-01"}, "printed-dates"),
        ({"born": "1990-05-01", "source": "printed", "card": "2033-05-01"}, "printed-dates"),
        ({"born": "1990-05-01", "source": "issue", "issued": "2023-06-01"}, "stay"),
        (
            {"born": "1990-05-01", "source": "issue", "issued": "2023-06-01", "stay": "yes"},
            "stay-end",
        ),
        ({"born": "1990-05-01", "source": "issue", "issued": "2023-06-01", "stay": "no"}, None),
    ],
)
def test_the_helper_asks_the_first_unanswered_question(
    answers: dict[str, str], question: str | None
) -> None:
    assert expiry_flow.next_question(answers) == question


@pytest.mark.parametrize(
    ("certificate", "card", "until"),
    [
        # The certificate ends with the card: no grace can be promised (review plan D13).
        (D(2031, 5, 10), D(2031, 5, 10), None),
        # The card's end unknown (only the certificate was read): no date either.
        (D(2029, 5, 10), None, None),
        # The card outlives the certificate: 3 months after it.
        (D(2029, 5, 10), D(2034, 5, 10), D(2029, 8, 10)),
        # A stay-capped card ends inside the 3 months: the card's end wins.
        (D(2029, 5, 10), D(2029, 6, 1), D(2029, 6, 1)),
    ],
)
def test_the_card_works_for_insurance_until_the_grace_or_its_own_end(
    certificate: date, card: date | None, until: date | None
) -> None:
    assert expiry.insurance_until(certificate, card) == until
