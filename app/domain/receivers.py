"""Who receives what each procedure sends: a demonstration, a configured office, or nobody.

Every procedure here ends in something only an official body makes real: J-LIS makes the card
application, the online qualification system (through MynaPortal, a clinic's reader or a Seven
Bank ATM) registers a card for insurance use, and the insurer (the city, for National Health
Insurance) enrols and cancels. This installation is none of them, so each procedure's receiver
is stated in configuration and every "sent" text says who received it (docs/truthful-outcomes.md
§4):

- `demo`: this demonstration's own office pages (`make run`); nothing leaves the installation;
- `office`: a real office the deployment names (name and phone required), which receives the
  prepared request and takes it further;
- `none`: no receiver; the journey ends with the prepared materials and the official route.

The insurance registration can never be `office`: no municipal or support body can register a
card, only the national system can. A demonstration never names a real office.

Sources:
- sources/003_32f427e35db20b96.txt:169 (MHLW leaflet, 2020-21):
  「マイナンバーカードを健康保険証として利用するためには、申込が必要です。
  利用の申込は、マイナポータルでできます」 (the registration is made in MynaPortal, so no
  office can make it).
- sources/004_ddb9b7bd2bc2cbb0.txt:81-85 (Chuo City, 2024-12-04): the registration is checked in
  MynaPortal 「公金受取口座と健康保険証の登録状況確認」.
- sources/003_32f427e35db20b96.txt:39 (MHLW leaflet): the card application is completed on J-LIS's
  「申請者専用WEBサイト」.
- docs/truthful-outcomes.md §4: the configuration shape (MYNA_DEMO, MYNA_RECEIVER_*, MYNA_OFFICE_*).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, cast, get_args

Kind = Literal["none", "demo", "office"]
Procedure = Literal[
    "card_application",
    "insurance_registration",
    "nhi_enrolment",
    "insurance_cancellation",
]
PROCEDURES: tuple[Procedure, ...] = get_args(Procedure)
KINDS: tuple[Kind, ...] = get_args(Kind)

# Only the national system registers a card for insurance use (S3:169): never an office.
NEVER_OFFICE: frozenset[Procedure] = frozenset({"insurance_registration"})


class ReceiverError(ValueError):
    """A receiver configuration the app refuses; the message names the variable to set."""


@dataclass(frozen=True)
class Office:
    """A receiving office as the deployment names it (ja and en), with the contacts it gives."""

    name_ja: str
    name_en: str
    phone: str  # shown as a tel: link
    email: str | None = None
    address_ja: str | None = None
    address_en: str | None = None
    hours_ja: str | None = None
    hours_en: str | None = None
    url: str | None = None
    notice_mail_ja: str | None = None
    notice_mail_en: str | None = None  # e.g. 簡易書留 (NHI notices)

    def name(self, language: str) -> str:
        """The office's name in the page's language."""
        return self.name_ja if language == "ja" else self.name_en


@dataclass(frozen=True)
class Receiver:
    """Who receives one procedure: `office` is set exactly when `kind == "office"`."""

    kind: Kind
    office: Office | None = None

    @property
    def sends(self) -> bool:
        """Whether the journey has a Send button at all (not with `none`)."""
        return self.kind != "none"

    @property
    def demo(self) -> bool:
        return self.kind == "demo"


def _setting(config: Mapping[str, Any], procedure: str, name: str) -> str | None:
    """`<PROCEDURE>_OFFICE_<NAME>` if set, else `OFFICE_<NAME>`; empty strings count as unset."""
    for key in (f"{procedure.upper()}_OFFICE_{name}", f"OFFICE_{name}"):
        value = config.get(key)
        if value:
            return str(value)
    return None


def _office(config: Mapping[str, Any], procedure: str) -> Office:
    values = {
        field.name: _setting(config, procedure, field.name.upper()) for field in fields(Office)
    }
    # How the city posts the NHI notices has its own names (MYNA_NHI_NOTICE_MAIL_JA / _EN).
    for language in ("ja", "en"):
        values[f"notice_mail_{language}"] = values[f"notice_mail_{language}"] or (
            str(config[f"NHI_NOTICE_MAIL_{language.upper()}"])
            if config.get(f"NHI_NOTICE_MAIL_{language.upper()}")
            else None
        )
    required = ("name_ja", "name_en", "phone")
    missing = [f"MYNA_OFFICE_{name.upper()}" for name in required if not values[name]]
    if missing:
        raise ReceiverError(
            f"MYNA_RECEIVER_{procedure.upper()}=office needs {', '.join(missing)} "
            f"(or MYNA_{procedure.upper()}_OFFICE_… for this procedure alone)"
        )
    return Office(**values)  # type: ignore[arg-type]


def receiver_for(config: Mapping[str, Any], procedure: Procedure) -> Receiver:
    """The receiver of one procedure, or `ReceiverError` for a configuration refused at start."""
    demo = bool(config.get("DEMO"))
    raw = config.get(f"RECEIVER_{procedure.upper()}") or ("demo" if demo else "none")
    kind = str(raw).strip().lower()
    variable = f"MYNA_RECEIVER_{procedure.upper()}"
    if kind not in KINDS:
        raise ReceiverError(f"{variable} must be one of {', '.join(KINDS)}, not {raw!r}")
    if kind == "office":
        if procedure in NEVER_OFFICE:
            raise ReceiverError(
                f"{variable} cannot be office: only MynaPortal, a clinic's card reader or a "
                "Seven Bank ATM can register a card for health insurance use"
            )
        if demo:
            raise ReceiverError(
                f"{variable}=office with MYNA_DEMO=true: a demonstration never names a real office"
            )
        return Receiver("office", _office(config, procedure))
    return Receiver(cast(Kind, kind))


def receivers(config: Mapping[str, Any]) -> dict[Procedure, Receiver]:
    """Every procedure's receiver; raises `ReceiverError` for the first refused setting."""
    return {procedure: receiver_for(config, procedure) for procedure in PROCEDURES}
