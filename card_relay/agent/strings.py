"""The agent's page texts in Japanese and English (a plain dict: the agent has no Flask-Babel).

Keys are shared by both languages; ``test_agent_pages`` checks that neither misses one.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "My Number Card – card relay",
        "h1_pin": "Enter your PIN",
        "h1_message": "My Number Card",
        "simulated": "This is a simulated card for trying the service out, not a real card. "
        "Its test PINs: user authentication 1234, signature ABCD1234.",
        "requested_by": "Requested by",
        "purpose": "Purpose",
        "purpose_auth": "Sign in / register with your card (4-digit PIN)",
        "purpose_sign": "Sign a document with your card (signature PIN, 6–16 characters)",
        "sign_warning": "The signature certificate sent with your signature discloses your name, "
        "address, date of birth and sex to the requesting site.",
        "tries_left": "Tries left",
        "label_auth": "User-authentication PIN (4 digits)",
        "label_sign": "Signature PIN (6 to 16 letters and digits)",
        "hint_pin": "Typed here on this computer only; it goes to your card, never to the site.",
        "last_try": "Only one try is left. If this PIN is wrong, it is locked and must be reset "
        "at your municipal office.",
        "confirm_last_try": "I understand that a wrong PIN now locks it",
        "continue": "Continue",
        "cancel": "Cancel",
        "error_format_auth": "Enter the 4 digits of your user-authentication PIN.",
        "error_format_sign": "Enter 6 to 16 letters A–Z and digits 0–9, with at least one of each.",
        "error_confirm": "Tick the box to confirm that you want to use your last try.",
        "error_title": "There is a problem",
        "back": "Back to",
        "busy": "Another card request is in progress. Finish or cancel it first, then try again.",
        "ticket_used": "This card request has already been used. Go back to the site and start "
        "again.",
        "ticket_unknown": "This card request is unknown. Go back to the site and start again.",
        "expired": "This card request has expired. Go back to the site and start again.",
        "unreachable": "The card relay cannot reach the site. Check your connection and try again.",
        "bad_referer": "This card request did not come from the site this card relay works for, "
        "so it was refused.",
        "wrong_origin": "The card request names another site than the one this card relay works "
        "for, so it was refused.",
        "stale_form": "This PIN page is no longer valid. Go back to the site and start again.",
        "bad_request": "The card relay could not understand this request.",
        "not_found": "There is nothing here.",
    },
    "ja": {
        "title": "マイナンバーカード – カード中継",
        "h1_pin": "暗証番号の入力",
        "h1_message": "マイナンバーカード",
        "simulated": "これはお試し用の模擬カードで、本物のカードではありません。"
        "テスト用の暗証番号：利用者証明用 1234、署名用 ABCD1234。",
        "requested_by": "依頼元",
        "purpose": "目的",
        "purpose_auth": "カードでログイン・登録（利用者証明用電子証明書の暗証番号・数字4桁）",
        "purpose_sign": "カードで書類に署名（署名用電子証明書の暗証番号・6〜16文字）",
        "sign_warning": "署名と一緒に送られる署名用電子証明書により、氏名・住所・生年月日・性別が"
        "依頼元のサイトに伝わります。",
        "tries_left": "残りの試行回数",
        "label_auth": "利用者証明用電子証明書の暗証番号（数字4桁）",
        "label_sign": "署名用電子証明書の暗証番号（英数字6〜16文字）",
        "hint_pin": "暗証番号はこのパソコンからカードにだけ送られ、サイトには送られません。",
        "last_try": "残りの試行回数は1回です。間違えるとロックされ、市区町村の窓口で初期化が"
        "必要になります。",
        "confirm_last_try": "間違えるとロックされることを理解しました",
        "continue": "次へ",
        "cancel": "中止",
        "error_format_auth": "利用者証明用電子証明書の暗証番号（数字4桁）を入力してください。",
        "error_format_sign": "英字（A〜Z）と数字（0〜9）をそれぞれ1文字以上含む6〜16文字で"
        "入力してください。",
        "error_confirm": "最後の1回を使う場合は、確認のチェックを入れてください。",
        "error_title": "入力内容を確認してください",
        "back": "戻る：",
        "busy": "別のカード処理が進行中です。そちらを終えるか中止してから、"
        "もう一度お試しください。",
        "ticket_used": "このカード処理は使用済みです。サイトに戻ってやり直してください。",
        "ticket_unknown": "このカード処理は見つかりません。サイトに戻ってやり直してください。",
        "expired": "このカード処理は有効期限が切れました。サイトに戻ってやり直してください。",
        "unreachable": "カード中継がサイトに接続できません。接続を確認してもう一度お試しください。",
        "bad_referer": "このカード処理は、カード中継が対応するサイトからの依頼ではないため、"
        "お断りしました。",
        "wrong_origin": "このカード処理は、カード中継が対応するサイトとは"
        "別のサイトを示しているため、"
        "お断りしました。",
        "stale_form": "この暗証番号の画面は無効になりました。サイトに戻ってやり直してください。",
        "bad_request": "カード中継はこの依頼を理解できませんでした。",
        "not_found": "ここには何もありません。",
    },
}


def text(lang: str, key: str) -> str:
    """The string ``key`` in ``lang`` (Japanese for any language we do not have)."""
    return STRINGS.get(lang, STRINGS["ja"])[key]
