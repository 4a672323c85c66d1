"""APDU traffic logging at a custom TRAFFIC level, with VERIFY data blanked.

All APDU logging goes through :func:`log_command` and :func:`log_response`, so the PIN blanking
rule lives in one place and a PIN can never reach a log handler.
"""

from __future__ import annotations

import logging

from card_relay.apdu import CommandApdu, ResponseApdu

TRAFFIC = 5
logging.addLevelName(TRAFFIC, "TRAFFIC")
logger = logging.getLogger("card_relay.traffic")

# VERIFY and CHANGE REFERENCE DATA carry PINs; RESET RETRY COUNTER carries a PIN and a PUK.
SECRET_INS = frozenset({0x20, 0x24, 0x2C})


def redact(apdu: CommandApdu) -> str:
    """The command as hex, with the data field of PIN-carrying commands replaced by its length."""
    if apdu.ins in SECRET_INS and apdu.data:
        header = bytes((apdu.cla, apdu.ins, apdu.p1, apdu.p2)).hex(" ").upper()
        return f"{header} [{len(apdu.data)} secret bytes blanked]"
    return str(apdu)


def log_command(apdu: CommandApdu, source: str) -> None:
    """Log an outgoing command; ``source`` names the transport (reader name or 'virtual')."""
    if logger.isEnabledFor(TRAFFIC):
        logger.log(TRAFFIC, "%s > %s", source, redact(apdu))


def log_response(response: ResponseApdu, source: str) -> None:
    """Log a response's status and length; response data (certificates, names) is not logged."""
    if logger.isEnabledFor(TRAFFIC):
        logger.log(TRAFFIC, "%s < %s", source, response)
