"""Who the simulated card belongs to: the four attributes, PINs and certificate dates.

Identities come from a small TOML or JSON file (format in docs/card_relay.md) or the built-in
DEFAULT, whose PINs newcomers can type: 1234 (user authentication and input support) and
ABCD1234 (signature).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

SEX_CODES = {"0": "unknown", "1": "male", "2": "female", "9": "not applicable"}

# (first day, era code used in the signature certificate, era start year) newest first.
_ERAS = (
    (date(2019, 5, 1), "5", 2019),  # Reiwa
    (date(1989, 1, 8), "4", 1989),  # Heisei
    (date(1926, 12, 25), "3", 1926),  # Showa
    (date(1912, 7, 30), "2", 1912),  # Taisho
    (date(1868, 1, 25), "1", 1868),  # Meiji
)


class IdentityError(ValueError):
    """An identity file that is missing a field or has a malformed one."""


def era_code(day: date) -> str:
    """The one-digit era code the signature certificate puts before a birth date ([U], jpki.md)."""
    for start, code, _ in _ERAS:
        if day >= start:
            return code
    raise IdentityError(f"{day} is before the Meiji era")


def era_yymmdd(day: date) -> str:
    """Birth date as era year + month + day, as 照合番号B uses it."""
    for start, _, first_year in _ERAS:
        if day >= start:
            return f"{day.year - first_year + 1:02d}{day.month:02d}{day.day:02d}"
    raise IdentityError(f"{day} is before the Meiji era")


@dataclass(frozen=True)
class Identity:
    """A card holder. ``valid_from``/``valid_until`` ``None`` means "relative to issuance"."""

    id: str
    name: str
    address: str
    birth_date: date
    sex: str
    auth_pin: str = "1234"
    signature_pin: str = "ABCD1234"
    input_support_pin: str = "1234"
    # Stored on the simulated card only, so a test can prove the client never reads it.
    individual_number: str = "123456789018"
    security_code: str = "1234"
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    revoked: bool = False

    def __post_init__(self) -> None:
        if not self.id.replace("-", "").replace("_", "").isalnum():
            raise IdentityError("id must be letters, digits, '-' or '_'")
        if self.sex not in SEX_CODES:
            raise IdentityError(f"sex must be one of {sorted(SEX_CODES)}")
        if len(self.individual_number) != 12 or not self.individual_number.isdigit():
            raise IdentityError("individual_number must be 12 digits")
        for pin in (self.auth_pin, self.input_support_pin):
            if len(pin) != 4 or not pin.isdigit():
                raise IdentityError("auth_pin and input_support_pin must be 4 digits")
        sig = self.signature_pin
        if not (6 <= len(sig) <= 16 and sig.isalnum() and sig.isascii() and sig == sig.upper()):
            raise IdentityError("signature_pin must be 6-16 uppercase letters and digits")

    def certificate_fingerprint(self) -> str:
        """A short hash of what the certificates depend on, to key the on-disk cache."""
        relevant = {
            k: str(v)
            for k, v in asdict(self).items()
            if k in {"id", "name", "address", "birth_date", "sex", "valid_from", "valid_until"}
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]

    def verification_code_b(self, card_expiry_year: int) -> str:
        """照合番号B: era birth date YYMMDD + card expiry year + security code (14 digits)."""
        return f"{era_yymmdd(self.birth_date)}{card_expiry_year:04d}{self.security_code}"


DEFAULT = Identity(
    id="default",
    name="番号\u3000花子",
    address="東京都千代田区霞が関２丁目１番２号",
    birth_date=date(1990, 4, 1),
    sex="2",
)


def _as_datetime(value: Any, key: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        return _as_datetime(datetime.fromisoformat(value), key)
    raise IdentityError(f"{key} must be a date or date-time")


def from_mapping(data: dict[str, Any]) -> Identity:
    """Build an identity from parsed TOML/JSON, rejecting unknown keys so typos are caught."""
    known = {f.name for f in fields(Identity)}
    unknown = set(data) - known
    if unknown:
        raise IdentityError(f"unknown identity keys: {sorted(unknown)}")
    values = dict(data)
    birth = values.get("birth_date")
    if isinstance(birth, str):
        values["birth_date"] = date.fromisoformat(birth)
    elif isinstance(birth, datetime):
        values["birth_date"] = birth.date()
    for key in ("valid_from", "valid_until"):
        values[key] = _as_datetime(values.get(key), key)
    try:
        return Identity(**values)
    except TypeError as exc:
        raise IdentityError(str(exc)) from exc


def load_identity(path: Path) -> Identity:
    """Read an identity from a ``.toml`` or ``.json`` file."""
    raw = path.read_bytes()
    data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw.decode())
    if not isinstance(data, dict):
        raise IdentityError(f"{path}: expected a table of keys")
    return from_mapping(data)


def to_toml(identity: Identity) -> str:
    """Serialise an identity as the TOML that :func:`load_identity` reads back."""
    lines = []
    for f in fields(Identity):
        value = getattr(identity, f.name)
        if value is None:
            continue
        if isinstance(value, bool):
            lines.append(f"{f.name} = {'true' if value else 'false'}")
        elif isinstance(value, datetime):
            lines.append(f"{f.name} = {value.isoformat()}")
        elif isinstance(value, date):
            lines.append(f"{f.name} = {value.isoformat()}")
        else:
            lines.append(f"{f.name} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
