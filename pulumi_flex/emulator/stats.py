"""Request counting for ``GET /_emulator/stats``, keyed by ``"<METHOD> <route template>"``.

Tests and benchmarks use it to prove how many API calls a Pulumi operation made (for example that a
no-change preview issued no writes), so every Twilio API request counts, including rejected ones.
"""

from __future__ import annotations

import threading
from collections import Counter

UNMATCHED = "<unmatched>"


class Stats:
    """Thread-safe request counts per ``"<METHOD> <route template>"``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._peak = 0  # the most requests in flight at once: how much concurrency clients used

    def record(self, method: str, template: str) -> None:
        """Count one request to ``template`` (``UNMATCHED`` when no route matched)."""
        with self._lock:
            self._counts[f"{method} {template}"] += 1

    def concurrent(self, in_flight: int) -> None:
        """Note how many API requests are in flight as one more starts."""
        with self._lock:
            self._peak = max(self._peak, in_flight)

    def snapshot(self) -> dict[str, object]:
        """``{"total": n, "requests": {"GET /v1/Widgets": n, ...}}``, sorted by key."""
        with self._lock:
            return {"total": sum(self._counts.values()), "requests": dict(sorted(self._counts.items()))}

    def peak(self) -> dict[str, int]:
        """``{"max_concurrent": n}``: the most API requests in flight at once since the last reset."""
        with self._lock:
            return {"max_concurrent": self._peak}

    def reset(self) -> None:
        """Forget every count and the peak (``POST /_emulator/reset``)."""
        with self._lock:
            self._counts.clear()
            self._peak = 0
