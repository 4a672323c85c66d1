"""Rules for the NHI application's answers: names in kana, the signer check, and which notice
the household will receive. Dates, ages and phone numbers follow the shared rules in
`dates.py` and `phones.py`.

Pure: the forms and services call these; nothing here knows Flask or the database.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
KANA = re.compile(r"[\u30a0-\u30ff\u30fc\s]+")


def to_katakana(value: str) -> str | None:
    """The name in full-width katakana (hiragana converted), or None when it is not kana."""
    text = unicodedata.normalize("NFKC", value).strip().translate(HIRAGANA_TO_KATAKANA)
    text = re.sub(r"\s+", "\u3000", text)
    return text if text and KANA.fullmatch(text) else None


def same_name(a: str, b: str) -> bool:
    """Names compare equal ignoring width, spaces (full-width or not) and letter case."""

    def key(name: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()

    return bool(key(a)) and key(a) == key(b)


def signer_mismatches(
    *, cert_name: str, cert_birth: date, applicant_name: str, applicant_birth: date
) -> list[str]:
    """What differs between the signature certificate and the applicant's answers."""
    problems = []
    if not same_name(cert_name, applicant_name):
        problems.append("name")
    if cert_birth != applicant_birth:
        problems.append("birth_date")
    return problems


def notice_kind(has_myna_hokensho: list[str]) -> str:
    """What arrives by post (procedures.md 4.5 and 3.5): a 資格情報のお知らせ ("notice") when
    everyone joining uses the card as health insurance, otherwise a 資格確認書 ("certificate")."""
    if has_myna_hokensho and all(answer == "yes" for answer in has_myna_hokensho):
        return "notice"
    return "certificate"
