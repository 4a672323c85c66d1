"""Application identifiers and file ids of the My Number Card (jpki.md sections 1.1-1.2).

Shared by the client (``jpki.py``) and the simulator so both speak of the same files.
"""

from __future__ import annotations

JPKI_AID = bytes.fromhex("D392F000260100000001")
INPUT_SUPPORT_AID = bytes.fromhex("D3921000310001010408")

# JPKI AP
EF_SIGN_CERT = 0x0001
EF_SIGN_CA_CERT = 0x0002
EF_TOKEN_INFO = 0x0006
EF_CERT_PRESENCE = 0x0008
EF_AUTH_CERT = 0x000A
EF_AUTH_CA_CERT = 0x000B
KEY_AUTH = 0x0017
PIN_AUTH = 0x0018
KEY_SIGN = 0x001A
PIN_SIGN = 0x001B

# Card-info input-support AP (券面事項入力補助AP)
EF_INDIVIDUAL_NUMBER = 0x0001  # never read by the client: see jpki.py
EF_BASIC_ATTRIBUTES = 0x0002
PIN_INPUT_SUPPORT = 0x0011
CODE_A = 0x0014  # 照合番号A: the Individual Number itself
CODE_B = 0x0015  # 照合番号B: birth date, expiry year, security code

# Tags of EF 0002 of the input-support AP.
TAG_ATTRIBUTES = 0xFF20
TAG_OFFSETS = 0xDF21
TAG_NAME = 0xDF22
TAG_ADDRESS = 0xDF23
TAG_BIRTH_DATE = 0xDF24
TAG_SEX = 0xDF25

TOKEN_LABEL = "JPKIAPICCTOKEN2"  # noqa: S105 - a token label, not a password
