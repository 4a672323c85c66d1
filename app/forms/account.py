"""Forms for creating an account and changing its display name."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.forms import BaseForm

DISPLAY_NAME_MAX = 50


class DisplayNameForm(BaseForm):
    display_name = StringField(
        _l("Display name"),
        validators=[
            DataRequired(message=_l("Enter a display name")),
            Length(
                max=DISPLAY_NAME_MAX,
                message=_l("Display name must be %(max)d characters or fewer", max=50),
            ),
        ],
    )
