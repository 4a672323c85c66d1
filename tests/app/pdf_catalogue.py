"""A small catalogue built in the test itself, standing in for a language's real one (the
translators fill those in parallel), so a PDF test knows exactly which words to look for."""

from __future__ import annotations

import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations

from app.services import pdf_language


def use_catalogue(monkeypatch: pytest.MonkeyPatch, messages: dict[str, str]) -> None:
    """Every language's documents translate with `messages` (msgid -> text) for this test."""
    catalog = Catalog(locale="ja")
    for msgid, text in messages.items():
        catalog.add(msgid, text)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    translations = Translations(fp=compiled)
    monkeypatch.setattr(pdf_language, "catalogue", lambda directory: translations)
