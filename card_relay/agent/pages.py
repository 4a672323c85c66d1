"""The agent's own HTML: the PIN page and short message pages, plus their stylesheet.

Built with ``html.escape`` rather than a template engine: four small pages do not need one, and
the agent must not depend on the web app's stack. No script, no inline style (the CSP forbids
both); the stylesheet is served by the agent itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from card_relay.agent.strings import text
from card_relay.languages import ruby_html, without_ruby

CSS_PATH = "/card-relay/v1/agent.css"
PIN_PATH = "/card-relay/v1/pin"
CSS = """\
*{box-sizing:border-box}
html{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;line-height:1.6;
color:#1b1b1b;background:#fff}
body{margin:0}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;margin:0 0 1rem}
.notice{border-left:.4rem solid #005ea2;background:#eef5fb;padding:.75rem 1rem;margin:0 0 1rem}
.warning{border-left:.4rem solid #8a5300;background:#fdf6e7;padding:.75rem 1rem;margin:0 0 1rem}
.error{border:.2rem solid #b50909;padding:.75rem 1rem;margin:0 0 1rem}
.error h2{font-size:1.1rem;margin:0 0 .25rem;color:#b50909}
dl{margin:0 0 1rem}
dt{font-weight:bold}
dd{margin:0 0 .5rem}
ul{margin:.25rem 0 .5rem;padding-left:1.25rem}
label{display:block;font-weight:bold;margin:0 0 .25rem}
.hint{color:#454545;margin:0 0 .5rem}
input[type=password]{font-size:1.25rem;padding:.4rem;width:100%;max-width:16rem;
border:.125rem solid #1b1b1b}
.check{display:flex;gap:.5rem;align-items:flex-start;margin:1rem 0}
.check label{font-weight:normal;margin:0}
.check input{width:1.5rem;height:1.5rem;flex:none}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
button{font:inherit;padding:.5rem 1.25rem;border:.125rem solid #005ea2;border-radius:.25rem;
cursor:pointer}
.primary{background:#005ea2;color:#fff}
.secondary{background:#fff;color:#005ea2}
button:focus,input:focus,a:focus{outline:.2rem solid #e5a000;outline-offset:.1rem}
a{color:#005ea2}
"""


@dataclass(frozen=True)
class PinView:
    """What the PIN page shows; built by the server module from a ``CardJob``."""

    lang: str
    origin: str
    kind: str
    title: str
    lines: tuple[str, ...]
    tries_left: int | None
    csrf: str
    simulated: bool
    error: str | None = None  # a strings key: error_format_auth, error_confirm, …


def _document(lang: str, heading: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(without_ruby(heading))} – {escape(without_ruby(text(lang, 'title')))}"
        "</title>\n"
        f'<link rel="stylesheet" href="{CSS_PATH}">\n</head>\n<body>\n<main>\n'
        f"<h1>{_html(heading)}</h1>\n{body}</main>\n</body>\n</html>\n"
    )


def _html(words: str) -> str:
    """A text of ours in the page: escaped, with easy Japanese furigana drawn as <ruby>."""
    return ruby_html(escape(words))


def pin_page(view: PinView) -> str:
    """The PIN form: origin, purpose, summary (sign), tries left, the field, Continue/Cancel."""

    def t(key: str) -> str:
        return _html(text(view.lang, key))

    parts: list[str] = []
    if view.simulated:
        parts.append(f'<p class="notice">{t("simulated")}</p>\n')
    if view.error:
        parts.append(
            f'<div class="error" role="alert"><h2>{t("error_title")}</h2>'
            f'<p><a href="#{"confirm" if view.error == "error_confirm" else "pin"}">'
            f"{t(view.error)}</a></p></div>\n"
        )
    parts.append(
        f"<dl>\n<dt>{t('requested_by')}</dt><dd>{escape(view.origin)}</dd>\n"
        f"<dt>{t('purpose')}</dt><dd>{t('purpose_' + view.kind)}</dd>\n"
    )
    if view.tries_left is not None:
        parts.append(f'<dt>{t("tries_left")}</dt><dd id="tries-left">{view.tries_left}</dd>\n')
    parts.append("</dl>\n")
    if view.kind == "sign":
        if view.title or view.lines:
            items = "".join(f"<li>{escape(line)}</li>" for line in view.lines)
            parts.append(
                f'<section aria-labelledby="summary"><h2 id="summary">{escape(view.title)}</h2>'
                f"<ul>{items}</ul></section>\n"
            )
        parts.append(f'<p class="warning">{t("sign_warning")}</p>\n')
    numeric = ' inputmode="numeric" maxlength="4"' if view.kind == "auth" else ' maxlength="16"'
    parts.append(
        f'<form method="post" action="{PIN_PATH}">\n'
        f'<input type="hidden" name="csrf" value="{escape(view.csrf)}">\n'
        f'<label for="pin">{t("label_" + view.kind)}</label>\n'
        f'<p class="hint" id="pin-hint">{t("hint_pin")}</p>\n'
        f'<input type="password" id="pin" name="pin" autocomplete="off"{numeric} '
        'aria-describedby="pin-hint" required autofocus>\n'
    )
    if view.tries_left == 1:
        parts.append(
            f'<p class="warning" id="last-try">{t("last_try")}</p>\n'
            '<div class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" '
            f'aria-describedby="last-try" required><label for="confirm">'
            f"{t('confirm_last_try')}</label></div>\n"
        )
    parts.append(
        '<div class="actions">'
        f'<button type="submit" class="primary" name="action" value="continue">{t("continue")}'
        "</button>"
        f'<button type="submit" class="secondary" name="action" value="cancel" formnovalidate>'
        f"{t('cancel')}</button></div>\n</form>\n"
    )
    return _document(view.lang, text(view.lang, "h1_pin"), "".join(parts))


def message_page(lang: str, key: str, back_to: str | None = None) -> str:
    """A short page for a refusal or failure before (or after) a job; optional link back."""
    body = f"<p>{_html(text(lang, key))}</p>\n"
    if back_to:
        link = f"{_html(text(lang, 'back'))} {escape(back_to)}"
        body += f'<p><a href="{escape(back_to)}">{link}</a></p>\n'
    return _document(lang, text(lang, "h1_message"), body)
