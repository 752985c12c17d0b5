"""Finding the object an ambiguous create may have made, so a lost response never leaves a
duplicate or an orphan.

The listing is searched for an object whose API-visible fields equal the declared ones and,
where the object has ``date_created``, that was created since the first attempt (allowing for
the API's whole-second dates). Limits, also in the docs:
- objects without dates (Insights categories, questions, questionnaires) match on their fields
  alone, so an identical object made earlier by someone else would be taken over;
- a WebChannel's create inputs are never returned, so it matches on its flow and creation time
  only: two channels created on one flow in the same second cannot be told apart;
- when several objects match, the newest that no other create of this process has claimed is
  taken: every create claims the SID it ends with, so reconciliation never hands one object to two
  resources of the same run (two *stacks* with identical declarations are out of its reach).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..specs.compare import changed_fields
from ..specs.encoding import outputs_from_record

if TYPE_CHECKING:
    from .collection import Collection
    from .flex_client import Record

CLOCK_SKEW = 5.0  # seconds: whole-second dates and clocks that differ a little


def created_at(record: Mapping[str, Any]) -> float | None:
    """A record's ``date_created`` as epoch seconds, or None when it has none."""
    stamp = record.get("date_created")
    if not isinstance(stamp, str):
        return None
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


class Claims:
    """The SIDs this process's creates have ended with, so no object is handed out twice."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sids: set[str] = set()

    def claim(self, sid: str) -> bool:
        """Claim ``sid``; False when another create already holds it."""
        with self._lock:
            if sid in self._sids:
                return False
            self._sids.add(sid)
            return True

    def held(self, sid: str) -> bool:
        """Whether a create of this process holds ``sid``."""
        with self._lock:
            return sid in self._sids


claims = Claims()  # process-wide: every client and thread of the provider process shares it


def find_created(collection: Collection, values: Mapping[str, Any], since: float) -> Record | None:
    """The unclaimed object a create of ``values`` made at or after ``since`` (epoch seconds), if
    any; the one returned is claimed."""
    spec = collection.spec
    declared = {k: v for k, v in values.items() if k in spec.field_map and k not in spec.update_only}
    records = list(collection.list(values))  # a failure here propagates: the outcome stays unknown
    matches = []
    for record in records:
        created = created_at(record)
        if created is not None and created < since - CLOCK_SKEW:
            continue
        if not changed_fields(spec, outputs_from_record(spec, record, declared), declared):
            matches.append(record)
    # Newest first by date; without dates, the listing's last (listings without dates are oldest first).
    ordered = sorted(enumerate(matches), key=lambda item: (created_at(item[1]) or 0.0, item[0]), reverse=True)
    for _, record in ordered:
        if claims.claim(str(record[spec.id_field])):
            return record
    return None
