"""`N_`: marks an English text as a message id, for `scripts/translations.py` to extract
(Babel's default keywords include `N_`), without translating it where it is defined: pure data
(the labels in `app/labels`, the official routes and steps) is translated where it is shown, in
the page's language.

Sources: none — pure mechanics of message extraction.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Mark `text` for extraction without translating it (it is translated where shown)."""
    return text
