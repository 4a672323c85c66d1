"""The official side of each journey: help lines, official pages, Yokohama's ward offices and
the official route's steps, as data (docs/official-routes.md; the steps per journey are in
`official_steps.py`). This module is the one home of
every phone number, opening hour and official URL the app shows: a page that needs one renders
it from here (`components/official_route.html`), so a number is corrected in one place.

Texts are bilingual records (`Text`): the Japanese is what the official page or leaflet says,
the English is ours. Anything the sources do not give (the J-LIS application site's address,
the ぴったりサービス entrance, the receiving centre's postal address, Yokohama's cancellation
form) is left out until someone confirms it.

Sources:
- sources/003_32f427e35db20b96.txt:34-60 (MHLW leaflet, 2020-21): the smartphone, PC and photo-booth
  application steps
- sources/003_32f427e35db20b96.txt:64-71 (MHLW leaflet): by post, photo within 6 months; the
  handwritten form needs the My Number written in
- sources/003_32f427e35db20b96.txt:76-91 (MHLW leaflet): マイナンバー総合フリーダイヤル, its hours,
  the 24-hour suspension, IP-phone numbers
- sources/003_32f427e35db20b96.txt:238-257, 342 (MHLW leaflet): registering in MynaPortal; the
  special page's URL
- sources/003_32f427e35db20b96.txt:371-375 (MHLW leaflet): what the online form asks (never a bank
  account); the stamp-free return envelope
- sources/001_0411ed77a002a177.txt:32-67 (HIECC FAQ): the clinic reader and Seven Bank ATM routes;
  the foreign-language lines and the general site's URL
- sources/001_0411ed77a002a177.txt:138-143 (HIECC FAQ): the multilingual contact page
- sources/002_94590aa69886f632.txt:138-148 (J-LIS site, 2022): never give the card or PIN to an
  unknown third party; suspend by phone and tell the municipal office
- sources/002_94590aa69886f632.txt:239-240 (J-LIS site): the online site's monthly maintenance
- sources/004_ddb9b7bd2bc2cbb0.txt:56-71, 81-85 (Chuo City, 2024-12-04): what registration needs;
  the clinic reader without a PIN; checking the registration in MynaPortal
- sources/004_ddb9b7bd2bc2cbb0.txt:87-135 (Chuo City, 2024-12-04): cancelling the registration: who,
  documents, counter or post, about 2 months
- sources/000_0b792771a67859a2.txt:28-31, 47, 93-109, 146, 171-183 (Yokohama City, 2025-03-24): NHI
  online needs both PINs, ぴったりサービス, the app, attachments, the copy; the window or post
  otherwise
- sources/000_0b792771a67859a2.txt:189-381 (Yokohama City): the ward offices' Insurance and Pension
  Division phones and faxes
- docs/domain/procedures.md §1.1, §1.2, §1.3, §2.1, §4.1: the J-LIS pages, signing the mail form,
  Yokohama's pages
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.message_ids import N_


@dataclass(frozen=True)
class Text:
    """A text in both languages: `ja` the official wording, `en` ours and a message id
    (marked `N_`), which pages in the other languages show translated."""

    ja: str
    en: str

    def in_(self, locale: str) -> str:
        return self.ja if locale == "ja" else self.en


@dataclass(frozen=True)
class HelpLine:
    key: str
    name: Text
    number: str  # as printed, with hyphens
    hours: Text
    languages: Text
    source: str

    @property
    def tel(self) -> str:
        """The `tel:` href: digits only, so every phone dials it."""
        return "tel:" + re.sub(r"\D", "", self.number)


@dataclass(frozen=True)
class Link:
    key: str
    name: Text  # the page's title, which names the link
    url: str
    source: str


@dataclass(frozen=True)
class Ward:
    """A Yokohama ward office's 保険年金課 保険係 (the NHI section), as S0 lists it."""

    name: Text
    phones: tuple[str, ...]
    fax: str
    source: str

    @property
    def tels(self) -> tuple[str, ...]:
        return tuple("tel:" + re.sub(r"\D", "", phone) for phone in self.phones)


