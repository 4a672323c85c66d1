"""Labels defined once (`app/labels`): the form's options, the pages and the PDFs read the
same entry, so a choice cannot be called one thing in the form and another on paper."""

from __future__ import annotations

import pytest
from flask import Flask

from app.forms.application import CertificatesForm
from app.forms.nhi_application import PersonForm
from app.labels import apply, form_choices, insurance, nhi, printed, text


@pytest.mark.parametrize(
    ("lang", "option", "page"),
    [("en", "Spouse (妻・夫)", "Spouse"), ("ja", "妻・夫", "妻・夫")],
)
def test_a_choice_reads_the_same_label_in_the_form_the_page_and_the_pdf(
    app: Flask, lang: str, option: str, page: str
) -> None:
    with app.test_request_context(f"/?lang={lang}"):
        form = PersonForm(meta={"csrf": False})
        options = {value: label for value, label, *_ in form.relationship.iter_choices()}
        assert list(options) == list(nhi.RELATIONSHIPS)  # the form offers the labels' choices
        assert str(options["spouse"]) == option
        assert text(nhi.RELATIONSHIPS, "spouse") == page
    assert printed(nhi.RELATIONSHIPS, "spouse") == "妻・夫 / Spouse"  # whatever the language


def test_choices_without_a_caption_show_the_translation_alone(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        form = CertificatesForm(meta={"csrf": False})
        options = {value: label for value, label, *_ in form.certificates.iter_choices()}
        assert str(options["both"]) == "Yes, both certificates"
        assert [str(label) for _, label in form_choices(apply.BRAILLE)] == ["No", "Yes"]
    assert (
        printed(apply.CERTIFICATES, "both")
        == "署名用・利用者証明用の両方を希望 / Yes, both certificates"
    )


def test_no_answer_or_an_unknown_value_is_shown_as_it_is(app: Flask) -> None:
    with app.test_request_context("/?lang=en"):
        assert text(nhi.SEXES, None) == ""
        assert text(nhi.SEXES, "x") == "x"
    assert printed(nhi.SEXES, "x") == ""


@pytest.mark.parametrize("states", [apply.STATES, nhi.STATES, insurance.STATUSES])
def test_a_japanese_page_calls_a_received_request_by_its_state_not_a_date_heading(
    app: Flask, states: object
) -> None:
    """The state "Received" had shared its message with the office's "received on" column,
    so Japanese pages showed 受付日時 (date and time received) as a request's state."""
    with app.test_request_context("/?lang=ja"):
        assert text(states, "received") == "受付"  # type: ignore[arg-type]
