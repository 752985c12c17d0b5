"""What an interrupted ``pulumi up`` left behind, and what to do about each piece.

A create is at risk when the API may have committed it but the stack does not hold it: a
*pending* create (the engine recorded that it started, and was killed before the answer), or a
create that failed ambiguously (an outage outlasted the retry deadline). Either way the program
still declares the resource and the next ``up`` would create it again.

For each resource the stack would create (what ``pulumi preview`` plans) and each pending
create, the account is searched for an object that matches its declared inputs, that no
resource of the stack holds, and that was made since the stack's last finished update:
- one is found and the program declares the resource: **adopt** it into the stack's state;
- one is found but the program no longer declares it: **delete** it (archive, for plugins);
- none is found: **nothing** exists, and the next ``up`` creates it.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import dill  # type: ignore[import-untyped]

from ..client.errors import FlexApiError
from ..client.reconcile import CLOCK_SKEW, created_at
from ..specs.compare import changed_fields
from ..specs.encoding import outputs_from_record
from .stack import UNKNOWN, Json

if TYPE_CHECKING:
    from ..provider.dynamic import SpecProvider

ActionKind = Literal["adopt", "delete", "nothing", "skip"]


@dataclass
class Candidate:
    """A resource whose create may have been committed: its URN and state-shaped declaration."""

    urn: str
    resource: Json
    pending: bool  # the engine recorded the create as in flight
    declared: bool  # the program still declares it


@dataclass
class Action:
    """What recover does about one candidate."""

    kind: ActionKind
    candidate: Candidate
    kind_name: str
    sid: str | None = None
    why: str = ""
    outputs: Json = field(default_factory=dict)

    def describe(self) -> str:
        """One line for the plan shown before anything is done."""
        name = self.candidate.urn.rsplit("::", 1)[-1]
        what = f"{self.kind_name} {name!r}"
        if self.kind == "adopt":
            return f"  adopt   {what}: {self.sid} exists in the account; it goes into the stack's state"
        if self.kind == "delete":
            return f"  delete  {what}: {self.sid} exists but the program no longer declares it"
        if self.kind == "nothing":
            return f"  none    {what}: nothing was made; the next `pulumi up` creates it"
        return f"  skip    {what}: {self.why}"


def provider_of(inputs: Mapping[str, Any]) -> SpecProvider | None:
    """The pickled pulumi-flex provider in a resource's inputs, or None for other providers."""
    from ..provider.dynamic import SpecProvider

    pickled = inputs.get("__provider")
    if not isinstance(pickled, str):
        return None
    try:
        provider = dill.loads(base64.b64decode(pickled))
    except Exception:  # another package's provider, or one that no longer imports
        return None
    return provider if isinstance(provider, SpecProvider) else None


def has_unknown(value: Any) -> bool:
    """Whether a value from a preview holds something not known yet."""
    if value == UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknown(v) for v in value)
    return False


class Planner:
    """Decides an action per candidate; never hands one object to two resources."""

    def __init__(self, held: Iterable[str], since: float | None) -> None:
        self.taken = set(held)  # SIDs the stack's resources hold, then those adopted here
        self.since = since

    def decide(self, candidate: Candidate) -> Action:
        """Search the account for the object ``candidate``'s create may have made."""
        inputs = candidate.resource.get("inputs") or {}
        provider = provider_of(inputs)
        kind = candidate.resource.get("type", "").rsplit(":", 1)[-1]
        if provider is None:
            return Action("skip", candidate, kind, why="not a pulumi-flex resource")
        spec = provider.spec
        if not spec.recoverable:
            return Action("skip", candidate, spec.name, why="its create is safe to repeat")
        if inputs.get("account") is not None or inputs.get("adopt_sid") is not None:
            return Action("skip", candidate, spec.name, why="it has an account or adopt_sid input")
        declared = provider.declared(inputs)
        if has_unknown(declared):
            # It refers to an object the stack does not hold yet, so its create cannot have been
            # sent; once that object is adopted, the next round sees this one's inputs in full.
            return Action("nothing", candidate, spec.name, why="it depends on an object not in the stack")
        known = declared
        match = self.find(provider, known)
        if match is None:
            return Action("nothing", candidate, spec.name)
        sid = str(match[spec.id_field])
        self.taken.add(sid)
        if not candidate.declared:
            return Action("delete", candidate, spec.name, sid=sid)
        result = provider.read(sid, dict(inputs))
        outputs = {**(result.outs or {}), "__provider": inputs["__provider"]}
        return Action("adopt", candidate, spec.name, sid=sid, outputs=outputs)

    def find(self, provider: SpecProvider, known: Mapping[str, Any]) -> dict[str, Any] | None:
        """The oldest unclaimed object matching the known declared inputs, made since the last update."""
        spec = provider.spec
        try:
            records = list(provider.collection().list(known))
        except FlexApiError as exc:
            if exc.is_not_found:  # the parent itself is gone
                return None
            raise
        matches = []
        for record in records:
            if record.get("archived") or str(record.get(spec.id_field)) in self.taken:
                continue
            made = created_at(record)
            if made is not None and self.since is not None and made < self.since - CLOCK_SKEW:
                continue
            if not changed_fields(spec, outputs_from_record(spec, record, known), known):
                matches.append(record)
        matches.sort(key=lambda r: created_at(r) or 0.0)
        return matches[0] if matches else None


def state_entry(action: Action, providers: Mapping[str, str]) -> Json:
    """The checkpoint entry of an adopted resource, with the default provider's real ID."""
    resource = action.candidate.resource
    provider = resource.get("provider", "")
    urn = provider.rsplit("::", 1)[0] if provider else ""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    entry = {
        "urn": action.candidate.urn,
        "custom": True,
        "id": action.sid,
        "type": resource["type"],
        "inputs": resource.get("inputs") or {},
        "outputs": action.outputs,
        "parent": resource.get("parent"),
        "provider": f"{urn}::{providers[urn]}" if urn in providers else provider,
        "dependencies": resource.get("dependencies") or [],
        "propertyDependencies": resource.get("propertyDependencies") or {},
        "created": now,
        "modified": now,
    }
    return {k: v for k, v in entry.items() if v is not None}
