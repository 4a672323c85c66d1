"""Object identifiers of the JPKI certificate profile (jpki.md section 4)."""

from __future__ import annotations

from cryptography.x509.oid import ObjectIdentifier

_ATTR = "1.2.392.200149.8.5.5"
NAME = ObjectIdentifier(f"{_ATTR}.1")
NAME_SUBSTITUTE = ObjectIdentifier(f"{_ATTR}.2")
SEX = ObjectIdentifier(f"{_ATTR}.3")
BIRTH_DATE = ObjectIdentifier(f"{_ATTR}.4")
ADDRESS = ObjectIdentifier(f"{_ATTR}.5")
ADDRESS_SUBSTITUTE = ObjectIdentifier(f"{_ATTR}.6")

# Certificate policies: from one unattributed source ([U] in jpki.md); informative only.
POLICY_SIGNATURE = ObjectIdentifier("1.2.392.200149.8.5.1.1.20")
POLICY_AUTHENTICATION = ObjectIdentifier("1.2.392.200149.8.5.1.3.30")