@dataclass(frozen=True)
class Step:
    text: Text
    source: str


@dataclass(frozen=True)
class Route:
    """One official way to do the procedure, step by step, and what to bring."""

    key: str
    title: Text
    steps: tuple[Step, ...]
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Procedure:
    key: str
    title: Text
    routes: tuple[Route, ...]
    links: tuple[str, ...]
    lines: tuple[str, ...]
    #: The official online form's items in the order it asks for them (the card application).
    form_fields: tuple[Text, ...] = ()
    form_source: str = ""


def _hl(key: str, name: Text, number: str, hours: Text, languages: Text, source: str) -> HelpLine:
    return HelpLine(key, name, number, hours, languages, source)


_JA_ONLY = Text("日本語", N_("Japanese"))
_WEEK_HOURS = Text(
    "平日9:30〜20:00、土日祝9:30〜17:30、年末年始を除く",
    N_("weekdays 9:30–20:00, weekends and holidays 9:30–17:30, closed over the New Year"),
)
HELP_LINES: tuple[HelpLine, ...] = (
    _hl(
        "suspension",
        Text("カードの紛失・盗難（一時利用停止）", N_("Lost or stolen card (suspension)")),
        "0120-95-0178",
        Text("24時間365日", N_("24 hours a day, every day")),
        _JA_ONLY,
        "S3:76-86",
    ),
    _hl(
        "foreign_card",
        Text(
            "外国語でのお問い合わせ（カード・一時利用停止）",
            N_("In other languages: the card and suspension"),
        ),
        "0120-0178-27",
        Text(
            "一時利用停止は24時間、その他の時間は言語によって異なります",
            N_("suspension 24 hours; other hours depend on the language"),
        ),
        Text(
            "英語・中国語・韓国語・スペイン語・ポルトガル語・タイ語・ネパール語・インドネシア語・"
            "ベトナム語・タガログ語",
            N_(
                "English, Chinese, Korean, Spanish, Portuguese, Thai, Nepali, Indonesian, "
                "Vietnamese, Tagalog"
            ),
        ),
        "S1:48-59",
    ),
    _hl(
        "foreign_system",
        Text(
            "外国語でのお問い合わせ（マイナンバー制度・マイナポータル）",
            N_("In other languages: the My Number system and MynaPortal"),
        ),
        "0120-0178-26",
        _WEEK_HOURS,
        Text(
            "英語・中国語・韓国語・スペイン語・ポルトガル語・ベトナム語・タイ語・インドネシア語・"
            "タガログ語・ネパール語",
            N_(
                "English, Chinese, Korean, Spanish, Portuguese, Vietnamese, Thai, Indonesian, "
                "Tagalog, Nepali"
            ),
        ),
        "S1:61-67",
    ),
    _hl(
        "general",
        Text("マイナンバー総合フリーダイヤル", N_("My Number general line")),
        "0120-95-0178",
        _WEEK_HOURS,
        _JA_ONLY,
        "S3:76-82, S4:147-157",
    ),
)


def _link(key: str, ja: str, en: str, url: str, source: str) -> Link:
    return Link(key, Text(ja, en), url, source)


