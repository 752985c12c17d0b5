"""The generic dynamic provider: check, diff, create, read, update and delete from a spec.

Each resource binds a subclass with a ``spec`` class attribute and no instance state, so the
engine pickles it by reference (a module path, no code, no credentials) and code fixes apply
to existing stacks at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

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

from ..client.errors import FlexApiError, FlexError
from ..specs import ResourceSpec
from ..specs.compare import changed_fields
from ..specs.encoding import outputs_from_record
from ..specs.validation import validate
from . import runtime
from .errors import explain

if TYPE_CHECKING:
    from ..client.collection import Collection
    from ..client.flex_client import FlexClient

PROVIDER_KEY = "__provider"
ADOPT_SID = "adopt_sid"
ACCOUNT = "account"
# Inputs that are not API fields but must survive in state (refresh and destroy need them).
KEPT_INPUTS = (ADOPT_SID, ACCOUNT)
ACCOUNT_KEYS = ("account_sid", "auth_token", "api_key", "api_secret", "region", "edge", "base_url")
ACCOUNT_IDENTITY = ("account_sid", "base_url", "region", "edge")  # a change means another account
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


def keep_inputs(outs: Props, previous: Mapping[str, Any]) -> Props:
    """Carry ``adopt_sid`` and ``account`` from the inputs (or prior state) into the outputs."""
    for key in KEPT_INPUTS:
        if previous.get(key):
            outs[key] = previous[key]
    return outs


def unchanged(olds: Props, news: Props) -> Props:
    """State outputs as they are, with the program's ``adopt_sid`` and ``account``."""
    outs = {k: v for k, v in olds.items() if k not in (PROVIDER_KEY, *KEPT_INPUTS)}
    return keep_inputs(outs, news)


def account_failures(account: Any) -> list[tuple[str, str]]:
    """Check a per-resource ``account`` input (values unknown at preview pass)."""
    if account is None or isinstance(account, Unknown):
        return []
    if not isinstance(account, Mapping):
        return [
            (ACCOUNT, "must be a FlexAccount: {'account_sid': 'AC…', 'auth_token': <secret>} or an API key")
        ]
    failures = [
        (f"{ACCOUNT}.{k}", f"is not a FlexAccount key; use {', '.join(ACCOUNT_KEYS)}")
        for k in account
        if k not in ACCOUNT_KEYS
    ]
    sid = account.get("account_sid")
    if sid is None:
        failures.append(
            (f"{ACCOUNT}.account_sid", "is required: the account's SID, 'AC' followed by 32 hex digits")
        )
    elif not isinstance(sid, Unknown) and not (
        isinstance(sid, str) and re.match(r"^AC[0-9a-fA-F]{32}$", sid)
    ):
        failures.append(
            (
                f"{ACCOUNT}.account_sid",
                f"must be an account SID: 'AC' followed by 32 hex digits (got {sid!r})",
            )
        )
    if not any(account.get(k) is not None for k in ("auth_token", "api_key")):
        failures.append(
            (f"{ACCOUNT}.auth_token", "is required, or api_key with api_secret: pass it as a secret")
        )
    if account.get("api_key") is not None and account.get("api_secret") is None:
        failures.append(
            (f"{ACCOUNT}.api_secret", "is required with api_key: pass the key's secret as a secret")
        )
    return failures


def account_changes(olds: Mapping[str, Any], news: Mapping[str, Any]) -> tuple[bool, bool]:
    """(another account, same account with new credentials) between state and the program.

    An absent ``account`` means the stack's: its identity comes from the stack's settings, so
    naming the stack's own account explicitly (or dropping such an input) moves nothing."""
    old, new = olds.get(ACCOUNT) or {}, news.get(ACCOUNT) or {}
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return True, False  # unknown at preview: assume the worst
    stack = runtime.stack_identity()  # what an absent account, or an absent endpoint key, means
    moved = any((old.get(k) or stack.get(k)) != (new.get(k) or stack.get(k)) for k in ACCOUNT_IDENTITY)
    return moved, not moved and any(old.get(k) != new.get(k) for k in ACCOUNT_KEYS)


