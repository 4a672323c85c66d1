"""The official routes' data (app/domain/official_routes.py, official_steps.py): every number,
URL and step is one the sources give, in the shape a page can link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain import official_routes as routes
from app.domain import official_steps as steps

SOURCES = Path(__file__).resolve().parents[4] / "shared" / "docs" / "domain" / "sources"
SOURCE_FILES = {
    "S0": "000_0b792771a67859a2.txt",
    "S1": "001_0411ed77a002a177.txt",
    "S3": "003_32f427e35db20b96.txt",
    "S4": "004_ddb9b7bd2bc2cbb0.txt",
}


def source_text(name: str) -> str:
    path = SOURCES / SOURCE_FILES[name]
    if not path.exists():
        pytest.skip("the source documents are not on this machine")
    return path.read_text()


def test_the_suspension_line_answers_around_the_clock_and_dials_digits_only() -> None:
    line = routes.help_line("suspension")
    assert line.number == "0120-95-0178" and line.tel == "tel:0120950178"
    assert line.hours.ja == "24時間365日"
    assert routes.help_line("foreign_card").tel == "tel:0120017827"
    assert routes.help_line("foreign_system").tel == "tel:0120017826"


@pytest.mark.parametrize("line", routes.HELP_LINES, ids=lambda line: line.key)
def test_every_help_line_is_printed_in_its_source(line: routes.HelpLine) -> None:
    cited = re.findall(r"S\d", line.source)
    assert cited and any(line.number in source_text(name) for name in cited)


def test_the_ward_list_is_the_eighteen_wards_and_the_bureau_as_s0_lists_them() -> None:
    text = source_text("S0").splitlines()
    assert len(routes.WARDS) == 18
    for ward in (*routes.WARDS, routes.BUREAU):
        first, last = (int(n) for n in ward.source.removeprefix("S0:").split("-"))
        block = "\n".join(text[first - 1 : last])
        assert all(re.fullmatch(r"045-\d{3}-\d{4}", n) for n in (*ward.phones, ward.fax))
        assert all(phone in block for phone in ward.phones) and ward.fax in block
        assert ward.name.en.split(",")[0] in block
    assert routes.WARDS[0].tels == ("tel:0455101807",)


def test_links_are_https_and_the_sourced_ones_are_in_their_source() -> None:
    for item in routes.LINKS:
        assert item.url.startswith("https://"), item.key
        cited = re.findall(r"S\d(?=:)", item.source)
        assert all(item.url in source_text(name) for name in cited), item.key
    assert routes.link("insurance_registration").url == (
        "https://myna.go.jp/html/hokenshoriyou_top.html"
    )


def test_each_journey_has_its_route_and_every_step_names_a_source() -> None:
    assert set(steps.PROCEDURES) == {
        "card_application",
        "insurance_registration",
        "nhi_enrolment",
        "insurance_cancellation",
    }
    for procedure in steps.PROCEDURES.values():
        assert procedure.routes
        for key in procedure.links:
            routes.link(key)  # raises for an unknown page
        for key in procedure.lines:
            routes.help_line(key)
        route_links = [key for route in procedure.routes for key in route.links]
        assert not set(route_links) & set(procedure.links), "a page linked twice in one panel"
        for route in procedure.routes:
            for step in route.steps:
                assert re.match(r"(S\d:\d|procedures\.md §)", step.source), step
                assert step.text.ja and step.text.en


def test_the_card_application_offers_the_four_official_ways() -> None:
    ways = [route.key for route in steps.procedure("card_application").routes]
    assert ways == ["smartphone", "pc", "mail", "booth"]
    mail = " ".join(step.text.en for step in steps.procedure("card_application").routes[2].steps)
    assert "12-digit My Number yourself" in mail and "no stamp" in mail


def test_the_nhi_route_needs_both_pins_and_is_made_in_pittari_service() -> None:
    online = steps.procedure("nhi_enrolment").routes[0]
    text = " ".join(step.text.ja for step in online.steps)
    assert "ぴったりサービス" in text and "4桁の暗証番号" in text and "6〜16文字" in text


def test_an_unknown_journey_fails_loudly() -> None:
    with pytest.raises(KeyError):
        steps.procedure("no_such_journey")


def test_the_online_form_items_are_in_the_official_order() -> None:
    card = steps.procedure("card_application")
    assert [field.ja for field in card.form_fields] == [
        "利用規約への同意",
        "申請書ID",
        "メール連絡用氏名",
        "メールアドレス",
        "顔写真登録",
        "生年月日",
        "電子証明書の発行希望有無",
        "氏名の点字表記希望有無",
    ]
    assert card.form_source.startswith("procedures.md §1.2")
