"""PDFs for NHI: the resident's copy of exactly what was signed (with the signed JSON, the
signature and the certificate attached inside the PDF), and the office's notice to the head of
household (資格情報のお知らせ or 資格確認書). Drawn with `services/pdf.py` (A4, embedded fonts,
bilingual rows): Japanese official labels with the resident's language beside them (the notice:
the language the resident signed in, kept with the enrolment, since staff issue it).

Both read the typed answers (`NhiApplication`), read back from the signed document by
`nhi_document.application_of`, so a PDF shows exactly what was signed under the names the forms
use."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.message_ids import N_
from app.domain.nhi_answers import NhiApplicant, NhiApplication, NhiHead, PreviousInsurance
from app.labels import nhi as labels
from app.labels import printed
from app.services.pdf import FONT, Document, heading, new_document, note, row

NOTICE_TITLES = {
    "notice": ("国民健康保険 資格情報のお知らせ", N_("Notice of qualification information")),
    "certificate": ("国民健康保険 資格確認書", N_("Qualification confirmation form")),
    "certificate+notice": (
        "国民健康保険 資格確認書・資格情報のお知らせ",
        N_("Qualification confirmation form and notice"),
    ),
}
NOTICE_NAMES = {"notice": "資格情報のお知らせ", "certificate": "資格確認書"}


@dataclass(frozen=True)
class NoticeDetails:
    """What the office's own system gives the insured person and staff type when issuing the
    notice (review plan G11; S4:41, the お知らせ is how holders learn these details)."""

    insurer_number: str
    symbol_number: str
    valid_until: date | None = None


def _document_rows(pdf: Document, answers: NhiApplication) -> None:
    applicant = answers.applicant or NhiApplicant()
    head = answers.head or NhiHead()
    insurance = answers.previous_insurance or PreviousInsurance()
    beside = pdf.beside
    heading(pdf, "届出人", N_("Applicant"))
    row(pdf, "氏名", N_("Name"), applicant.full_name)
    row(pdf, "生年月日", N_("Date of birth"), applicant.birth_date)
    relationship = printed(labels.RELATIONSHIPS, applicant.relationship, beside)
    row(pdf, "続柄", N_("Relationship"), relationship)
    row(pdf, "電話番号 / メール", N_("Phone / Email"), f"{applicant.phone}  {applicant.email}")
    heading(pdf, "世帯主", N_("Head of household"))
    row(pdf, "氏名 (フリガナ)", N_("Name"), f"{head.full_name} ({head.kana})")
    row(pdf, "生年月日", N_("Date of birth"), head.birth_date)
    heading(pdf, "加入する人", N_("People joining"))
    for number, person in enumerate(answers.people, start=1):
        row(
            pdf,
            f"{number}. 氏名 (フリガナ) / 生年月日 / 性別 / 続柄 / マイナ保険証",
            N_("Name / Date of birth / Sex / Relationship / My Number health insurance card"),
            f"{person.full_name} ({person.kana}) / {person.birth_date} / "
            f"{printed(labels.SEXES, person.sex, beside)} / "
            f"{printed(labels.RELATIONSHIPS, person.relationship, beside)} / "
            f"{person.myna_hokensho}",
        )
        own = person.insurance(answers.previous_insurance)
        if person.same_insurance == "no":
            row(
                pdf,
                "   以前の保険 / 資格喪失日 / 記号・番号",
                N_("Own previous insurance / Date of loss / Symbol and number"),
                f"{own.insurer_name} ({printed(labels.INSURERS, own.insurer_type, beside)}) / "
                f"{own.loss_date} / {own.symbol_number}",
            )
        row(pdf, "   資格取得日", N_("NHI from"), own.loss_date)
    heading(pdf, "以前の健康保険", N_("Previous insurance"))
    row(pdf, "資格喪失日", N_("Date of loss"), insurance.loss_date)
    row(
        pdf,
        "保険者",
        N_("Insurer"),
        f"{insurance.insurer_name} ({printed(labels.INSURERS, insurance.insurer_type, beside)})",
    )
    row(pdf, "記号・番号", N_("Symbol and number"), insurance.symbol_number)
    heading(pdf, "添付書類", N_("Attachments (SHA-256)"))
    for item in answers.attachments:
        row(pdf, item.name, f"({item.media_type}, {item.size} B)", item.sha256)
    declared = pdf.pair("はい", N_("Yes"), sep=" ") if answers.declaration else ""
    row(pdf, "申告", N_("Declaration"), declared or pdf.pair("いいえ", N_("No"), sep=" "))


def copy_pdf(
    answers: NhiApplication,
    document: bytes,
    package: dict[str, Any],
    *,
    reference: str,
    language: str,
) -> bytes:
    """A copy of what was signed: the document's content, the signature details, and the
    exact signed bytes, signature and certificate attached inside the PDF."""
    signed_at = datetime.fromisoformat(package["signed_at"])
    pdf = new_document(
        "国民健康保険 加入届 控え",
        N_("Copy of your NHI enrolment"),
        language=language,
        created=signed_at,
    )
    row(pdf, "受付番号", N_("Reference"), reference)
    row(pdf, "署名日時", N_("Signed"), signed_at.strftime("%Y-%m-%d %H:%M UTC"))
    _document_rows(pdf, answers)
    heading(pdf, "電子署名", N_("Electronic signature"))
    row(pdf, "署名者 (署名用電子証明書)", N_("Signer"), package["signer"]["name"])
    row(pdf, "発行者", N_("Certificate issuer"), package["issuer"])
    row(pdf, "シリアル番号", N_("Certificate serial"), package["serial"])
    row(pdf, "有効期限", N_("Certificate valid until"), package["not_after"])
    row(pdf, "方式", N_("Algorithm"), f"{package['signature_alg']} / {package['hash_alg']}")
    row(pdf, "署名対象", N_("SHA-256 of the signed document"), package["digest"])
    note(
        pdf,
        "署名された文書（JSON）、署名値、証明書をこのPDFに添付しています。",
        N_(
            "The signed document (JSON), the signature and the certificate are attached to "
            "this PDF."
        ),
    )
    for name, data in (
        (f"{reference}.json", document),
        (f"{reference}.sig", base64.b64decode(package["signature"])),
        (f"{reference}.cer", base64.b64decode(package["certificate"])),
    ):
        pdf.embed_file(bytes=data, basename=name, modification_date=signed_at)
    return bytes(pdf.output())


def notice_pdf(
    answers: NhiApplication,
    *,
    kinds: list[str],
    details: NoticeDetails,
    reference: str,
    address: str,
    qualification_date: date,
    issued_at: datetime,
    language: str,
) -> bytes:
    """The notice the office posts to the head of household (procedures.md 3.5 and 4.5), with
    each person's own kind (`kinds`, in the order of `answers.people`; review plan G10).
    The office's Japanese, with `language` (the resident's) beside its fixed labels."""
    issued = sorted(set(kinds))
    ja, english = NOTICE_TITLES["+".join(issued)]
    pdf = new_document(ja, english, language=language, created=issued_at)
    head = answers.head or NhiHead()
    pdf.set_font(FONT, size=11)
    pdf.multi_cell(0, 6, f"〒 {address}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=14)
    pdf.multi_cell(0, 9, f"{head.full_name} 様", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    row(pdf, "保険者", N_("Insurer"), pdf.pair("横浜市", N_("Yokohama City"), sep=" "))
    row(pdf, "交付日", N_("Issued"), issued_at.date().isoformat())
    row(pdf, "受付番号", N_("Reference"), reference)
    row(pdf, "保険者番号", N_("Insurer number"), details.insurer_number)
    row(pdf, "被保険者記号・番号", N_("Symbol and number"), details.symbol_number)
    row(pdf, "資格取得日", N_("Qualification date"), qualification_date.isoformat())
    if details.valid_until is not None:
        row(pdf, "有効期限", N_("Valid until"), details.valid_until.isoformat())
    heading(pdf, "被保険者", N_("Insured people"))
    for number, (person, kind) in enumerate(zip(answers.people, kinds, strict=True), start=1):
        row(
            pdf,
            f"{number}. 氏名 (フリガナ) / 生年月日 / 性別 / 交付するもの",
            N_("Name / Date of birth / Sex / Issued"),
            f"{person.full_name} ({person.kana}) / {person.birth_date} / "
            f"{printed(labels.SEXES, person.sex, pdf.beside)} / {NOTICE_NAMES[kind]}",
        )
    pdf.ln(2)
    if "notice" in issued:
        note(
            pdf,
            "資格情報のお知らせだけでは受診できません。マイナ保険証（マイナンバーカード）と一緒に"
            "提示してください。",
            N_(
                "The notice alone is not valid: show it with your My Number Card when the "
                "clinic's reader cannot confirm your insurance."
            ),
        )
    if "certificate" in issued:
        note(
            pdf,
            "医療機関で資格確認書を提示してください。",
            N_(
                "Show the 資格確認書 at clinics like a health insurance card. Its validity is "
                "set by the insurer."
            ),
        )
    return bytes(pdf.output())
