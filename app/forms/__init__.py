"""Form base: every text answer is NFKC-normalised and stripped before validation.

NFKC turns full-width digits and letters (１２３, ＡＢＣ) typed on Japanese keyboards into
their ASCII forms, so rules see what the user meant.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from flask_wtf import FlaskForm


def normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip()
    return value


class BaseForm(FlaskForm):  # type: ignore[misc]
    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            # A new list for this form only: the unbound field is shared by every instance,
            # and writing to its kwargs added one more `normalise` per form ever made.
            filters = [normalise, *unbound_field.kwargs.get("filters", ())]
            return unbound_field.bind(form=form, **options, filters=filters)
