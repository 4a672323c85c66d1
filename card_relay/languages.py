"""The languages the service speaks: code -> the language's name in itself (for the switcher).

The one list: the site (`app/i18n.py`, `app/config.py`), `scripts/translations.py`, the card
agent (`card_relay/agent/protocol.py`, whose texts are in `card_relay/agent/strings.py`), the
page checker and the tests read it. It lives in `card_relay`, free of Flask, because the
installed agent may import nothing outside this package (scripts/build_agent_package.py).
Adding a language: one entry here, its catalog (`scripts/translations.py`), the agent's texts.
"""

from __future__ import annotations

LANGUAGES: dict[str, str] = {"ja": "日本語", "en": "English"}
DEFAULT_LANGUAGE = "ja"
