"""Labels of the insurance cancellation (procedures.md 3.4): who sends it, the documents,
and a request's statuses as the resident and the office see them."""

from __future__ import annotations

from app.domain.message_ids import N_
from app.labels import Choices, Label

APPLICANTS = Choices(
    {
        "self": Label("被保険者本人", N_("The insured person")),
        "household": Label("同じ世帯の方", N_("Someone in the same household")),
        "agent": Label(
            "代理人（別世帯の方）",
            N_("An agent from another household, with a letter of authority"),
        ),
    },
    caption=False,
)
DOCUMENTS = Choices(
    {
        "identity": Label("本人確認書類", N_("The sender's ID")),
        "insurance_card": Label(
            "有効な被保険者証または資格確認書（写し）",
            N_("A valid insurance card or 資格確認書 (a copy)"),
        ),
        "authority": Label("委任状", N_("Letter of authority")),
    }
)
STATUSES = Choices(
    {
        "received": Label("受付", N_("Received")),
        "in_progress": Label("処理中", N_("Being processed")),
        "completed": Label("解除の手続き済み", N_("Cancellation processed")),
    },
    caption=False,
)
