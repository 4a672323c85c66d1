"""Template globals: the signed-in user, and the adapter from a WTForms field to macro params."""

from __future__ import annotations

from typing import Any

from flask import Flask
from jinja2 import StrictUndefined

from app import labels
from app.auth import current_user
from app.domain import files
from app.labels import apply as apply_labels
from app.labels import insurance as insurance_labels
from app.labels import nhi as nhi_labels
from app.services.receivers import is_demo, office_name, receiver
from app.storage import users


class FalsyStrictUndefined(StrictUndefined):
    """Printing or using a missing value is an error, but `{% if missing %}` is just false.

    Macros test optional params (`{% if params.hint %}`) without every caller passing them.
    """

    def __bool__(self) -> bool:  # type: ignore[override]
        return False


def field_params(field: Any, **extra: Any) -> dict[str, Any]:
    """Map a WTForms field to the components' params vocabulary (label, value, errorMessage)."""
    params: dict[str, Any] = {
        "id": field.id,
        "name": field.name,
        "label": str(field.label.text),
        "value": field.data if field.data is not None else "",
        "errorMessage": str(field.errors[0]) if field.errors else None,
    }
    params.update(extra)
    return params


def form_error_list(form: Any) -> list[tuple[str, str]]:
    """(field id, first message) pairs for the error summary, in the form's order."""
    return [(field.id, str(field.errors[0])) for field in form if field.errors]


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.undefined = FalsyStrictUndefined
    app.jinja_env.add_extension("jinja2.ext.do")
    # Globals (not context) so that imported macros can use them too.
    app.jinja_env.globals.update(field_params=field_params, form_error_list=form_error_list)
    # The kinds of file and their limits, so that hints and messages say the real limit.
    app.jinja_env.globals.update(file_rules={"photo": files.PHOTO, "document": files.DOCUMENT})
    # `{{ ja("氏名") }}`: the official Japanese term beside its translation, in every template.
    app.jinja_env.globals["ja"] = app.jinja_env.get_template("components/ja.html").module.ja  # type: ignore[attr-defined]
    # Labels defined once (app/labels): `label_text(labels.nhi.RELATIONSHIPS, value)`.
    app.jinja_env.globals.update(
        labels={"apply": apply_labels, "nhi": nhi_labels, "insurance": insurance_labels},
        label_text=labels.text,
        label_option=labels.option,
    )
    # `receiver("nhi_enrolment").kind`, `office_name("nhi_enrolment")`: who receives each
    # procedure, and whether this is a demonstration; templates never read the configuration.
    app.jinja_env.globals.update(receiver=receiver, office_name=office_name, is_demo=is_demo)

    @app.context_processor
    def globals_() -> dict[str, Any]:
        user = current_user()
        return {
            "current_user": user,
            "current_user_name": users.display_name(user) if user else None,
        }