class SpecProvider(ResourceProvider):
    """Implements every provider method against the Flex API, driven by ``spec``."""

    spec: ClassVar[ResourceSpec]
    serialize_as_secret_always = False  # nothing secret is pickled; keeps state readable

    # --- engine hooks -------------------------------------------------------------------------

    def configure(self, req: ConfigureRequest) -> None:
        """Keep the stack's ``flex:*`` settings (secrets decrypted) for the calls that follow."""
        runtime.configure(req.config.get)

    def check(self, _olds: Props, news: Props) -> CheckResult:
        """Validate the declared inputs, ``account`` and ``adopt_sid``; values unknown at preview pass."""
        # Every input but the engine's own and the common ones, so a misspelled name is reported.
        inputs = {
            k: v for k, v in news.items() if k != PROVIDER_KEY and k not in KEPT_INPUTS and v is not None
        }
        known, unknown = split_unknowns(inputs)
        failures = validate(self.spec, known, unknown)
        failures += account_failures(news.get(ACCOUNT))
        adopt = news.get(ADOPT_SID)
        if (
            adopt is not None
            and not isinstance(adopt, Unknown)
            and not (isinstance(adopt, str) and self.spec.sid_pattern.match(adopt))
        ):
            failures.append(
                (
                    ADOPT_SID,
                    f"must be the SID of an existing {self.spec.name}: "
                    f"'{self.spec.sid_prefix}' followed by 32 hex digits (got {adopt!r})",
                )
            )
        return CheckResult(news, [CheckFailure(path, reason) for path, reason in failures])

    def diff(self, id_: str, olds: Props, news: Props) -> DiffResult:
        """Diff declared inputs against state: create-only fields, another account or another
        ``adopt_sid`` replace; other changes, and rotated credentials, update in place."""
        changed = changed_fields(self.spec, olds, self.declared(news))
        replaces = [name for name in changed if name in self.spec.create_only]
        moved, rotated = account_changes(olds, news)
        if moved:
            replaces.append(ACCOUNT)  # the object lives in another account now
        elif rotated:
            changed.append(ACCOUNT)  # new credentials: keep them in state for refresh and destroy
        adopt = news.get(ADOPT_SID)
        if adopt is not None and adopt != id_:
            replaces.append(ADOPT_SID)  # now pointing at another existing object
        return DiffResult(changes=bool(changed or replaces), replaces=replaces, delete_before_replace=False)

    # --- engine hooks: each call runs with the account of its resource -----------------------

    # A failure is raised afresh ``from None``: the engine shows a few lines, not the chain.

    def create(self, props: Props) -> CreateResult:
        """Create (or adopt) the object in its resource's account: see ``do_create``."""
        try:
            with runtime.account_of(props):
                return self.do_create(props)
        except FlexError as exc:
            raise explain(exc, self.spec, "create") from None

    def read(self, id_: str, props: Props) -> ReadResult:
        """Refresh the object from its resource's account: see ``do_read``."""
        try:
            with runtime.account_of(props):
                return self.do_read(id_, props)
        except FlexError as exc:
            raise explain(exc, self.spec, "read") from None

    def update(self, id_: str, olds: Props, news: Props) -> UpdateResult:
        """Update the object with the account in the new inputs: see ``do_update``."""
        try:
            with runtime.account_of(news):
                return self.do_update(id_, olds, news)
        except FlexError as exc:
            raise explain(exc, self.spec, "update") from None

    def delete(self, id_: str, props: Props) -> None:
        """Delete or archive the object in its resource's account: see ``do_delete``."""
        try:
            with runtime.account_of(props):
                self.do_delete(id_, props)
        except FlexError as exc:
            raise explain(exc, self.spec, "delete") from None

    # --- what each does; special objects override these ---------------------------------------

    def do_create(self, props: Props) -> CreateResult:
        """Create the object from the declared inputs, or adopt the one ``adopt_sid`` names;
        its SID (``spec.id_field``) becomes the resource ID."""
        declared = self.declared(props)
        adopt = props.get(ADOPT_SID)
        try:
            record = self.adopt(adopt, declared, props) if adopt else self.create_record(declared)
        finally:
            self.wrote()
        return CreateResult(record[self.spec.id_field], self.outputs(record, props))

    def do_read(self, id_: str, props: Props) -> ReadResult:
        """Read the object back; deleted or archived out of band reads as gone, so refresh drops it."""
        try:
            record = self.fetch(id_, props)
        except FlexApiError as exc:
            if not exc.is_not_found:
                raise
            record = None
        if record is None or record.get("archived"):
            if self.is_reference(props):
                raise self.missing(id_)
            return ReadResult(None, {})  # deleted or archived out of band: refresh drops it
        return ReadResult(id_, self.outputs(record, props))

    def is_reference(self, props: Props) -> bool:
        """Whether this read is a ``Resource.get()`` reference rather than a refresh: a reference
        has no state yet, so its own ID field is not among the props."""
        return props.get(self.spec.id_field) is None

    def missing(self, id_: str) -> FlexError:
        """The error of a ``.get()`` whose object does not exist."""
        return FlexError(
            f"{self.spec.name}.get: no {self.spec.name} {id_} exists in account "
            f"{self.client().account_sid} (or it is archived); check the SID and the account"
        )

    def do_update(self, id_: str, olds: Props, news: Props) -> UpdateResult:
        """Send the declared updatable inputs (and ``always_send`` fields) and return the new outputs."""
        if not changed_fields(self.spec, olds, self.declared(news)):
            return UpdateResult(unchanged(olds, news))  # only credentials rotated: nothing to send
        try:
            record = self.collection().update(id_, self.update_payload(olds, news), news)
        finally:
            self.wrote()
        return UpdateResult(self.outputs(record, news))

    def do_delete(self, id_: str, props: Props) -> None:
        """Delete or archive per ``spec.delete_mode``; already gone or already archived is success."""
        collection = self.collection()
        try:
            if self.spec.delete_mode == "archive":
                collection.archive(id_, props)
            else:
                collection.delete(id_, props)
        except FlexApiError as exc:
            if exc.is_not_found:
                return  # already gone is what delete wants
            if self.spec.delete_mode == "archive" and exc.status == 400 and self.is_archived(id_, props):
                return  # archived already (Twilio answers 400)
            raise self.delete_error(exc) from exc
        finally:
            self.wrote()

    # --- building blocks ----------------------------------------------------------------------

    def client(self) -> FlexClient:
        """The shared client for the account of the call in progress."""
        return runtime.client()

    def fetch(self, id_: str, props: Props) -> dict[str, Any] | None:
        """The object's record, or None if it is gone. Objects without fetch-by-SID share one
        listing per refresh instead of listing once per object."""
        if self.spec.fetchable:
            return self.collection().fetch(id_, props)
        return runtime.listings.find(self.collection(), id_, props)

    def wrote(self) -> None:
        """Called after every write: a cached listing of this kind is now stale."""
        if not self.spec.fetchable:
            runtime.listings.invalidate(self.spec.name)

    def collection(self) -> Collection:
        """This object kind's endpoints on the call's client."""
        return self.client().collection(self.spec)

    def declared(self, props: Mapping[str, Any]) -> Props:
        """The API inputs the program declared (engine bookkeeping and ``adopt_sid`` removed)."""
        return {k: v for k, v in props.items() if k in self.spec.field_map and v is not None}

    def create_record(self, declared: Props) -> dict[str, Any]:
        """Create the object, then set the ``update_only`` fields the create endpoint does not take."""
        collection = self.collection()
        record = collection.create(declared)
        later = {k: v for k, v in declared.items() if k in self.spec.update_only}
        if later:  # fields the create endpoint does not take
            record = collection.update(record[self.spec.id_field], later, declared)
        return record

    def update_payload(self, olds: Props, news: Props) -> Props:
        """Declared updatable inputs, plus the fields the API requires on every update."""
        payload = {k: v for k, v in self.declared(news).items() if k not in self.spec.create_only}
        for name in self.spec.always_send:
            if name not in payload and olds.get(name) is not None:
                payload[name] = olds[name]
        return payload

    def outputs(self, record: Mapping[str, Any], previous: Mapping[str, Any]) -> Props:
        """State outputs for an API record, with ``adopt_sid`` and ``account`` carried from ``previous``."""
        return keep_inputs(outputs_from_record(self.spec, record, previous), previous)

    def is_archived(self, id_: str, props: Props) -> bool:
        """Whether the object is archived already; False when it cannot be fetched."""
        try:
            return bool(self.collection().fetch(id_, props).get("archived"))
        except FlexApiError:
            return False

    def delete_error(self, exc: FlexApiError) -> Exception:
        """The error to show when delete fails; resources add what the user should do."""
        return exc

    def adopt(self, sid: str, declared: Props, props: Props) -> dict[str, Any]:
        """Take over an existing object: fetch it and bring it to the declared inputs."""
        collection = self.collection()
        try:
            record = collection.fetch(sid, props)
        except FlexApiError as exc:
            if exc.is_not_found:
                raise FlexError(
                    f"adopt_sid {sid}: no {self.spec.name} with this SID exists in account "
                    f"{collection.client.account_sid}; fix the SID, or remove adopt_sid to create a new one"
                ) from exc
            raise
        current = outputs_from_record(self.spec, record, declared)
        changed = changed_fields(self.spec, current, declared)
        immutable = [name for name in changed if name in self.spec.create_only]
        if immutable:
            differences = "; ".join(
                f"{name} is {current.get(name)!r} there, {declared[name]!r} in the program"
                for name in immutable
            )
            raise FlexError(
                f"adopt_sid {sid}: the existing {self.spec.name} differs in what cannot change after "
                f"create ({differences}); declare its current values, or remove adopt_sid to create a new one"
            )
        # Inputs only an update sets and the API never returns (closing a chat) cannot be compared,
        # so declared ones are always sent.
        unreadable = [n for n in declared if n in self.spec.update_only and self.spec.field_map[n].write_only]
        if changed or unreadable:
            record = collection.update(sid, self.update_payload(record, declared), props)
        return record
