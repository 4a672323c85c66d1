"""One card job on its own worker thread: connect, show tries left, wait for the PIN, sign, post.

A thread per job, because the card connection must stay open (and exclusive) between the launch
request that shows the PIN page and the form post that brings the PIN, and because pcsc-lite
handles are safest used from the thread that opened them. The HTTP handlers only hand the PIN
over and wait for the outcome.
"""

from __future__ import annotations

import enum
import logging
import queue
import secrets
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from card_relay.agent.client import RelayClient, ServerError
from card_relay.agent.protocol import (
    Job,
    ProtocolError,
    error_payload,
    origin_of,
    payload_for,
    success_payload,
)
from card_relay.agent.sources import CardSource
from card_relay.errors import Cancelled, CardError, PinBlocked, Timeout
from card_relay.jpki import CertKind, JpkiCard, KeyKind
from card_relay.pins import PinKind
from card_relay.transport import CardTransport

logger = logging.getLogger("card_relay.agent")


class Phase(enum.Enum):
    CONNECTING = "connecting"
    PIN = "pin"
    WORKING = "working"
    DONE = "done"


_CANCEL = object()


class CardJob:
    """The life of one job. ``ready`` is set once the PIN page can be shown or the job is over;
    ``done`` once the result went to the server and ``return_url`` is known."""

    def __init__(
        self,
        job: Job,
        ticket_hash: bytes,
        client: RelayClient,
        source: CardSource,
        *,
        test_pin: str | None = None,
        card_timeout: float = 60.0,
        pin_timeout: float = 120.0,
        on_done: Callable[[CardJob], None] | None = None,
    ) -> None:
        self.job = job
        self.ticket_hash = ticket_hash
        self.csrf = secrets.token_urlsafe(32)
        self.pin_kind = PinKind.AUTH if job.kind == "auth" else PinKind.SIGN
        self.phase = Phase.CONNECTING
        self.tries_left: int | None = None
        self.outcome = ""  # "verified", "failed" or an error code, for the agent's own log
        self.return_url: str | None = None
        self.ready = threading.Event()
        self.done = threading.Event()
        self._client = client
        self._source = source
        self._test_pin = test_pin
        self._card_timeout = card_timeout
        self._pin_timeout = pin_timeout
        self._on_done = on_done
        self._cancel = threading.Event()
        self._pins: queue.Queue[object] = queue.Queue(maxsize=1)
        self._lock = threading.Lock()
        self._reported = ""
        self._thread = threading.Thread(
            target=self._run, name=f"card-job-{job.job_id}", daemon=True
        )

    def start(self) -> CardJob:
        self._thread.start()
        return self

    def submit(self, pin: str | None) -> bool:
        """Hand over the PIN (``None`` cancels). False if the job no longer waits for one."""
        with self._lock:
            if self.phase is not Phase.PIN or self._pins.full():
                return False
            self._pins.put(_CANCEL if pin is None else pin)
            return True

    def cancel(self) -> None:
        """Stop waiting for the card or the PIN; the job ends as ``USER_CANCELLED``."""
        self._cancel.set()
        self.submit(None)

    def _progress(self, state: str) -> None:
        if state != self._reported:
            self._reported = state
            self._client.progress(self.job, state)

    def _run(self) -> None:
        transport: CardTransport | None = None
        payload: dict[str, Any]
        try:
            transport = self._source.connect(
                max(0.0, min(self._card_timeout, self.job.seconds_left())),
                self._cancel,
                self._progress,
            )
            payload = self._operate(JpkiCard(transport))
        except CardError as exc:
            logger.info("job %s: %s (%s)", self.job.job_id, exc.code, type(exc).__name__)
            payload = payload_for(exc)
        except Exception:  # every failure must still reach the page as a code
            logger.exception("job %s: unexpected failure", self.job.job_id)
            payload = error_payload("INTERNAL")
        finally:
            if transport is not None:
                _close(transport)
        self._finish(payload)

    def _operate(self, card: JpkiCard) -> dict[str, Any]:
        card.select_jpki()
        certificate = card.read_certificate(CertKind.AUTH) if self.job.kind == "auth" else b""
        status = card.pin_status(self.pin_kind)
        if status.blocked:
            raise PinBlocked(f"the {self.pin_kind.spec.label} is blocked")
        self.tries_left = status.tries_left
        pin = self._test_pin if self._test_pin is not None else self._ask_pin()
        self._progress(Phase.WORKING.value)
        try:
            card.verify_pin(self.pin_kind, pin)  # encodes into a buffer it wipes
        finally:
            del pin
        if self.job.kind == "auth":
            assert self.job.challenge is not None  # noqa: S101 - Job.from_json guarantees it
            signature = card.authenticate(self.job.origin, self.job.challenge)
        else:
            assert self.job.digest is not None  # noqa: S101 - Job.from_json guarantees it
            certificate = card.read_certificate(CertKind.SIGN)
            signature = card.sign(KeyKind.SIGN, self.job.digest)
        return success_payload(certificate, signature)

    def _ask_pin(self) -> str:
        with self._lock:
            self.phase = Phase.PIN
        self._progress(Phase.PIN.value)
        self.ready.set()
        wait = max(0.0, min(self._pin_timeout, self.job.seconds_left()))
        try:
            pin = self._pins.get(timeout=wait)
        except queue.Empty:
            raise Timeout("nobody entered the PIN in time") from None
        finally:
            with self._lock:
                self.phase = Phase.WORKING
        if pin is _CANCEL or not isinstance(pin, str):
            raise Cancelled("the user cancelled on the PIN page")
        return pin

    def _finish(self, payload: dict[str, Any]) -> None:
        fallback = f"{self._client.origin}/relay/return?j={quote(self.job.job_id, safe='')}"
        try:
            answer = self._client.result(self.job, payload)
            self.outcome = answer.status if "error" not in payload else payload["error"]["code"]
            url = answer.return_url or fallback
            if origin_of(url) != self._client.origin:
                logger.warning("job %s: return_url on another origin, ignored", self.job.job_id)
                url = fallback
        except (ServerError, ProtocolError, ValueError) as exc:
            logger.warning("job %s: result not accepted: %s", self.job.job_id, exc)
            self.outcome = "result-not-delivered"
            url = fallback
        logger.info("job %s finished: %s", self.job.job_id, self.outcome)
        with self._lock:
            self.return_url = url
            self.phase = Phase.DONE
        # The agent frees its slot before anyone waiting on `done` wakes: a new launch that
        # took over this job (core.Agent._take_over) then finds the slot free.
        if self._on_done is not None:
            self._on_done(self)
        self.done.set()
        self.ready.set()


def _close(transport: CardTransport) -> None:
    """Close (and so reset) the card; a card already gone needs no reset."""
    try:
        transport.close()
    except CardError as exc:
        logger.info("closing the card connection: %s", exc.code)
