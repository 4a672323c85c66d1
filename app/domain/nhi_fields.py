"""Rules for the NHI application's answers: names in kana, the signer check, and which notice
each person joining will receive. Dates, ages and phone numbers follow the shared rules in
`dates.py` and `phones.py`.

Pure: the forms and services call these; nothing here knows Flask or the database.

Sources:
- sources/001_0411ed77a002a177.txt:99-103 (HIECC FAQ): everyone without a マイナ保険証 is
  issued a 資格確認書 (per person).
- sources/004_ddb9b7bd2bc2cbb0.txt:41 (Chuo City, 2024-12-04): holders of a マイナ保険証 get a
  資格情報のお知らせ from the insurer.
- sources/000_0b792771a67859a2.txt:79 (Yokohama City, 2025-03-24): the ward sends the
  資格確認書 or the 資格情報のお知らせ to the head of household.
- sources/004_ddb9b7bd2bc2cbb0.txt:41 (Chuo City, 2024-12-04): the 資格情報のお知らせ exists so
  that holders know their insured details (記号・番号, 保険者番号), which the card does not print.
- docs/domain/procedures.md §4.3: names in katakana (フリガナ); the signer is the applicant.
- 保険者番号 length (6 digits for a city's National Health Insurance, 8 for employee insurance):
  not in the sources; both are accepted, to be confirmed.
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


INSURER_NUMBER = re.compile(r"\d{6}|\d{8}")


def insurer_number(value: str) -> str | None:
    """The 保険者番号 in ASCII digits (full-width digits and spaces allowed when typed), or None
    when it is not 6 or 8 digits."""
    digits = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value))
    return digits if INSURER_NUMBER.fullmatch(digits) else None


def notice_kinds(has_myna_hokensho: list[str]) -> list[str]:
    """What arrives by post for each person joining, in the same order: a 資格情報のお知らせ
    ("notice") for a person who uses the card as health insurance ("yes"), a 資格確認書
    ("certificate") for everyone else ("no", "not_sure"). Decided per person, not per household;
    all of them are posted to the head of household."""
    return ["notice" if answer == "yes" else "certificate" for answer in has_myna_hokensho]
