"""The languages the service speaks: the one list (issue 17).

Each language has three names, and each place uses one of them:
- `code`: its BCP 47 tag, used in `?lang=`, the cookie, the account, `lang` and `hreflang`.
  Easy Japanese (やさしい日本語) is `ja-x-easy`: a private-use subtag of `ja`, because no
  registered subtag exists for it, and a reader or search engine that does not know the
  subtag still sees Japanese.
- `directory`: the code with `-` -> `_`, the catalogue's directory
  (`app/translations/<directory>/LC_MESSAGES/messages.po`) and the JSON texts of the photo
  checker and the card agent (`photo_checks/locales/<directory>.json`,
  `card_relay/agent/locales/<directory>.json`).
- `babel_locale`: the Babel locale for dates, numbers, lists and plural forms: Babel has no
  `tl` (Tagalog's data is Filipino, `fil`) and easy Japanese formats as Japanese.

The site (`app/i18n.py`, `app/config.py`), `scripts/translations.py`, the card agent
(`card_relay/agent/protocol.py`), the page checker and the tests read it. It lives in
`card_relay`, free of Flask, because the installed agent may import nothing outside this
package (scripts/build_agent_package.py). Adding a language: one entry here, its catalogue
(`scripts/translations.py` creates it) and its two JSON files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's name in itself, for the switcher
    babel_locale: str

    @property
    def directory(self) -> str:
        return self.code.replace("-", "_")


ALL: tuple[Language, ...] = (
    Language("ja", "日本語", "ja"),
    Language("en", "English", "en"),
    Language("ko", "한국어", "ko"),
    Language("zh-Hans", "简体中文", "zh_Hans"),
    Language("zh-Hant", "繁體中文", "zh_Hant"),
    Language("es", "Español", "es"),
    Language("pt-BR", "Português (Brasil)", "pt_BR"),
    Language("vi", "Tiếng Việt", "vi"),
    Language("th", "ไทย", "th"),
    Language("id", "Bahasa Indonesia", "id"),
    Language("tl", "Tagalog", "fil"),
    Language("ne", "नेपाली", "ne"),
    Language("ja-x-easy", "やさしい日本語", "ja"),
)
BY_CODE: dict[str, Language] = {language.code: language for language in ALL}
# code -> the language's name in itself, in the switcher's order.
LANGUAGES: dict[str, str] = {language.code: language.name for language in ALL}
DEFAULT_LANGUAGE = "ja"
EASY_JAPANESE = "ja-x-easy"


def directory(code: str) -> str:
    """The catalogue / JSON directory name of a site language code."""
    return BY_CODE[code].directory


def babel_locale(code: str) -> str:
    """The Babel locale that formats dates, numbers, lists and plurals for a site code."""
    return BY_CODE[code].babel_locale


# Furigana in easy Japanese texts (catalogues and JSON files), in Aozora Bunko's notation:
# `｜漢字《かんじ》` (｜ opens the base, 《》 hold its kana reading). Pages draw it as <ruby>
# (app/domain/ruby.py); where markup cannot go (attributes, <title>, JSON, the agent's texts)
# the base text alone is shown.
RUBY = re.compile(r"｜([^｜《》]+)《([^｜《》]+)》")


def ruby_html(escaped: str) -> str:
    """Escaped HTML text with each `｜漢字《かんじ》` drawn as `<ruby>漢字<rt>かんじ</rt></ruby>`.

    Text with furigana comes back in one `<span>`: in a flex box (a button, a choice) each
    <ruby> and each run of text between them would otherwise be an item of its own, spaced
    apart and wrapped into columns. The text was escaped before, so nothing but <ruby>, <rt>
    and <span> is added."""
    drawn = RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", escaped)
    return drawn if drawn == escaped else f"<span>{drawn}</span>"


def without_ruby(text: str) -> str:
    """The text with each `｜漢字《かんじ》` reduced to its base text, `漢字`."""
    return RUBY.sub(r"\1", text)