_CARD_SITE = "https://www.kojinbango-card.go.jp"
_YOKOHAMA_NHI = "kurashi/koseki-zei-hoken/kokuho/todokede"
LINKS: tuple[Link, ...] = (
    _link(
        "card_site",
        "マイナンバーカード総合サイト（多言語）",
        N_("My Number Card general site (multilingual)"),
        f"{_CARD_SITE}/en-link/",
        "S1:46, S1:82",
    ),
    _link(
        "contact",
        "マイナンバーカード総合サイト お問い合わせ（多言語）",
        N_("My Number Card general site: contact (multilingual)"),
        f"{_CARD_SITE}/en-otoiawase/",
        "S1:138-143",
    ),
    _link(
        "application_status",
        "申請状況の確認（マイナンバーカード総合サイト）",
        N_("Check your application's status (My Number Card general site)"),
        f"{_CARD_SITE}/en-uketori/",
        "procedures.md §1.3",
    ),
    _link(
        "photo_checkpoints",
        "顔写真のチェックポイント（マイナンバーカード総合サイト）",
        N_("Photo checkpoints (My Number Card general site)"),
        f"{_CARD_SITE}/en-kofushinse-checkpoint/",
        "procedures.md §2.1",
    ),
    _link(
        "insurance_registration",
        "マイナンバーカードの健康保険証利用（マイナポータル）",
        N_("Using the My Number Card as your health insurance card (MynaPortal)"),
        "https://myna.go.jp/html/hokenshoriyou_top.html",
        "S3:342",
    ),
    _link(
        "yokohama_nhi_online",
        "横浜市 国民健康保険のオンライン手続",
        N_("Yokohama City: National Health Insurance procedures online"),
        f"https://en.city.yokohama.lg.jp/{_YOKOHAMA_NHI}/onlinetetuduki.html",
        "procedures.md §4.1 (the page S0 translates)",
    ),
    _link(
        "yokohama_nhi_post",
        "横浜市 国民健康保険の郵送手続（機械翻訳）",
        N_("Yokohama City: National Health Insurance procedures by post (machine translation)"),
        f"https://translate-en.city.yokohama.lg.jp/{_YOKOHAMA_NHI}/yuusoutetuduki.html",
        "procedures.md §4.1, §4.5",
    ),
)


def _ward(ja: str, en: str, phones: tuple[str, ...], fax: str, line: int) -> Ward:
    return Ward(Text(ja, en), phones, fax, f"S0:{line}-{line + 6}")


#: S0:189-381, in S0's order; the Japanese names are the wards' standard names.
WARDS: tuple[Ward, ...] = (
    _ward("鶴見区", N_("Tsurumi"), ("045-510-1807",), "045-510-1898", 193),
    _ward("神奈川区", N_("Kanagawa"), ("045-411-7124",), "045-322-1979", 203),
    _ward("西区", N_("Nishi"), ("045-320-8425", "045-320-8426"), "045-322-2183", 213),
    _ward("中区", N_("Naka"), ("045-224-8315", "045-224-8316"), "045-224-8309", 223),
    _ward("南区", N_("Minami"), ("045-341-1126",), "045-341-1131", 233),
    _ward("港南区", N_("Konan"), ("045-847-8425",), "045-845-8413", 243),
    _ward("保土ケ谷区", N_("Hodogaya"), ("045-334-6335",), "045-334-6334", 253),
    _ward("旭区", N_("Asahi"), ("045-954-6134",), "045-954-5784", 263),
    _ward("磯子区", N_("Isogo"), ("045-750-2425",), "045-750-2545", 273),
    _ward("金沢区", N_("Kanazawa"), ("045-788-7835", "045-788-7836"), "045-788-0328", 283),
    _ward("港北区", N_("Kohoku"), ("045-540-2349",), "045-540-2355", 293),
    _ward("緑区", N_("Midori"), ("045-930-2341",), "045-930-2347", 303),
    _ward("青葉区", N_("Aoba"), ("045-978-2335",), "045-978-2417", 313),
    _ward("都筑区", N_("Tsuzuki"), ("045-948-2334", "045-948-2335"), "045-948-2339", 323),
    _ward("戸塚区", N_("Totsuka"), ("045-866-8449",), "045-871-5809", 333),
    _ward("栄区", N_("Sakae"), ("045-894-8425",), "045-895-0115", 343),
    _ward("泉区", N_("Izumi"), ("045-800-2425", "045-800-2426"), "045-800-2512", 353),
    _ward("瀬谷区", N_("Seya"), ("045-367-5725", "045-367-5726"), "045-362-2420", 363),
)
BUREAU = Ward(
    Text(
        "健康福祉局 保険年金課",
        N_("Health and Social Welfare Bureau, Insurance and Pension Division"),
    ),
    ("045-671-2421",),
    "045-664-0403",
    "S0:373-379",
)


def help_line(key: str) -> HelpLine:
    return next(line for line in HELP_LINES if line.key == key)


def link(key: str) -> Link:
    return next(item for item in LINKS if item.key == key)
