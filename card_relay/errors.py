"""Card errors, each with a stable string code the agent sends on and the page turns into help.

The codes are part of the relay protocol (architecture.md section 6): never rename one.
"""

from __future__ import annotations


class CardError(Exception):
    """Base of every card_relay failure; ``code`` is stable, the message is for logs."""

    code = "INTERNAL"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)


class NoReader(CardError):
    """No PC/SC reader is connected, or the one in use was unplugged."""

    code = "NO_READER"


class NoCard(CardError):
    """A reader exists but no card was presented before the timeout."""

    code = "NO_CARD"


class CardRemoved(CardError):
    """The card left the reader (or was reset by someone else) during an operation."""

    code = "CARD_REMOVED"


class ServiceUnavailable(CardError):
    """The PC/SC service (pcscd) is not running or stopped during an operation."""

    code = "SERVICE_STOPPED"


class ReaderBusy(CardError):
    """Another program holds the card; we need exclusive access."""

    code = "READER_BUSY"


class Timeout(CardError):
    """Waiting for a reader or card took longer than allowed."""

    code = "TIMEOUT"


class Cancelled(CardError):
    """The caller cancelled the wait (its ``threading.Event`` was set)."""

    code = "USER_CANCELLED"


class WrongCard(CardError):
    """The card has no JPKI application, so it is not a My Number Card."""

    code = "WRONG_CARD"


class PinFormatError(CardError):
    """The PIN breaks its format rules; it was never sent to the card."""

    code = "PIN_FORMAT"


class PinWrong(CardError):
    """The card refused the PIN; ``tries_left`` more attempts remain before it locks."""

    code = "PIN_WRONG"

    def __init__(self, tries_left: int, message: str = "") -> None:
        super().__init__(message or f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left


class PinBlocked(CardError):
    """The PIN is locked; only a reset at the municipal office (or a kiosk) helps."""

    code = "PIN_BLOCKED"


class PinRequired(CardError):
    """The card refused an operation because its PIN has not been verified (SW 6982)."""

    code = "PIN_REQUIRED"


class CardCommandError(CardError):
    """The card answered a status word the client did not expect."""

    code = "CARD_ERROR"

    def __init__(self, sw: int, message: str = "") -> None:
        super().__init__(message or f"card answered {sw:04X}")
        self.sw = sw


# The error codes a reader side (agent or phone) may post as a job's result, and the only
# ones the server accepts (docs/relay-protocol.md §4). Card errors outside this set
# (PIN_REQUIRED, CARD_ERROR, PIN_FORMAT) are reported as INTERNAL.
RESULT_CODES = frozenset(
    {
        "USER_CANCELLED",
        "PIN_WRONG",
        "PIN_BLOCKED",
        "NO_READER",
        "NO_CARD",
        "WRONG_CARD",
        "CARD_REMOVED",
        "TIMEOUT",
        "SERVICE_STOPPED",
        "READER_BUSY",
        "WRONG_ORIGIN",
        "INTERNAL",
    }
)
