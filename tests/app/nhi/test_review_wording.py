"""The NHI pages' wording fixed by the domain review (docs/domain-review-plan.md § G), each in
Japanese and English: what the resident reads must match Yokohama's page (S0) and procedures.md."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po

from app.domain.clock import today_in_japan
from tests.app.nhi import helpers
from tests.helpers.client import PageClient
from tests.helpers.html import reader_text


def _result_page(client: PageClient, lang: str, answers: dict[str, str], result: str) -> str:
    client.get_page(f"/nhi/?lang={lang}")
    for question, data in helpers.ELIGIBLE:
        key = next(iter(data))
        response = client.post(f"/nhi/questions/{question}", {key: answers.get(key, data[key])})
        if key in answers:
            break
    assert response.headers["Location"] == f"/nhi/result/{result}"
    return reader_text(client.get_page(f"/nhi/result/{result}"))


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "en",
            [
                "the official MynaPortal route also needs the 4-digit PIN",  # G2
                "notify the city within 14 days",  # G8, H4
                "任意継続, apply within 20 days of leaving",
                "dependant on a family member's employee insurance",
            ],
        ),
        (
            "ja",
            [
                "マイナポータルの公式の申請では、4桁の暗証番号も必要です",
                "国民健康保険の加入の届出が必要です",
                "任意継続する（退職後20日以内に申請）",
                "扶養に入る",
            ],
        ),
    ],
)
def test_start_page_names_both_pins_and_the_other_ways_to_stay_covered(
    client: PageClient, lang: str, says: list[str]
) -> None:
    text = reader_text(client.get_page(f"/nhi/?lang={lang}"))
    for phrase in says:
        assert phrase in text
    assert "you must join National Health Insurance within 14 days" not in text
    assert "加入する必要があります" not in text


@pytest.mark.parametrize(("lang", "says"), [("en", "任意継続, apply"), ("ja", "任意継続する")])
def test_eligible_result_names_the_alternatives(client: PageClient, lang: str, says: str) -> None:
    client.get_page(f"/nhi/?lang={lang}")
    helpers.answer_eligibility(client)
    assert says in reader_text(client.get_page("/nhi/result/eligible"))


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "the ward's My Number Card centre can also issue it"),
        ("ja", "区を担当するマイナンバーカードセンターでも再発行できます"),
    ],
)
def test_details_changed_result_names_the_card_centre(
    client: PageClient, lang: str, says: str
) -> None:
    """G12: S0:155, reissue at the ward's My Number Card special centre."""
    text = _result_page(client, lang, {"card_problems": "details_changed"}, "details-changed")
    assert says in text


@pytest.mark.parametrize(
    ("lang", "says", "never"),
    [
        ("en", "Yokohama accepts the application now and completes it", "Some offices"),
        ("ja", "横浜市では資格喪失日より前でも申請でき", "受け付けない役所"),
    ],
)
def test_a_future_loss_date_is_accepted_in_yokohama(
    signed_in: PageClient, lang: str, says: str, never: str
) -> None:
    """G5, H10: S0:81, an application before the loss date is taken and completed after it."""
    signed_in.get_page(f"/nhi/application?lang={lang}")
    future = today_in_japan() + timedelta(days=40)
    data = {
        **helpers.INSURANCE,
        "loss_date-year": str(future.year),
        "loss_date-month": str(future.month),
        "loss_date-day": str(future.day),
    }
    assert signed_in.post("/nhi/application/previous-insurance", data).status_code == 303
    text = reader_text(signed_in.get_page("/nhi/application"))
    assert says in text and never not in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "en",
            [
                "the date you lost your previous insurance (資格喪失日)",
                "2026 4 1 if your last",
                "give theirs on their own page",  # G9
            ],
        ),
        (
            "ja",
            [
                "資格がなくなった日（通常は退職日の翌日）",
                "3月31日に退職した場合は 2026 4 1",
                "その方の保険を入力してください",
            ],
        ),
    ],
)
def test_previous_insurance_asks_for_the_date_of_loss(
    signed_in: PageClient, lang: str, says: list[str]
) -> None:
    """G7, H14: the date of loss is the day after the last working day, not the day it 'ended'."""
    signed_in.get_page(f"/nhi/application?lang={lang}")
    text = reader_text(signed_in.get_page("/nhi/application/previous-insurance"))
    for phrase in says:
        assert phrase in text
    assert "ended" not in text


