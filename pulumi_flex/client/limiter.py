"""An adaptive limit on requests in flight, so more concurrency never means a 429 storm.

AIMD, as TCP does it: each success raises the limit by ``1/limit`` (about one more request per
round of answers), each 429 halves it (at most once per ``cooldown``, so a burst of 429s from one
round counts once), between ``floor`` and ``ceiling``. Requests wait for a free slot; the limit
is shared by every thread that uses one client (one Twilio account).
"""

from __future__ import annotations

import threading
import time
from types import TracebackType


class AdaptiveLimit:
    """At most ``limit`` requests in flight; 429s shrink the limit, successes grow it back."""

    def __init__(self, ceiling: int, *, floor: int = 1, cooldown: float = 0.5) -> None:
        self.ceiling = max(floor, ceiling)
        self.floor = floor
        self.cooldown = cooldown
        self._limit = float(self.ceiling)
        self._in_flight = 0
        self._last_decrease = float("-inf")
        self._changed = threading.Condition()

    @property
    def limit(self) -> int:
        """How many requests may be in flight now."""
        with self._changed:
            return int(self._limit)

    def __enter__(self) -> AdaptiveLimit:
        with self._changed:
            while self._in_flight >= int(self._limit):
                self._changed.wait()
            self._in_flight += 1
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._changed:
            self._in_flight -= 1
            self._changed.notify()

    def succeeded(self) -> None:
        """An answer that was not a 429: grow the limit additively."""
        with self._changed:
            before = int(self._limit)
            self._limit = min(float(self.ceiling), self._limit + 1.0 / self._limit)
            if int(self._limit) > before:
                self._changed.notify()

    def throttled(self) -> None:
        """A 429: halve the limit (once per cooldown)."""
        now = time.monotonic()
        with self._changed:
            if now - self._last_decrease < self.cooldown:
                return
            self._last_decrease = now
            self._limit = max(float(self.floor), self._limit / 2)
