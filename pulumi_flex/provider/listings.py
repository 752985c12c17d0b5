"""One listing per refresh for objects the API cannot fetch by SID (Insights categories and
questions): the first read lists, the reads that follow in the same command use that listing.

A listing is reused for ``TTL`` seconds and dropped as soon as this process writes an object of
that kind, so a read never sees an older listing than this process's own writes. Concurrent
reads of the same kind wait for one listing instead of each making their own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..client.collection import Collection

TTL = 30.0

Key = tuple[int, str, str]


class Listings:
    """Cached listings per client, kind and list path, shared by the provider's threads."""

    def __init__(self, ttl: float = TTL) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._key_locks: dict[Key, threading.Lock] = {}
        self._entries: dict[Key, tuple[float, dict[str, dict[str, Any]]]] = {}

    def find(self, collection: Collection, sid: str, scope: Mapping[str, Any]) -> dict[str, Any] | None:
        """The record ``sid`` from a listing at most ``ttl`` seconds old (made if needed), or None."""
        spec = collection.spec
        key = (id(collection.client), spec.name, spec.list_path(scope))
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:  # one listing at a time per kind; the others wait and reuse it
            with self._lock:
                entry = self._entries.get(key)
            if entry is None or time.monotonic() - entry[0] > self.ttl:
                records = {str(r[spec.id_field]): r for r in collection.list(scope)}
                entry = (time.monotonic(), records)
                with self._lock:
                    self._entries[key] = entry
        return entry[1].get(sid)

    def invalidate(self, kind: str) -> None:
        """Drop every cached listing of ``kind``: this process has just written one."""
        with self._lock:
            for key in [k for k in self._entries if k[1] == kind]:
                del self._entries[key]
