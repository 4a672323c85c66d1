"""Labels defined once: each choice's official Japanese term and its English text, read by
the form's choices, the pages (check your answers, status, office) and the PDFs.

A module per journey (`apply`, `nhi`, `insurance`) holds pure data. The English text is a
message id (marked with `N_` so `scripts/translations.py` extracts it): pages and forms
translate it into the page's language, PDFs print it in the document's language beside the
Japanese (`printed`), because the Japanese is what the official forms and the office use. On
an English page a form's option shows the Japanese term after the English ("Spouse (妻・夫)")
so the resident can match what the official site says; a Japanese page shows the translation
alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from flask_babel import LazyString, get_locale, gettext


@dataclass(frozen=True)
class Label:
    ja: str  # the official Japanese term (printed on PDFs, shown beside English in forms)
    en: str  # the English text: a message id, translated on pages


@dataclass(frozen=True)
class Choices(Mapping[str, Label]):
    """A question's choices, value -> label, in the order they are offered. `caption` says
    whether a form option shows the Japanese beside the English."""

    labels: dict[str, Label]
    caption: bool = True

    def __getitem__(self, value: str) -> Label:
        return self.labels[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)


def text(choices: Choices, value: str | None) -> str:
    """The choice as a page shows it, in the page's language ("" for no answer; an unknown
    value as it is)."""
    if not value:
        return ""
    return str(gettext(choices[value].en)) if value in choices else value


def printed(choices: Choices, value: str | None, beside: Callable[[str], str] = str) -> str:
    """The choice as a PDF prints it: "妻・夫 / Spouse" ("" for no or an unknown answer);
    `beside` puts the English message id into the document's language."""
    label = choices.get(value or "")
    return f"{label.ja} / {beside(label.en)}" if label else ""


def option(choices: Choices, value: str) -> str:
    """The choice as a form option shows it ("Spouse (妻・夫)" on an English page)."""
    return _option(choices[value], choices.caption)


def form_choices(choices: Choices) -> list[tuple[str, LazyString]]:
    """(value, label) pairs for a WTForms radio or checkbox field, translated when shown."""
    return [
        (value, LazyString(_option, label, choices.caption)) for value, label in choices.items()
    ]


def _option(label: Label, caption: bool) -> str:
    translated = str(gettext(label.en))
    locale = get_locale()
    if not caption or (locale is not None and locale.language == "ja"):
        return translated
    return f"{translated} ({label.ja})"
