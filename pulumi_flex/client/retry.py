"""When and how the client retries, with an overall deadline (tenacity does the looping).

- A 429 was never processed (Twilio guarantees it), so it is always retried, after
  ``Retry-After`` when the response has one, else after exponential backoff with jitter.
- Connection failures happen before the request is sent, so they are always retried.
- 5xx responses and timeouts after sending are retried only for idempotent requests. For a
  create they are *ambiguous* (the object may exist): the caller reconciles instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
from tenacity import RetryCallState, stop_before_delay, wait_exponential_jitter

from .errors import FlexAmbiguousError, FlexApiError, FlexDeadlineError, FlexTransportError

__all__ = ["FlexAmbiguousError", "FlexDeadlineError", "RetryPolicy"]

if TYPE_CHECKING:
    from tenacity.stop import stop_base
    from tenacity.wait import wait_base

RETRYABLE_STATUS = frozenset({500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """``deadline``: seconds one logical request may take, retries included."""

    deadline: float = 120.0
    unreachable_deadline: float = 10.0  # a host that refuses connections fails fast, naming the URL
    initial_backoff: float = 0.2
    max_backoff: float = 8.0
    jitter: float = 0.2
    hint: str = "set flex:retryDeadline to change it"  # how the user changes ``deadline``

    def stop(self) -> stop_base:
        """Tenacity's stop condition: no further attempt once ``deadline`` seconds would be exceeded,
        or ``unreachable_deadline`` seconds while the host refuses every connection."""
        overall = stop_before_delay(self.deadline)
        unreachable = stop_before_delay(min(self.deadline, self.unreachable_deadline))

        def decide(state: RetryCallState) -> bool:
            error = state.outcome.exception() if state.outcome else None
            if isinstance(error, FlexTransportError) and not error.sent:
                return bool(unreachable(state))
            return bool(overall(state))

        return decide  # type: ignore[return-value]

    def wait(self) -> wait_base:
        """Tenacity's wait: a 429's ``Retry-After`` (at most 4 x ``max_backoff``), else exponential
        backoff with jitter, in seconds."""
        backoff = wait_exponential_jitter(
            multiplier=self.initial_backoff, max=self.max_backoff, jitter=self.jitter
        )

        def honour_retry_after(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            if isinstance(error, FlexApiError) and error.retry_after is not None:
                return min(error.retry_after, self.max_backoff * 4)
            return float(backoff(state))

        return honour_retry_after  # type: ignore[return-value]


def sent_but_unanswered(exc: httpx.TransportError) -> bool:
    """True when the request may have reached the server (unlike a refused connection)."""
    return not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)


def should_retry(error: BaseException, idempotent: bool) -> bool:
    """Whether ``error`` is worth another attempt: always for a 429 or an unsent request,
    for 5xx and transport errors only when ``idempotent``."""
    if isinstance(error, FlexApiError):
        return error.status == 429 or (idempotent and error.status in RETRYABLE_STATUS)
    if isinstance(error, FlexTransportError):
        return idempotent or not error.sent
    return False


def deadline_error(state: RetryCallState, policy: RetryPolicy) -> FlexDeadlineError:
    """The error raised when retries run out: attempts, elapsed seconds and the last error."""
    last = state.outcome.exception() if state.outcome else None
    return FlexDeadlineError(
        f"gave up after {state.attempt_number} attempts in {state.seconds_since_start or 0:.1f}s "
        f"(retry deadline {policy.deadline:g}s; {policy.hint}): {last}"
    )
