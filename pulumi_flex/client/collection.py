"""Typed CRUD on one Flex object's endpoints, encoded through its spec.

Values use the spec's snake_case names, exactly like the Pulumi resource inputs; records are
the API's snake_case JSON. Nested objects (plugin versions) take their parent from ``scope``,
e.g. ``{"plugin_sid": "FP…"}``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..specs import ResourceSpec
from ..specs.encoding import to_form, to_json
from .errors import FlexApiError, FlexError
from .reconcile import claims, find_created
from .retry import FlexAmbiguousError, FlexDeadlineError

if TYPE_CHECKING:
    from .flex_client import FlexClient, Record

Scope = Mapping[str, Any] | None
log = logging.getLogger("pulumi_flex.client")


class Collection:
    """CRUD on the endpoints of one spec's object, through a shared ``FlexClient``."""

    def __init__(self, client: FlexClient, spec: ResourceSpec) -> None:
        self.client = client
        self.spec = spec

    def body(
        self, values: Mapping[str, Any], names: list[str] | None = None, *, updating: bool = False
    ) -> dict[str, Any]:
        """The request body for ``values`` (only ``names``, if given), in the spec's encoding."""
        if self.spec.encoding == "json":
            return {"json": {"account_sid": self.client.account_sid, **to_json(self.spec, values, names)}}
        return {"form": to_form(self.spec, values, names, updating=updating)}

    def create(self, values: Mapping[str, Any]) -> Record:
        """Create once. A create whose outcome is unknown (a 5xx, or a lost response) is not
        blindly repeated: the object it may have made is looked up first, and only if there is
        none is the request sent again, within the client's retry deadline."""
        names = [n for n in values if n not in self.spec.update_only]
        path, body = self.spec.list_path(values), self.body(values, names)
        started = time.time()
        deadline = time.monotonic() + self.client.retry.deadline
        attempts = 0
        while True:
            attempts += 1
            try:
                record = self._call("POST", path, idempotent=False, **body)
            except FlexAmbiguousError as exc:
                try:
                    found = find_created(self, values, since=started)
                except FlexError as lookup:
                    # Neither sending again nor giving up silently is safe: say what may exist.
                    raise FlexAmbiguousError(
                        "POST", path, FlexError(f"{exc.cause}; and looking for what it made failed: {lookup}")
                    ) from lookup
                if found is not None:
                    log.info(
                        "%s: a create answered %s had succeeded; using %s", self.spec.name, exc.cause, path
                    )
                    return found
                pause = min(self.client.retry.max_backoff, self.client.retry.initial_backoff * 2**attempts)
                if time.monotonic() + pause > deadline:
                    raise FlexDeadlineError(
                        f"gave up creating a {self.spec.name} after {attempts} attempts whose outcome was "
                        f"unknown and which made nothing (retry deadline {self.client.retry.deadline:g}s; "
                        f"{self.client.retry.hint}): {exc}"
                    ) from exc
                time.sleep(pause)
                continue
            if claims.claim(str(record[self.spec.id_field])):
                return record
            # Another create of this run reconciled onto this very object while our answer was in
            # flight: the object it made itself is still unclaimed, so take that one instead.
            swapped = find_created(self, values, since=started)
            return swapped if swapped is not None else record

    def fetch(self, sid: str, scope: Scope = None) -> Record:
        """The record ``sid``; objects without fetch by SID are found by listing.
        Raises ``FlexApiError`` (404) when it does not exist."""
        if not self.spec.fetchable:
            return self.find(sid, scope)
        return self._call("GET", self.spec.instance_path(sid, scope))

    def update(self, sid: str, values: Mapping[str, Any], scope: Scope = None) -> Record:
        """Update ``sid`` with ``values`` (parent path inputs from ``scope``, else ``values``);
        safe to retry, since setting the same values twice has one effect."""
        # Setting the same values twice has the same effect, so an update is safe to retry.
        path = self.spec.instance_path(sid, scope or values)
        return self._call("POST", path, idempotent=True, **self.body(values, updating=True))

    def delete(self, sid: str, scope: Scope = None) -> None:
        """Delete ``sid`` (hard delete); a 404 raises ``FlexApiError``."""
        self.client.request("DELETE", self.spec.instance_path(sid, scope), service=self.spec.service)

    def archive(self, sid: str, scope: Scope = None) -> Record:
        """Plugin Service objects are never deleted, only archived (permanently)."""
        # A repeated archive answers 400 "already archived", which callers treat as done.
        return self._call("POST", self.spec.instance_path(sid, scope) + "/Archive", idempotent=True)

    def read_path(self, name: str, **values: str) -> Record | None:
        """GET the object's other endpoint ``name`` (``spec.paths``); None when it answers 404,
        e.g. ``plugin_releases.read_path("active")`` when nothing is released."""
        try:
            return self._call("GET", self.spec.path(name, **values))
        except FlexApiError as exc:
            if exc.is_not_found:
                return None
            raise

    def list(self, scope: Scope = None, **filters: Any) -> Iterator[Record]:
        """Every record; filters use the wire names, e.g. ``list(FriendlyName="x")``."""
        query = {**self.spec.list_params, **filters}
        return self.client.paginate(
            self.spec.list_path(scope),
            self.spec.list_key,
            query,
            page_size=self.spec.page_size,
            service=self.spec.service,
        )

    def find(self, sid: str, scope: Scope = None) -> Record:
        """Fetch by listing, for objects the API cannot fetch by SID; 404 when absent."""
        for record in self.list(scope):
            if record.get(self.spec.id_field) == sid:
                return record
        raise FlexApiError(
            status=404,
            code=20404,
            message=f"no {self.spec.name} {sid} in the listing of {self.spec.list_path(scope)}",
            more_info="https://www.twilio.com/docs/errors/20404",
            method="GET",
            path=self.spec.list_path(scope),
        )

    def _call(self, method: str, path: str, idempotent: bool | None = None, **body: Any) -> Record:
        record = self.client.request(method, path, idempotent=idempotent, service=self.spec.service, **body)
        if record is None:
            raise FlexApiError(
                status=200,
                code=None,
                message="expected a JSON body, got none",
                more_info=None,
                method=method,
                path=path,
            )
        return record


class Singleton:
    """Fetch and update of a per-account singleton (a spec with ``singleton=True``), such as the
    Flex configuration. Each key sent replaces the stored value whole, so updates are safe to retry."""

    def __init__(self, client: FlexClient, spec: ResourceSpec) -> None:
        self.client = client
        self.spec = spec

    def fetch(self, **query: str) -> Record:
        """The account's object; ``query`` uses wire names, e.g. ``fetch(UiVersion="~2.0")``."""
        record = self.client.request(
            "GET", self.spec.collection_path, params=query or None, service=self.spec.service
        )
        if record is None:
            raise FlexError(f"GET {self.spec.collection_path} answered no body")
        return record

    def update(self, values: Mapping[str, Any]) -> Record:
        """Send ``values`` (snake_case keys) in the spec's encoding; each key replaces the stored one."""
        body = Collection(self.client, self.spec).body(values)
        record = self.client.request(
            "POST", self.spec.collection_path, idempotent=True, service=self.spec.service, **body
        )
        if record is None:
            raise FlexError(f"POST {self.spec.collection_path} answered no body")
        return record
