"""Template globals: the signed-in user, and the adapter from a WTForms field to macro params."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import MutableMapping
from typing import Any

from flask import Flask
from flask.templating import Environment as FlaskEnvironment
from jinja2 import StrictUndefined

from app import labels
from app.auth import current_user
from app.domain import files, official_routes, official_steps
from app.labels import apply as apply_labels
from app.labels import insurance as insurance_labels
from app.labels import nhi as nhi_labels
from app.services.receivers import (
    is_demo,
    notice_mail,
    office_name,
    receiver,
    receiving_offices,
)
from app.storage import users


class FalsyStrictUndefined(StrictUndefined):
    """Printing or using a missing value is an error, but `{% if missing %}` is just false.

    Macros test optional params (`{% if params.hint %}`) without every caller passing them.
    """

    def __bool__(self) -> bool:  # type: ignore[override]
        return False


class _TemplateGlobals(ChainMap[str, Any]):
    """A template's globals (its own over the environment's), with a cheap `keys()`.

    Jinja subtracts an imported template's `globals.keys()` from the importing context's on
    every `{% from ... import %}` (to see whether the import may use its cached module), and a
    ChainMap answers that one key at a time across both maps: about 15 µs per import, paid
    several times per page. A set of the keys, made fresh on each call, answers the same
    question in one step and still sees globals added later. Item lookup tests membership
    instead of catching a KeyError per map, for the copy of the globals each render makes.
    """

    def keys(self) -> set[str]:  # type: ignore[override]
        return set().union(*self.maps)

    def __getitem__(self, key: str) -> Any:
        # Every render copies all the globals into its context; ChainMap's lookup raises and
        # catches a KeyError in the template's own (nearly always empty) map for each of them.
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)


class Environment(FlaskEnvironment):
    """Flask's Jinja environment, with `_TemplateGlobals` for every template's globals."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return _TemplateGlobals({} if d is None else d, self.globals)


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
    app.jinja_env.globals.update(
        receiver=receiver,
        office_name=office_name,
        notice_mail=notice_mail,
        receiving_offices=receiving_offices,
        is_demo=is_demo,
    )

    # The official side of each journey (`components/official_route.html`): lines, links, steps.
    app.jinja_env.globals.update(official_routes=official_routes, official_steps=official_steps)

    @app.context_processor
    def globals_() -> dict[str, Any]:
        user = current_user()
        return {
            "current_user": user,
            "current_user_name": users.display_name(user) if user else None,
        }
