"""Applying by post on a phone: the questions, the form's details one step at a time, and a
printable PDF of the handwritten form filled in with them (name included), in both languages."""

from __future__ import annotations

import io

import pypdf
import pytest
from playwright.sync_api import expect

from e2e.browser import Tab
from e2e.pages.apply import ApplyStartPage, CheckAnswersPage

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_apply_by_post_ends_with_a_pdf_of_the_form_with_my_name(tab: Tab) -> None:
    question = ApplyStartPage.open(tab).start_now()
    question = question.answer(
        "Yes, with a QR code",
        then="Has your name, address or period of stay changed since the form was printed?",
    )
    question = question.answer("No", then="Who is the card for?")
    question = question.answer("Me", then="Does your residence card show a period of stay?")
    question = question.answer("Yes", then="When does your period of stay end?")
    question.page.get_by_label(tab.texts("Year"), exact=True).fill("2030")
    question.page.get_by_label(tab.texts("Month"), exact=True).fill("9")
    question.page.get_by_label(tab.texts("Day"), exact=True).fill("30")
    question = question.answer(then="Do any of these apply to you?")
    question = question.answer("None of these", then="How do you want to apply?")
    start = question.answer_route("By post", "Apply by post")
    start = start.create_account_and_come_back("はなこ")

    step = start.start_your_application("Your details for the form")
    step.fill("Full name (氏名)", "Garcia Maria 山田")
    step.fill("Address (住所)", "横浜市中区港町1-1")
    step.fill("Phone number (電話番号)", "045-123-4567")
    step = step.save_and_continue("What is your date of birth?")
    step.fill_date("1990", "3", "27")
    step = step.save_and_continue("Electronic certificates")
    step = step.save_and_continue(
        "Do you want your name in Braille on the card? (氏名の点字表記)",
        "Only the user certificate, for signing in",
    )
    step.choose("No")
    step.page.get_by_role("button", name=tab.texts("Save and continue")).click()

    check = CheckAnswersPage(tab)
    expect(check.value("Garcia Maria 山田")).to_be_visible()
    sent = check.send("Create the form to post", "Your form is ready to post")
    pdf = sent.download_pdf("Download the form (PDF)")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Garcia Maria 山田" in text
    assert "署名用電子証明書の発行を希望しません" in text
