"""Extension objects, unbound; `create_app` binds them with `init_app`."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

from app.catalogues import SiteBabel
from app.storage.db import Database

db = Database()
csrf = CSRFProtect()
babel = SiteBabel()
htmx = Htmx()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
