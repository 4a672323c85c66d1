"""Labels of the card application's choices (procedures.md 2: the application form's terms)."""

from __future__ import annotations

from app.domain.message_ids import N_
from app.labels import Choices, Label

CERTIFICATES = Choices(
    {
        "both": Label("署名用・利用者証明用の両方を希望", N_("Yes, both certificates")),
        "user_only": Label("利用者証明用のみ希望", N_("Only the user certificate, for signing in")),
        "none": Label("希望しない", N_("No certificates")),
    },
    caption=False,
)
BRAILLE = Choices(
    {"no": Label("希望しない", N_("No")), "yes": Label("希望する", N_("Yes"))}, caption=False
)
#: Where a sent application is, in the user's list. The office only looks (J-LIS decides), so
#: an application sent online stays received; one by post is a form the user posts.
STATES = Choices(
    {
        "received": Label("受付", N_("Received")),
        "to_post": Label("郵送用の申請書を作成済み", N_("Form ready to post")),
    },
    caption=False,
)
ROUTES = Choices(
    {
        "smartphone": Label("スマートフォン", N_("Smartphone")),
        "pc": Label("パソコン", N_("Computer")),
        "mail": Label("郵便", N_("Post")),
    },
    caption=False,
)
#: The photo checker's verdict as the office reads it.
PHOTO_VERDICTS = Choices(
    {
        "pass": Label("合格", N_("Passed")),
        "warn": Label("合格（アドバイスあり）", N_("Passed with advice")),
        "fail": Label("不合格", N_("Refused")),
    },
    caption=False,
)
