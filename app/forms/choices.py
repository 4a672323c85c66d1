"""Radio and checkbox fields whose only error is the question's own "Select …" message.

The one choice helper for every form (GOV.UK: one message that says what to do, never
WTForms' "Not a valid choice").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class OneOf:
    """Stops with `message` unless the answer is one of the field's choices.

    WTForms' own choice check would add "Not a valid choice" first; GOV.UK asks for one
    message that says what to do, so the fields below turn that check off.
    """

    def __init__(self, message: Any) -> None:
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        values = {str(choice.value) for choice in field.choices}
        data = field.data if isinstance(field.data, list) else [field.data]
        if not data or any(str(d) not in values for d in data):
            raise StopValidation(str(self.message))


def _choices(pairs: list[tuple[str, Any]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class RadiosField(RadioField):  # type: ignore[misc]
    """Radios whose choices may each carry a hint (`hints`: value -> text)."""

    def __init__(self, *args: Any, hints: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hints = dict(hints or {})


class MultiCheckboxField(SelectMultipleField):  # type: ignore[misc]
    """Checkboxes whose choices may each carry a hint (`hints`: value -> text)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args: Any, hints: Mapping[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hints = dict(hints or {})


def _field(
    kind: type[Any],
    label: Any,
    choices: list[tuple[str, Any]],
    message: Any,
    description: Any,
    hints: Mapping[str, Any] | None,
) -> Any:
    return kind(
        label,
        choices=_choices(choices),
        validate_choice=False,
        validators=[OneOf(message)],
        description=description,
        hints=hints,
    )


def radios(
    label: Any,
    choices: list[tuple[str, Any]],
    message: Any,
    description: Any = "",
    hints: Mapping[str, Any] | None = None,
) -> RadiosField:
    """A question's radios: the label is the question, `description` its hint."""
    return _field(RadiosField, label, choices, message, description, hints)  # type: ignore[no-any-return]


def checkboxes(
    label: Any,
    choices: list[tuple[str, Any]],
    message: Any,
    description: Any = "",
    hints: Mapping[str, Any] | None = None,
) -> MultiCheckboxField:
    """A question's checkboxes: the label is the question, `description` its hint."""
    return _field(MultiCheckboxField, label, choices, message, description, hints)  # type: ignore[no-any-return]
