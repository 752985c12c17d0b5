"""The generic dynamic provider: check, diff, create, read, update and delete from a spec.

Each resource binds a subclass with a ``spec`` class attribute and no instance state, so the
engine pickles it by reference (a module path, no code, no credentials) and code fixes apply
to existing stacks at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

from ..client import FlexApiError, FlexClient, FlexError
from ..client.collection import Collection
from ..specs import ResourceSpec
from ..specs.compare import changed_fields
from ..specs.encoding import outputs_from_record
from ..specs.validation import validate
from . import runtime

PROVIDER_KEY = "__provider"
ADOPT_SID = "adopt_sid"
Props = dict[str, Any]


def split_unknowns(value: Any, path: str = "") -> tuple[Any, set[str]]:
    """Drop values not yet known at preview; return what is known and the unknown paths."""
    if isinstance(value, Unknown):
        return None, {path}
    if isinstance(value, Mapping):
        known: dict[str, Any] = {}
        unknown: set[str] = set()
        for key, item in value.items():
            sub_known, sub_unknown = split_unknowns(item, f"{path}.{key}" if path else key)
            unknown |= sub_unknown
            if sub_known is not None:
                known[key] = sub_known
        return known, unknown
    if isinstance(value, list):
        items = [split_unknowns(item, path) for item in value]
        unknown = set().union(*(u for _, u in items)) if items else set()
        return [k for k, _ in items if k is not None], unknown
    return value, set()


class SpecProvider(ResourceProvider):
    """Implements every provider method against the Flex API, driven by ``spec``."""

    spec: ClassVar[ResourceSpec]
    serialize_as_secret_always = False  # nothing secret is pickled; keeps state readable

    # --- engine hooks -------------------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        runtime.configure(req.config.get)

    def check(self, _olds: Props, news: Props) -> CheckResult:
        known, unknown = split_unknowns(self.declared(news))
        failures = validate(self.spec, known, unknown)
        adopt = news.get(ADOPT_SID)
        if isinstance(adopt, str) and not self.spec.sid_pattern.match(adopt):
            failures.append(
                (
                    ADOPT_SID,
                    f"must be the SID of an existing {self.spec.name}: "
                    f"'{self.spec.sid_prefix}' followed by 32 hex digits (got {adopt!r})",
                )
            )
        return CheckResult(news, [CheckFailure(path, reason) for path, reason in failures])

    def diff(self, id_: str, olds: Props, news: Props) -> DiffResult:
        changed = changed_fields(self.spec, olds, self.declared(news))
        replaces = [name for name in changed if name in self.spec.create_only]
        adopt = news.get(ADOPT_SID)
        if adopt is not None and adopt != id_:
            replaces.append(ADOPT_SID)  # now pointing at another existing object
        return DiffResult(changes=bool(changed or replaces), replaces=replaces, delete_before_replace=False)

    def create(self, props: Props) -> CreateResult:
        declared = self.declared(props)
        adopt = props.get(ADOPT_SID)
        record = self.adopt(adopt, declared) if adopt else self.collection().create(declared)
        return CreateResult(record[self.spec.id_field], self.outputs(record, props))

    def read(self, id_: str, props: Props) -> ReadResult:
        try:
            record = self.collection().fetch(id_)
        except FlexApiError as exc:
            if exc.is_not_found:
                return ReadResult(None, {})  # deleted out of band: refresh drops it
            raise
        return ReadResult(id_, self.outputs(record, props))

    def update(self, id_: str, _olds: Props, news: Props) -> UpdateResult:
        record = self.collection().update(id_, self.declared(news))
        return UpdateResult(self.outputs(record, news))

    def delete(self, id_: str, _props: Props) -> None:
        try:
            self.collection().delete(id_)
        except FlexApiError as exc:
            if not exc.is_not_found:  # already gone is what delete wants
                raise

    # --- building blocks ----------------------------------------------------------------------

    def client(self) -> FlexClient:
        return runtime.client()

    def collection(self) -> Collection:
        return self.client().collection(self.spec)

    def declared(self, props: Mapping[str, Any]) -> Props:
        """The API inputs the program declared (engine bookkeeping and ``adopt_sid`` removed)."""
        return {k: v for k, v in props.items() if k in self.spec.field_map and v is not None}

    def outputs(self, record: Mapping[str, Any], previous: Mapping[str, Any]) -> Props:
        outs = outputs_from_record(self.spec, record, previous)
        if previous.get(ADOPT_SID):
            outs[ADOPT_SID] = previous[ADOPT_SID]
        return outs

    def adopt(self, sid: str, declared: Props) -> dict[str, Any]:
        """Take over an existing object: fetch it and bring it to the declared inputs."""
        collection = self.collection()
        try:
            record = collection.fetch(sid)
        except FlexApiError as exc:
            if exc.is_not_found:
                raise FlexError(
                    f"adopt_sid {sid}: no {self.spec.name} with this SID exists in account "
                    f"{collection.client.account_sid}; fix the SID, or remove adopt_sid to create a new one"
                ) from exc
            raise
        if changed_fields(self.spec, record, declared):
            record = collection.update(sid, declared)
        return record