def test_on_time_deadline_counts_the_loss_date(signed_in: PageClient) -> None:
    """G6: the earlier reading of the 14 days (loss + 13) in both languages."""
    signed_in.get_page("/nhi/application?lang=en")
    loss = today_in_japan() - timedelta(days=2)
    data = {
        **helpers.INSURANCE,
        "loss_date-year": str(loss.year),
        "loss_date-month": str(loss.month),
        "loss_date-day": str(loss.day),
    }
    assert signed_in.post("/nhi/application/previous-insurance", data).status_code == 303
    deadline = loss + timedelta(days=13)  # written as each language writes a date (Babel)
    en = reader_text(signed_in.get_page("/nhi/application"))
    written = format_date(deadline, "long", locale="en")
    assert f"Apply by {written} (within 14 days, counting that day)" in en
    ja = reader_text(signed_in.get_page("/nhi/application?lang=ja"))
    assert f"{format_date(deadline, 'long', locale='ja')}まで（資格喪失日を含めて14日以内）" in ja


def test_no_message_says_the_insurance_ended() -> None:
    """G7: the catalogue keeps no 'insurance ended' / 'Date it ended' wording."""
    pot = Path(__file__).resolve().parents[3] / "app" / "translations" / "messages.pot"
    with pot.open("rb") as handle:
        ids = [str(m.id) for m in read_po(handle) if m.id]
    assert not [i for i in ids if "insurance ended" in i or "Date it ended" in i]


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "en",
            [
                "A face-recognition card cannot sign online",
                "Someone else in your household with a card and both PINs can apply online for you",
                "ward office counter or by post",
            ],
        ),
        (
            "ja",
            [
                "顔認証マイナンバーカードではオンライン申請ができません",
                "同じ世帯で、カードと2つの暗証番号がある方が代わりにオンラインで申請できます",
                "区役所の窓口か郵送で届け出てください",
            ],
        ),
    ],
)
def test_face_recognition_card_leads_to_the_routes_that_work(
    client: PageClient, lang: str, says: list[str]
) -> None:
    """G3: S0:165-169, a face-recognition card has no PIN and cannot use MynaPortal."""
    text = _result_page(client, lang, {"card": "face_card"}, "face-card")
    for phrase in says:
        assert phrase in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "en",
            [
                "What each person receives",
                "番号 花子: notice of qualification information (資格情報のお知らせ)",
                "番号 一郎: qualification confirmation form (資格確認書)",
            ],
        ),
        (
            "ja",
            [
                "それぞれの方に届くもの",
                "番号 花子さん：資格情報のお知らせ",
                "番号 一郎さん：資格確認書",
            ],
        ),
    ],
)
def test_each_person_is_told_their_own_notice(
    signed_in: PageClient, lang: str, says: list[str]
) -> None:
    """G10: two card users and a child without one: two お知らせ and one 資格確認書."""
    signed_in.get_page(f"/nhi/?lang={lang}")
    helpers.answer_eligibility(signed_in)
    helpers.fill_application(signed_in)
    returned = helpers.sign(signed_in)
    text = reader_text(signed_in.get_page(returned.headers["Location"]))
    for phrase in says:
        assert phrase in text


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "National Health Insurance from"), ("ja", "資格取得日")]
)
def test_check_page_shows_each_persons_own_loss_date(
    signed_in: PageClient, lang: str, label: str
) -> None:
    """G9: the spouse lost another insurance earlier; the check page lists both dates."""
    signed_in.get_page(f"/nhi/?lang={lang}")
    helpers.answer_eligibility(signed_in)
    helpers.fill_application(signed_in)
    spouse = {
        **helpers.PEOPLE[1],
        "same_insurance": "no",
        "loss_date-year": "2026",
        "loss_date-month": "3",
        "loss_date-day": "21",
        "insurer_type": "kumiai",
        "insurer_name": "横浜健康保険組合",
    }
    people = signed_in.get_page("/nhi/application/people")
    edit = [a["href"] for a in people.select("a[href*='/people/']") if "番号 太郎" in a.get_text()]
    response = signed_in.post(edit[0], helpers.person_form(spouse))
    assert response.status_code == 303, response.get_data(as_text=True)[:1500]
    assert signed_in.post("/nhi/application/people").status_code == 303  # everyone is listed
    page = signed_in.get_page("/nhi/application/check")
    rows = [
        row.select_one("dd").get_text(" ", strip=True)
        for row in page.select(".summary-list__row")
        if label in row.select_one("dt").get_text()
    ]
    assert rows == ["2026-04-01", "2026-03-21", "2026-04-01"] + ["2026-03-21"]
    assert "横浜健康保険組合" in page.get_text()


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "lose the same previous insurance on the same date as the household?"),
        ("ja", "世帯で入力した以前の保険と同じ保険の資格を、同じ日に失いましたか"),
    ],
)
def test_person_page_asks_for_a_persons_own_insurance(
    signed_in: PageClient, lang: str, says: str
) -> None:
    """G9: the question and this person's own loss date, on a page that passes the checks."""
    page = signed_in.get_page(f"/nhi/application/people/new?lang={lang}")
    assert says in reader_text(page)
    assert page.select_one("#loss_date-year") is not None
    assert page.select("input[name=same_insurance]")
