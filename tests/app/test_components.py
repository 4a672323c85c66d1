"""The component macros render accessible markup: labels, hints and errors wired by id."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask import Flask, render_template_string


def render(app: Flask, source: str, **context: object) -> BeautifulSoup:
    with app.test_request_context("/?lang=en"):
        return BeautifulSoup(render_template_string(source, **context), "html.parser")


def test_field_with_error_links_hint_and_error_to_the_input(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/field.html" import field %}{{ field(params) }}',
        params={
            "id": "email",
            "name": "email",
            "label": "Email",
            "value": "x",
            "hint": "We send the copy here",
            "errorMessage": "Enter an email address",
            "type": "email",
            "autocomplete": "email",
        },
    )
    field = soup.select_one("input#email")
    assert field["aria-describedby"] == "email-hint email-error"
    assert field["aria-invalid"] == "true" and field["type"] == "email"
    assert soup.select_one("label[for=email]").get_text() == "Email"
    assert "Error:" in soup.select_one("#email-error").get_text()


def test_radios_use_a_fieldset_whose_legend_can_be_the_page_heading(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/choices.html" import radios %}{{ radios(params) }}',
        params={
            "id": "route",
            "name": "route",
            "legend": "How will you apply?",
            "isPageHeading": True,
            "items": [
                {"value": "phone", "text": "Smartphone", "checked": True},
                {"value": "mail", "text": "Post", "hint": "Print the form"},
            ],
        },
    )
    assert soup.select_one("fieldset legend h1").get_text() == "How will you apply?"
    inputs = soup.select("input[type=radio]")
    assert [i["id"] for i in inputs] == ["route", "route-2"]  # the first id is the error link
    assert inputs[0].has_attr("checked") and not inputs[1].has_attr("checked")
    assert inputs[1]["aria-describedby"] == "route-2-item-hint"


def test_date_input_has_three_labelled_numeric_fields(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/date_input.html" import date_input %}{{ date_input(params) }}',
        params={
            "id": "dob",
            "name": "dob",
            "legend": "Date of birth",
            "value": {"year": "1990", "month": "4", "day": "1"},
            "errorMessage": "Date of birth must be in the past",
        },
    )
    for part, value in (("year", "1990"), ("month", "4"), ("day", "1")):
        field = soup.select_one(f"#dob-{part}")
        assert field["inputmode"] == "numeric" and field["value"] == value
        assert soup.select_one(f"label[for=dob-{part}]") is not None
    assert soup.select_one("fieldset")["aria-describedby"] == "dob-hint dob-error"


def test_error_summary_lists_links_to_each_field(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/error_summary.html" import error_summary %}{{ error_summary(e) }}',
        e=[("email", "Enter an email address"), ("dob-year", "Enter a year")],
    )
    assert [a["href"] for a in soup.select(".error-summary a")] == ["#email", "#dob-year"]
    assert soup.select_one(".error-summary")["data-module"] == "error-summary"


def test_task_list_status_is_text_and_described_by_the_link(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/task_list.html" import task_list %}{{ task_list(t) }}',
        t=[
            {
                "name": "Apply",
                "href": "/apply/",
                "status": "in_progress",
                "status_text": "In progress",
            },
            {
                "name": "Register",
                "href": None,
                "status": "not_started",
                "status_text": "Cannot start yet",
            },
        ],
    )
    link = soup.select_one(".task-list a")
    assert soup.select_one(f"#{link['aria-describedby']}").get_text() == "In progress"
    assert soup.select(".task-list__name")[1].select_one("a") is None


def test_progress_and_file_input_render_native_accessible_controls(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/progress.html" import progress %}'
        '{% from "components/file_input.html" import file_input %}'
        '{{ progress("Uploading", 40) }}{{ file_input(f) }}',
        f={
            "id": "photo",
            "name": "photo",
            "label": "Photo",
            "accept": "image/jpeg",
            "capture": "environment",
            "errorMessage": "The selected file must be a JPEG",
        },
    )
    assert soup.select_one("progress")["value"] == "40"
    assert soup.select_one("label[for=progress]").get_text() == "Uploading"
    upload = soup.select_one("input#photo")
    assert upload["accept"] == "image/jpeg" and upload["aria-invalid"] == "true"


def test_a_summary_row_names_its_change_link_and_says_when_nothing_was_given(app: Flask) -> None:
    soup = render(
        app,
        '{% from "components/summary_list.html" import summary_list, summary_row %}'
        "{% call summary_list() %}"
        '{{ summary_row("Full name", "Hanako", ja_label="氏名", href="/change/name") }}'
        '{{ summary_row("Reason", "", ja_label="理由") }}'
        "{% endcall %}",
    )
    name, reason = soup.select("dl.summary-list > .summary-list__row")
    assert name.select_one("dt [lang=ja]").get_text() == "氏名"
    assert name.select_one(".summary-list__value").get_text() == "Hanako"
    link = name.select_one(".summary-list__action a")
    assert link["href"] == "/change/name" and link.get_text() == "Change Full name"
    assert reason.select_one(".summary-list__value").get_text() == "Not provided"
    assert reason.select_one(".summary-list__action") is None


def test_ja_is_available_in_every_template_without_an_import(app: Flask) -> None:
    soup = render(app, '<h1>Name {{ ja("氏名") }}</h1>')
    assert str(soup.select_one("h1 span")) == '<span class="caption" lang="ja">氏名</span>'
