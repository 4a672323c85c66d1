"""The agent's decisions, apart from HTTP: one job at a time, which page or redirect to answer.

``server.py`` turns an :class:`Outcome` into a response; keeping the rules here lets the unit
tests drive them directly as well as over HTTP.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from dataclasses import dataclass

from card_relay.agent.client import RelayClient, ServerError
from card_relay.agent.pages import PinView
from card_relay.agent.protocol import VERSION, Job, ProtocolError, error_payload
from card_relay.agent.session import CardJob, Phase
from card_relay.agent.sources import CardSource
from card_relay.errors import PinFormatError
from card_relay.pins import encode_pin, wipe

logger = logging.getLogger("card_relay.agent")

# Redeem refusals (relay-protocol.md §2) → the message the agent's page shows.
_REDEEM_MESSAGES = {
    "TICKET_USED": "ticket_used",
    "TICKET_UNKNOWN": "ticket_unknown",
    "JOB_EXPIRED": "expired",
}


# Phases in which a job only waits for the resident, so a new launch may take its place.
_WAITING = (Phase.CONNECTING, Phase.PIN)


@dataclass(frozen=True)
class Outcome:
    """What to answer the browser: a PIN page, a 303 to ``location``, or a message page."""

    status: int
    location: str | None = None
    pin: PinView | None = None
    message: str | None = None
    lang: str | None = None


class Agent:
    """Runs at most one :class:`CardJob`; remembers the last one so a late form post still
    finds its way back to the site."""

    def __init__(
        self,
        client: RelayClient,
        source: CardSource,
        *,
        test_pin: str | None = None,
        card_timeout: float = 60.0,
        pin_timeout: float = 120.0,
    ) -> None:
        self.client = client
        self.source = source
        self.test_pin = test_pin
        self.card_timeout = card_timeout
        self.pin_timeout = pin_timeout
        self._lock = threading.Lock()
        self._busy = False
        self._current: CardJob | None = None
        self._last: CardJob | None = None

    @property
    def origin(self) -> str:
        return self.client.origin

    @property
    def current(self) -> CardJob | None:
        return self._current

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel the running job (the page hears ``USER_CANCELLED``) and free the card."""
        current = self._current
        if current is not None:
            current.cancel()
            current.done.wait(timeout)

    def _release(self, job: CardJob | None) -> None:
        with self._lock:
            self._busy = False
            self._current = None
            if job is not None:
                self._last = job

    def launch(self, ticket: str) -> Outcome:
        """Handle ``GET /card-relay/v1/launch?t=``: redeem, connect, answer the PIN page.

        A job still waiting for the card or the PIN gives way to a new launch: the resident
        left its page (closed the tab, went back, started again), and nobody can answer a page
        they no longer see. The new ticket is redeemed first, so only a launch the site really
        issued (and whose Referer the server check passed) can end the waiting job.
        """
        ticket_hash = hashlib.sha256(ticket.encode()).digest()
        superseded: CardJob | None = None
        with self._lock:
            if self._busy:
                current = self._current
                if (
                    current is not None
                    and current.phase is Phase.PIN
                    and hmac.compare_digest(current.ticket_hash, ticket_hash)
                ):
                    return Outcome(200, pin=self._view(current))  # the same tab reloaded
                if current is None or current.phase not in _WAITING:
                    return Outcome(409, message="busy")  # the card is working: milliseconds
                superseded = current
            else:
                self._busy = True
        try:
            job = self.client.redeem(ticket)
        except ServerError as exc:
            if superseded is None:
                self._release(None)
            logger.info("redeem refused: %s %s", exc.status, exc.code)
            key = (
                "unreachable" if exc.status == 0 else _REDEEM_MESSAGES.get(exc.code, "bad_request")
            )
            return Outcome(502 if exc.status == 0 else exc.status, message=key)
        except ProtocolError as exc:
            if superseded is None:
                self._release(None)
            logger.warning("redeem answer broke the protocol: %s", exc)
            return Outcome(502, message="bad_request")
        if superseded is not None and not self._take_over(superseded):
            self._post_refusal(job, "READER_BUSY")
            return Outcome(409, message="busy", lang=job.lang)
        if job.origin != self.origin:
            return self._refuse_origin(job)
        card_job = CardJob(
            job,
            ticket_hash,
            self.client,
            self.source,
            test_pin=self.test_pin,
            card_timeout=self.card_timeout,
            pin_timeout=self.pin_timeout,
            on_done=self._release,
        )
        with self._lock:
            self._current = card_job
        logger.info("job %s: %s started", job.job_id, job.kind)
        card_job.start()
        card_job.ready.wait()
        return self._after_ready(card_job)

    def _take_over(self, superseded: CardJob, timeout: float = 10.0) -> bool:
        """Cancel the abandoned job, wait until it released the card, and claim the slot.

        False when it did not end in time or another launch claimed the slot first.
        """
        logger.info("job %s: left for a new launch, cancelled", superseded.job.job_id)
        superseded.cancel()
        if not superseded.done.wait(timeout):
            return False
        with self._lock:
            if self._busy:
                return False
            self._busy = True
            return True

    def _post_refusal(self, job: Job, code: str) -> None:
        try:
            self.client.result(job, error_payload(code))
        except (ServerError, ProtocolError) as exc:
            logger.info("job %s: refusal not delivered: %s", job.job_id, exc)

    def status(self) -> dict[str, object]:
        """What the site's reader-setup page shows: version, the site served, busy, the reader.

        Nothing personal: no job, no certificate, no reader serial; ``reader`` is one of
        ``ready``, ``no_card``, ``no_reader``, ``service_stopped`` or ``simulated``.
        """
        return {
            "agent": "myna-card-agent",
            "version": VERSION,
            "protocol": 1,
            "server": self.origin,
            "busy": self._busy,
            "reader": self.source.reader_state(),
        }

    def _refuse_origin(self, job: Job) -> Outcome:
        # The configured server handed out a job for another site: never sign for it. The
        # server still hears about it, so the page stops waiting.
        logger.warning("job %s: origin %r is not %r, refused", job.job_id, job.origin, self.origin)
        self._post_refusal(job, "WRONG_ORIGIN")
        self._release(None)
        return Outcome(403, message="wrong_origin", lang=job.lang)

    def _after_ready(self, card_job: CardJob) -> Outcome:
        if card_job.phase is Phase.PIN:
            return Outcome(200, pin=self._view(card_job))
        card_job.done.wait()
        return Outcome(303, location=card_job.return_url)

    def _view(self, card_job: CardJob, error: str | None = None) -> PinView:
        job = card_job.job
        return PinView(
            lang=job.lang,
            origin=job.origin,
            kind=job.kind,
            title=job.title,
            lines=job.lines,
            tries_left=card_job.tries_left,
            csrf=card_job.csrf,
            simulated=self.source.simulated,
            error=error,
        )

    def submit(self, csrf: str, action: str, pin: str, confirmed: bool) -> Outcome:
        """Handle the PIN form post: CSRF, format and last-try checks, then run the job."""
        card_job = self._current
        if card_job is None or not hmac.compare_digest(card_job.csrf, csrf):
            last = self._last
            if last is not None and hmac.compare_digest(last.csrf, csrf):
                return Outcome(303, location=last.return_url)  # a late or repeated post
            return Outcome(403, message="stale_form")
        if card_job.phase is not Phase.PIN:
            card_job.done.wait()
            return Outcome(303, location=card_job.return_url)
        if action == "cancel":
            card_job.submit(None)
        else:
            error = self._check(card_job, pin, confirmed)
            if error is not None:
                return Outcome(200, pin=self._view(card_job, error))
            card_job.submit(pin)
        card_job.done.wait()
        return Outcome(303, location=card_job.return_url)

    @staticmethod
    def _check(card_job: CardJob, pin: str, confirmed: bool) -> str | None:
        """Refuse a malformed PIN before it costs a try, and the last try unless confirmed."""
        try:
            wipe(encode_pin(card_job.pin_kind, pin))
        except PinFormatError:
            return f"error_format_{card_job.job.kind}"
        if card_job.tries_left == 1 and not confirmed:
            return "error_confirm"
        return None
