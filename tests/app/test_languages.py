"""Issue 17: which language a page speaks, that the account remembers it, the alternates in
<head>, the switcher, and easy Japanese's own catalogue with its furigana."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from bs4 import BeautifulSoup
from flask import Flask

from app.domain import language_tags
from app.extensions import db
from card_relay.languages import LANGUAGES
from tests.conftest import build_app
from tests.helpers.client import PageClient

APP_TRANSLATIONS = Path(__file__).resolve().parents[2] / "app" / "translations"


def _lang(response_text: str) -> str:
    return str(BeautifulSoup(response_text, "html.parser").html["lang"])  # type: ignore[index]


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("zh-TW,zh;q=0.8", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("pt-PT", "pt-BR"),
        ("pt", "pt-BR"),
        ("fil-PH", "tl"),
        ("ne-NP,en;q=0.5", "ne"),
        ("fr-FR,vi;q=0.9", "vi"),
        ("ja-x-easy,en;q=0.9", "ja"),  # easy Japanese only by the reader's own choice
        ("fr-FR", "ja"),
    ],
)
def test_accept_language_picks_the_site_language(
    client: PageClient, header: str, code: str
) -> None:
    response = client.get("/sign-in", headers={"Accept-Language": header})
    assert _lang(response.get_data(as_text=True)) == code


def test_easy_japanese_is_never_matched_from_a_browser_tag() -> None:
    assert language_tags.match(["ja-x-easy"]) == "ja"
    assert language_tags.match(["xx", "*"]) is None


def test_the_account_remembers_the_choice_on_another_device(
    signed_in: PageClient, app: Flask
) -> None:
    signed_in.get("/?lang=en")
    # Another device: no language cookie, a browser asking for Japanese.
    signed_in.http.delete_cookie("__Host-lang", domain="localhost")
    response = signed_in.get("/sign-in", headers={"Accept-Language": "ja"})
    assert _lang(response.get_data(as_text=True)) == "en"
    signed_in.sign_out()
    signed_in.http.delete_cookie("__Host-lang", domain="localhost")
    response = signed_in.get("/sign-in", headers={"Accept-Language": "ja"})
    assert _lang(response.get_data(as_text=True)) == "ja"


def test_a_signed_out_choice_is_kept_by_the_cookie_only(client: PageClient, app: Flask) -> None:
    client.get("/?lang=vi")
    response = client.get("/sign-in", headers={"Accept-Language": "en"})
    assert _lang(response.get_data(as_text=True)) == "vi"
    with app.app_context():
        from app.storage.models import User

        assert db.session.query(User).count() == 0


def test_every_page_links_its_alternates_in_every_language(client: PageClient) -> None:
    soup = client.get_page("/sign-in?lang=en")
    links = {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"]')}
    assert set(links) == {*LANGUAGES, "x-default"}
    assert links["zh-Hant"] == "https://localhost/sign-in?lang=zh-Hant"
    assert links["x-default"] == "https://localhost/sign-in"


def test_the_switcher_names_each_language_in_itself(client: PageClient) -> None:
    soup = client.get_page("/sign-in?lang=en")
    switcher = soup.select_one("details.language-switch")
    assert switcher is not None
    assert switcher.select_one("summary").get_text(" ", strip=True).endswith("English")
    names = {a["lang"]: a.get_text() for a in switcher.select("a")}
    assert names == {code: name for code, name in LANGUAGES.items() if code != "en"}
    assert switcher.select_one('[aria-current="true"]').get_text() == "English"


@pytest.fixture
def easy_app(tmp_path: Path) -> Flask:
    """The app with a two-message easy Japanese catalogue in front of the real ones."""
    catalog = Catalog(locale="ja", domain="messages")
    catalog.add("Sign in", "｜入《はい》る")
    catalog.add("Language", "｜言葉《ことば》")
    folder = tmp_path / "translations" / "ja_x_easy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return build_app(
        tmp_path,
        BABEL_TRANSLATION_DIRECTORIES=f"{tmp_path / 'translations'};{APP_TRANSLATIONS}",
    )


def test_easy_japanese_has_its_own_catalogue_and_draws_its_furigana(easy_app: Flask) -> None:
    response = easy_app.test_client().get("/sign-in?lang=ja-x-easy", base_url="https://localhost")
    page = response.get_data(as_text=True)
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "ja-x-easy"
    h1 = soup.select_one("h1")
    assert h1 is not None and h1.select_one("ruby") is not None
    assert h1.select_one("rt").get_text() == "はい"
    assert "<ruby>入<rt>はい</rt></ruby>る" in str(h1)
    # Where markup cannot go, the base text alone.
    assert soup.title.get_text().startswith("入る")
    assert soup.select_one(".language-switch__list")["aria-label"] == "言葉"
    assert "｜" not in page and "《" not in page


def test_the_easy_japanese_catalogue_does_not_leak_into_japanese(easy_app: Flask) -> None:
    client = easy_app.test_client()
    page = client.get("/sign-in?lang=ja", base_url="https://localhost").get_data(as_text=True)
    assert "入る" not in BeautifulSoup(page, "html.parser").select_one("h1").get_text()


def test_a_translation_cannot_add_markup_other_than_ruby(tmp_path: Path) -> None:
    from app.domain.page_text import with_ruby

    page = "<p>&lt;b&gt;｜漢字《かんじ》&lt;/b&gt;</p><input value='｜字《じ》'>"
    assert with_ruby(page) == (
        "<p><span>&lt;b&gt;<ruby>漢字<rt>かんじ</rt></ruby>&lt;/b&gt;</span></p><input value='字'>"
    )


def test_text_with_furigana_stays_one_run_inside_a_button() -> None:
    """A button is a flex box: unwrapped, each <ruby> and each run of text between them would
    be a flex item of its own, spaced apart ("始 める") and wrapped into columns."""
    from app.domain.page_text import with_ruby

    button = BeautifulSoup(with_ruby('<a class="button">｜始《はじ》める →</a>'), "html.parser").a
    assert [child.name for child in button.children] == ["span"]
    assert button.span.ruby.rt.get_text() == "はじ"
    assert button.get_text() == "始める →"  # what a reader hears: the base text


def test_japanese_inside_a_page_in_another_language_is_marked(client: PageClient) -> None:
    soup = client.get_page("/?lang=en")
    banner = soup.select_one(".demo-banner")
    assert banner is not None
    assert banner.select_one('span[lang="ja"]').get_text() == "オンライン資格確認等システム"


def test_japanese_is_marked_outside_tags_and_text_only_elements() -> None:
    from app.domain.page_text import with_japanese_marked

    page = (
        '<title>申請</title><p title="氏名">Name (氏名) <span lang="ja">住所</span></p>'
        "<option>Spouse (妻・夫)</option><p>「控え」 and 中文</p>"
    )
    assert with_japanese_marked(page) == (
        '<title>申請</title><p title="氏名">Name (<span lang="ja">氏名</span>) '
        '<span lang="ja">住所</span></p><option>Spouse (妻・夫)</option>'
        '<p><span lang="ja">「控え」</span> and <span lang="ja">中文</span></p>'
    )
    # On a Chinese page only runs with kana are Japanese.
    assert with_japanese_marked("<p>个人编号卡（マイナンバーカード）</p>", kana_only=True) == (
        '<p>个人编号卡<span lang="ja">（マイナンバーカード）</span></p>'
    )
