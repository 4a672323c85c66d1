"""Which site language a browser's Accept-Language asks for.

A tag is looked up by its longest prefix first (RFC 4647 §3.4 "lookup"): `zh-Hant-TW` ->
`zh-hant`, `en-GB` -> `en`. Chinese without a script goes by region (Taiwan, Hong Kong and
Macao write Traditional, the rest Simplified); Portuguese of any region gets Brazilian
Portuguese, the one written here; Filipino (`fil`) is read as Tagalog. Easy Japanese is never
chosen from the header (no browser sends it; only the reader's own choice picks it).

Sources: none — the matching is mechanics (RFC 4647, BCP 47); the list of languages and the
aliases are issue 17's.
"""

from __future__ import annotations

from collections.abc import Iterable

from card_relay.languages import ALL, EASY_JAPANESE

_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant": "zh-Hant",
    "pt": "pt-BR",
    "fil": "tl",
}
_BY_LOWER = {
    language.code.lower(): language.code for language in ALL if language.code != EASY_JAPANESE
}


def match(tags: Iterable[str]) -> str | None:
    """The site code for the first tag (most preferred first) that names one of ours."""
    for tag in tags:
        subtags = tag.strip().lower().split("-")
        for length in range(len(subtags), 0, -1):
            prefix = "-".join(subtags[:length])
            code = _ALIASES.get(prefix) or _BY_LOWER.get(prefix)
            if code:
                return code
    return None
