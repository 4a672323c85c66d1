"""Labels of the NHI enrolment's choices (procedures.md 4.3, the ward's 加入届) and of an
enrolment's states as the resident and the office see them."""

from __future__ import annotations

from app.domain.message_ids import N_
from app.labels import Choices, Label

RELATIONSHIPS = Choices(
    {
        "head": Label("世帯主", N_("Head of household")),
        "spouse": Label("妻・夫", N_("Spouse")),
        "child": Label("子", N_("Child")),
        "parent": Label("父・母", N_("Parent")),
        "other": Label("その他", N_("Other household member")),
    }
)
SEXES = Choices({"female": Label("女", N_("Female")), "male": Label("男", N_("Male"))})
INSURERS = Choices(
    {
        "kyokai": Label("協会けんぽ", N_("Japan Health Insurance Association")),
        "kumiai": Label("健康保険組合", N_("A company health insurance society")),
        "kyosai": Label("共済組合", N_("A mutual aid association")),
        "kokuho_kumiai": Label("国民健康保険組合", N_("A National Health Insurance union")),
        "other": Label("その他", N_("Other")),
    }
)
MYNA_HOKENSHO = Choices(
    {
        "yes": Label("はい", N_("Yes")),
        "no": Label("いいえ", N_("No")),
        "not_sure": Label("わからない", N_("I am not sure")),
    },
    caption=False,
)
STATES = Choices(
    {
        "received": Label("受付", N_("Received")),
        "in_review": Label("処理中", N_("In review")),
        "accepted": Label("受理", N_("Accepted")),
        "needs_correction": Label("要訂正", N_("Needs correction")),
    },
    caption=False,
)
