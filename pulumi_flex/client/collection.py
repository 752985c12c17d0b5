"""Typed CRUD on one Flex object's endpoints, encoded through its spec.

Values use the spec's snake_case names, exactly like the Pulumi resource inputs; records are
the API's snake_case JSON.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..specs import ResourceSpec
from ..specs.encoding import to_form, to_json

if TYPE_CHECKING:
    from .flex_client import FlexClient, Record


class Collection:
    def __init__(self, client: FlexClient, spec: ResourceSpec) -> None:
        self.client = client
        self.spec = spec

    def _body(self, values: Mapping[str, Any]) -> dict[str, Any]:
        if self.spec.encoding == "json":
            return {"json": {"account_sid": self.client.account_sid, **to_json(self.spec, values)}}
        return {"form": to_form(self.spec, values)}

    def create(self, values: Mapping[str, Any]) -> Record:
        record = self.client.request("POST", self.spec.collection_path, **self._body(values))
        assert record is not None
        return record

    def fetch(self, sid: str) -> Record:
        record = self.client.request("GET", self.spec.instance_path(sid))
        assert record is not None
        return record

    def update(self, sid: str, values: Mapping[str, Any]) -> Record:
        record = self.client.request("POST", self.spec.instance_path(sid), **self._body(values))
        assert record is not None
        return record

    def delete(self, sid: str) -> None:
        self.client.request("DELETE", self.spec.instance_path(sid))

    def list(self, **filters: Any) -> Iterator[Record]:
        """Every record; filters use the wire names, e.g. ``list(FriendlyName="x")``."""
        return self.client.paginate(self.spec.collection_path, self.spec.list_key, filters)
