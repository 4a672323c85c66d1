"""Who receives each procedure (app/domain/receivers.py, truthful-outcomes §4)."""

from __future__ import annotations

from typing import Any

import pytest

from app.config import DEFAULTS
from app.domain.receivers import PROCEDURES, Office, ReceiverError, receiver_for, receivers

OFFICE = {
    "OFFICE_NAME_JA": "○○市 保険年金課",
    "OFFICE_NAME_EN": "○○ City, Insurance and Pension Division",
    "OFFICE_PHONE": "0120-000-000",
}


def config(**settings: Any) -> dict[str, Any]:
    return {**DEFAULTS, **settings}


def test_a_deployment_receives_nothing_unless_configured() -> None:
    assert {r.kind for r in receivers(config()).values()} == {"none"}
    assert not any(r.sends for r in receivers(config()).values())


def test_a_demonstration_receives_everything_on_its_own_office_pages() -> None:
    found = receivers(config(DEMO=True))
    assert set(found) == set(PROCEDURES)
    assert all(r.kind == "demo" and r.sends and r.office is None for r in found.values())


def test_an_office_is_named_in_both_languages_and_other_procedures_keep_their_default() -> None:
    found = receivers(config(RECEIVER_NHI_ENROLMENT="office", **OFFICE))
    office = found["nhi_enrolment"].office
    assert found["nhi_enrolment"].kind == "office" and office is not None
    assert (office.name("ja"), office.name("en")) == (
        OFFICE["OFFICE_NAME_JA"],
        OFFICE["OFFICE_NAME_EN"],
    )
    assert office.phone == "0120-000-000"
    assert found["card_application"].kind == "none"


def test_a_procedure_may_name_its_own_office() -> None:
    settings = config(
        RECEIVER_INSURANCE_CANCELLATION="office",
        INSURANCE_CANCELLATION_OFFICE_NAME_EN="Chuo City, Insurance Section",
        NHI_NOTICE_MAIL_JA="簡易書留",
        **OFFICE,
    )
    office = receiver_for(settings, "insurance_cancellation").office
    assert office == Office(
        name_ja=OFFICE["OFFICE_NAME_JA"],
        name_en="Chuo City, Insurance Section",
        phone=OFFICE["OFFICE_PHONE"],
        notice_mail_ja="簡易書留",
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"RECEIVER_NHI_ENROLMENT": "office"},
            "MYNA_OFFICE_NAME_JA, MYNA_OFFICE_NAME_EN, MYNA_OFFICE_PHONE",
        ),
        ({"RECEIVER_NHI_ENROLMENT": "office", **OFFICE, "OFFICE_PHONE": ""}, "MYNA_OFFICE_PHONE"),
        ({"RECEIVER_INSURANCE_REGISTRATION": "office", **OFFICE}, "cannot be office"),
        ({"RECEIVER_NHI_ENROLMENT": "office", "DEMO": True, **OFFICE}, "never names a real office"),
        ({"RECEIVER_CARD_APPLICATION": "j-lis"}, "must be one of none, demo, office"),
    ],
)
def test_settings_no_page_could_state_truthfully_are_refused(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(ReceiverError, match=message):
        receivers(config(**settings))
