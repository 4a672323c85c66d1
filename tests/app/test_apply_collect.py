"""After applying (docs/domain-review-plan.md B4, B5): a move before the notice means applying
again, and only illness, disability or an unavoidable reason lets someone else collect the card
(S2:277-283). Each answer ends on its own page, in Japanese and English."""

from __future__ import annotations

import pytest

from tests.helpers.client import PageClient
from tests.helpers.html import reader_text


def choose(client: PageClient, question: str, value: str) -> str:
    response = client.post(f"/apply/collect/questions/{question}", {question: value})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return str(response.headers["Location"])


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", ["your application no longer counts", "when you register your move there (転入届)"]),
        ("ja", ["その申請は使えなくなります", "転入届を出すときに、再申請の手続きをしてください"]),
    ],
)
def test_a_move_before_the_notice_means_applying_again(
    client: PageClient, lang: str, says: list[str]
) -> None:
    assert choose(client, "moved", "yes") == "/apply/collect/result/reapply"
    text = reader_text(client.get_page(f"/apply/collect/result/reapply?lang={lang}"))
    assert all(s in text for s in says)


@pytest.mark.parametrize(
    ("value", "result", "en", "ja"),
    [
        (
            "yes",
            "collect-yourself",
            "You set your PINs at the counter",
            "暗証番号は窓口で設定します",
        ),
        (
            "unavoidable",
            "representative",
            "can someone (代理人) collect the card for you",
            "やむを得ない理由で本人が行けない場合に限り、代理人が受け取れます",
        ),
        (
            "other",
            "must-collect",
            "Someone else may collect it only if illness",
            "代理人が受け取れるのは、病気や障害などやむを得ない理由で本人が行けない場合に限られます",
        ),
    ],
)
def test_who_may_collect_the_card(
    client: PageClient, value: str, result: str, en: str, ja: str
) -> None:
    assert choose(client, "moved", "no") == "/apply/collect/questions/collect"
    assert choose(client, "collect", value) == f"/apply/collect/result/{result}"
    page = client.get_page(f"/apply/collect/result/{result}?lang=en")
    assert en in reader_text(page)
    assert page.select_one("a[href='/apply/collect/questions/collect']") is not None  # change
    assert ja in client.get_page(f"/apply/collect/result/{result}?lang=ja").get_text(
        " ", strip=True
    )


def test_the_questions_start_from_the_timeline(client: PageClient) -> None:
    page = client.get_page("/apply/collect/questions/moved?lang=en")
    assert page.select_one("a.back-link")["href"] == "/apply/collect/"
    assert client.get("/apply/collect/").headers["Location"] == "/apply/what-happens-next"
    assert client.get_page("/apply/collect/result/representative").select_one("h1") is not None
