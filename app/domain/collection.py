"""After applying: whether the application still holds after a move, and who may collect the
card. Two questions, asked from "What happens after you apply"; each answer ends on a result.

Sources:
- sources/002_94590aa69886f632.txt:277-279 (J-LIS card site): moving to a different
  municipality before the notice of issuance (交付通知書) arrives means applying again, at the
  new office when registering the address; the footnote on designated cities (「政令指定都市の
  場合は区外」, machine-translated) is read as "another ward counts too", to be confirmed, so the
  page asks people in such cities to check with the ward office.
- sources/002_94590aa69886f632.txt:281-283 (J-LIS card site): you collect the card yourself;
  only sickness, physical disability or another unavoidable reason lets a representative
  collect it.
"""

from __future__ import annotations

from app.domain.flows import Flow, question, result, table

FLOW = Flow(
    questions={
        "moved": table({"no": question("collect"), "yes": result("reapply")}),
        "collect": table(
            {
                "yes": result("collect-yourself"),
                "unavoidable": result("representative"),
                "other": result("must-collect"),
            }
        ),
    },
    results=("reapply", "collect-yourself", "representative", "must-collect"),
)
