"""Everything in an account that a stack can manage, read through the client.

Driven by the spec registry: each kind with a ``discovery`` rule is read in registry
(dependency) order, a child kind under each adopted parent, and filtered or completed by its
spec's hooks (for example, plugins come with their latest version and the active release, not
their whole history).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..client import FlexClient
from ..specs import RESOURCE_SPECS, ResourceSpec
from ..specs.registry import BY_NAME

Record = dict[str, Any]
Progress = Callable[[str, int], None]  # (what was read, how many objects)


@dataclass
class DiscoveryRun:
    """What discovery hooks see (``specs.base.DiscoveryContext``): the client, what was found so
    far, and a cache for reads several hooks share (such as the active release)."""

    client: FlexClient
    found: dict[str, list[Record]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass
class Inventory:
    """The records of everything a stack can manage in one account, by kind, in dependency order."""

    run: DiscoveryRun

    @property
    def records(self) -> dict[str, list[Record]]:
        """The adopted records by kind (a spec's ``name``)."""
        return self.run.found

    @property
    def size(self) -> int:
        """How many objects the program will declare (a singleton counts as one)."""
        return sum(len(records) for records in self.records.values())


def _counted(items: Iterator[Record] | list[Record], what: str, progress: Progress) -> list[Record]:
    result = []
    for item in items:
        result.append(item)
        progress(what, 1)
    return result


def _read(run: DiscoveryRun, spec: ResourceSpec) -> list[Record]:
    """The records of ``spec`` a program adopts: its listing (under each adopted parent), filtered."""
    rule = spec.discovery
    assert rule is not None
    if spec.singleton:
        return [run.client.singleton(spec).fetch()]
    if rule.read is not None:
        return rule.read(run)
    collection = run.client.collection(spec)
    if not spec.parent_refs:
        records = list(collection.list())
        return rule.select(run, records) if rule.select else records
    (param, kind), *_ = spec.parent_refs.items()
    parent_spec = BY_NAME[kind]
    result: list[Record] = []
    for parent in run.found.get(kind, []):
        records = list(collection.list({param: parent[parent_spec.id_field]}))
        result += rule.select(run, records) if rule.select else records
    return result


def read_inventory(client: FlexClient, progress: Progress) -> Inventory:
    """Read everything a stack can manage from the account, reporting each object to ``progress``."""
    run = DiscoveryRun(client)
    for spec in RESOURCE_SPECS:
        rule = spec.discovery
        if rule is None:
            continue
        records = _read(run, spec)
        if rule.complete is not None:
            records = [rule.complete(run, record) for record in records]
        run.found[spec.name] = _counted(records, spec.client_attr.replace("_", " "), progress)
    return Inventory(run)
