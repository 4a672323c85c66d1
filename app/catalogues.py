"""Flask-Babel's message domain, loading each site language's own catalogue.

Flask-Babel finds a catalogue by the Babel locale, but the two differ: easy Japanese
(`ja-x-easy`) formats dates and numbers as `ja` and has a catalogue of its own
(`app/translations/ja_x_easy`), and Babel cannot parse `ja-x-easy` at all. The locale
selector (`app/i18n.py`) keeps the site code on `g.locale` and hands Flask-Babel the Babel
locale; this domain maps back to the code's catalogue directory (card_relay/languages.py).
Inside `flask_babel.force_locale(x)` the catalogue of `x` is used instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask import g, has_request_context
from flask_babel import Babel, Domain, get_locale

from card_relay.languages import BY_CODE


class SiteCatalogues(Domain):  # type: ignore[misc]  # Flask-Babel has no type hints
    def get_translations(self) -> NullTranslations:
        locale = get_locale()
        if locale is None or not has_request_context():
            return super().get_translations()  # type: ignore[no-any-return]
        code = g.get("locale")
        language = BY_CODE.get(code) if isinstance(code, str) else None
        babel_name = str(locale)
        directory = (
            language.directory
            if language is not None and language.babel_locale == babel_name
            else babel_name
        )
        # The directories too: apps (tests) may read catalogues from different places.
        key = (*self.translation_directories, directory, self.domain[0])
        cache = self.get_translations_cache(None)
        if key not in cache:
            cache[key] = load(self.translation_directories, directory, self.domain[0])
        return cache[key]  # type: ignore[no-any-return]


def load(
    folders: Iterable[str | Path], directory: str, domain: str = "messages"
) -> NullTranslations:
    """The compiled catalogue of a language directory (`zh_Hant`), from the first folder that
    has it: the site's domain reads it per request, the PDFs (app/services/pdf_language.py)
    outside any request."""
    for folder in folders:
        path = Path(folder) / directory / "LC_MESSAGES" / f"{domain}.mo"
        if path.exists():
            with path.open("rb") as handle:
                return Translations(handle, domain=domain)
    return NullTranslations()


class SiteBabel(Babel):  # type: ignore[misc]
    """Flask-Babel with `SiteCatalogues` as its message domain."""

    @cached_property
    def domain_instance(self) -> Domain:
        return SiteCatalogues(domain=self.domain)
