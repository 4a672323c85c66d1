"""Applying for the card on a phone: the questions, an account made on the way, each step,
a photo taken with the (fake) rear camera that passes the checks, sending, the PDF copy.
Also: every blocking answer ends on a page that says what to do instead."""

from __future__ import annotations

import io

import pypdf
import pytest
from playwright.sync_api import expect

from e2e.browser import Tab
from e2e.camera import chromium_browser  # noqa: F401  (a browser with a fake camera)
from e2e.pages.account import YourTasksPage
from e2e.pages.apply import ApplyStartPage, CheckAnswersPage, QuestionPage, answer_the_questions
from e2e.pages.photo import TakePhotoPage

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("locale", ["ja-JP", "en-US"])
def test_apply_with_a_smartphone_from_the_first_question_to_the_pdf_copy(tab: Tab) -> None:
    route = answer_the_questions(tab)
    start = route.answer_route("With my smartphone", "Apply with your smartphone")
    start = start.create_account_and_come_back("はなこ")
    step = start.start_your_application("Terms of use")

    step = step.save_and_continue("Your application form ID", "I agree to the terms of use")
    step.fill("Application form ID (申請書ID)", "１２３４ ５６７８-9012 3456 7890 123")
    step = step.save_and_continue("How can we email you?")
    step.fill("Name for email contact (メール連絡用氏名)", "Hanako Yamada")
    step.fill("Email address (メールアドレス)", "hanako@example.jp")
    # Both fields typed within the autosave's half second are kept.
    expect(tab.page.get_by_text(tab.texts("Draft saved"))).to_be_visible()
    tab.page.reload()
    expect(
        tab.page.get_by_label(tab.texts("Name for email contact (メール連絡用氏名)"))
    ).to_have_value("Hanako Yamada")
    step = step.save_and_continue("What is your date of birth?")
    step.fill_date("1990", "3", "27")
    # "Draft saved" is true for the date too: a reload brings the typed date back.
    expect(tab.page.get_by_text(tab.texts("Draft saved"))).to_be_visible()
    tab.page.reload()
    expect(tab.page.get_by_label(tab.texts("Day"), exact=True)).to_have_value("27")
    expect(tab.page.get_by_label(tab.texts("Year"), exact=True)).to_have_value("1990")
    step = step.save_and_continue("Electronic certificates")
    step = step.save_and_continue(
        "Do you want your name in Braille on the card? (氏名の点字表記)", "Yes, both certificates"
    )
    step = step.save_and_continue("Your photo", "No")

    take = step.take_your_photo().take_your_photo()
    assert isinstance(take, TakePhotoPage)
    take = take.shoot_with_the_camera("pass")
    expect(take.overlay).to_be_visible()
    take.use_this_photo()

    check = CheckAnswersPage(tab)
    expect(check.value("1234 5678 9012 3456 7890 123")).to_be_visible()
    expect(check.value("hanako@example.jp")).to_be_visible()
    sent = check.send("Accept and send", "Saved in this demonstration")
    expect(sent.page.get_by_test_id("not-applied")).to_have_text(
        tab.texts(
            "Your answers and photo reached only this demonstration's office pages. You have not "
            "applied for a card: J-LIS received nothing and will not email you. To apply, use "
            "the official online application below."
        )
    )
    expect(sent.page.get_by_text(tab.texts("Demonstration reference"))).to_be_visible()
    reference = sent.reference.inner_text()
    assert reference.startswith("MG-")
    pdf = sent.download_pdf("Download a copy of your application (PDF)")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert reference in text and "Hanako Yamada" in text

    tab.page.get_by_role("main").get_by_role("link", name=tab.texts("Your tasks")).click()
    tasks = YourTasksPage(tab)
    expect(tasks.task("Apply for the My Number Card")).to_have_accessible_description(
        tab.texts("Done in this demonstration")
    )
    expect(tasks.task("Take the ID photo")).to_have_accessible_description(tab.texts("Completed"))
    tasks.task("Apply for the My Number Card").click()
    sent_list = ApplyStartPage(tab).page.get_by_test_id("sent-list")
    expect(sent_list.get_by_role("link", name=reference)).to_be_visible()
    expect(sent_list).to_contain_text(tab.texts("Received"))


BLOCKING = [
    # (answers as (next heading, option) pairs, the result page's heading)
    ([("", "No")], "You need an application form first"),
    ([("", "I do not know what this is")], "What the application form looks like"),
    (
        [
            (
                "Has your name, address or period of stay changed since the form was printed?",
                "Yes, with a QR code",
            ),
            ("", "Yes"),
        ],
        "Ask for a new application form first",
    ),
]


@pytest.mark.parametrize(("answers", "result"), BLOCKING, ids=["no-form", "unknown", "changed"])
def test_each_blocking_answer_reaches_a_page_that_says_what_to_do(
    tab: Tab, answers: list[tuple[str, str]], result: str
) -> None:
    question = ApplyStartPage.open(tab).start_now()
    for index, (heading, option) in enumerate(answers):
        last = index == len(answers) - 1
        question = question.answer(option, then=result if last else heading)
    expect(question.continue_button).to_be_hidden()  # nowhere to go on from here


def test_a_period_of_stay_that_ended_and_a_booth_without_qr_are_stopped(tab: Tab) -> None:
    question = ApplyStartPage.open(tab).start_now()
    question = question.answer(
        "Yes, but I only have the 23-digit ID",
        then="Has your name, address or period of stay changed since the form was printed?",
    )
    question = question.answer("No", then="Who is the card for?")
    question = question.answer("Me", then="Does your residence card show a period of stay?")
    question.answer("Yes", then="When does your period of stay end?")
    tab.page.get_by_label(tab.texts("Year"), exact=True).fill("2020")
    tab.page.get_by_label(tab.texts("Month"), exact=True).fill("1")
    tab.page.get_by_label(tab.texts("Day"), exact=True).fill("1")
    tab.page.get_by_role("button", name=tab.texts("Continue")).click()
    QuestionPage.expecting("Renew your period of stay first", tab)

    question = QuestionPage.expecting(
        "Do any of these apply to you?", _go(tab, "/apply/questions/express")
    )
    question = question.answer("None of these", then="How do you want to apply?")
    question.answer("At an ID photo booth", then="Photo booths need the form with its QR code")


def _go(tab: Tab, path: str) -> Tab:
    tab.goto(path)
    return tab
