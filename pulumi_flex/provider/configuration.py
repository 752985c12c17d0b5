"""The account's Flex configuration: a singleton adopted on create and restored on destroy.

Only the keys the program declares are managed. Before a key is first written, its value is
recorded in ``prior_values`` (JSON text, so a prior ``null`` survives the engine, which drops
``None`` inside objects); destroy, or removing the key from the program, writes it back.
"""

from __future__ import annotations

import json
from typing import Any

from pulumi.dynamic import CheckFailure, CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult

from ..specs.compare import canonical, changed_fields
from ..specs.encoding import outputs_from_record
from .dynamic import ACCOUNT, ADOPT_SID, Props, SpecProvider, account_changes, keep_inputs, unchanged
from .notices import notice

PRIOR = "prior_values"


def _prior(props: Props) -> dict[str, Any]:
    raw = props.get(PRIOR)
    return json.loads(raw) if isinstance(raw, str) and raw else {}


class ConfigurationProvider(SpecProvider):
    """``Configuration``: manages the declared keys of the account's singleton and restores
    their prior values when they are dropped or the resource is destroyed."""

    def check(self, olds: Props, news: Props) -> CheckResult:
        """Validate like any resource; ``adopt_sid`` makes no sense for the always-adopted singleton."""
        result = super().check(olds, news)
        if news.get(ADOPT_SID) is not None:
            result.failures.append(
                CheckFailure(
                    ADOPT_SID, "Configuration is the account's singleton and is always adopted: remove it"
                )
            )
        return result

    def diff(self, id_: str, olds: Props, news: Props) -> DiffResult:
        """Diff declared keys against state; keys dropped from the program also update (to restore them).
        Another account replaces: the old account's prior values are restored first."""
        declared = self.declared(news)
        changed = changed_fields(self.spec, olds, declared)
        released = [key for key in _prior(olds) if key not in declared]  # no longer managed
        moved, rotated = account_changes(olds, news)
        replaces = [ACCOUNT] if moved else []
        return DiffResult(
            changes=bool(changed or released or moved or rotated),
            replaces=replaces,
            delete_before_replace=True,
        )

    def do_create(self, props: Props) -> CreateResult:
        """Adopt the singleton: record the declared keys' current values, then write only what differs.
        The ID is the account SID."""
        declared = self.declared(props)
        current = self.current()
        prior = {key: current.get(key) for key in declared}
        record = self.write(declared) if changed_fields(self.spec, current, declared) else current
        return CreateResult(record["account_sid"], self.config_outputs(record, prior, props))

    def do_read(self, id_: str, props: Props) -> ReadResult:
        """Read the current configuration, keeping ``prior_values`` from state. The ID is the
        account SID: a ``.get()`` naming another account than the credentials' reads as not found."""
        record = self.current()
        if record.get("account_sid") != id_:
            if self.is_reference(props):
                raise self.missing(id_)
            return ReadResult(None, {})
        return ReadResult(id_, self.config_outputs(record, _prior(props), props))

    def do_update(self, id_: str, olds: Props, news: Props) -> UpdateResult:
        """Write the declared keys and restore the prior values of keys no longer declared;
        a newly declared key's value from state is recorded first."""
        declared = self.declared(news)
        prior = _prior(olds)
        restore = {key: prior.pop(key) for key in list(prior) if key not in declared}
        if not restore and not changed_fields(self.spec, olds, declared):
            return UpdateResult(unchanged(olds, news))  # only credentials rotated: nothing to write
        for key in declared:
            prior.setdefault(key, olds.get(key))  # newly managed: remember its value before we write
        record = self.write({**restore, **declared})
        return UpdateResult(self.config_outputs(record, prior, news))

    def do_delete(self, id_: str, props: Props) -> None:
        """Write back the recorded prior values of the keys that still hold this stack's value; a key
        someone changed since is left as it is, and said so. The configuration is never deleted."""
        prior = _prior(props)
        if not prior:
            return
        current = self.current()
        ours = {key: value for key, value in prior.items() if self.still_ours(key, current, props)}
        changed = sorted(set(prior) - set(ours))
        if changed:
            notice(
                f"Configuration: left {', '.join(changed)} as they are: they changed since this "
                "stack last wrote them, so restoring their prior values would undo someone else's change"
            )
        if ours:
            self.write(ours)

    def still_ours(self, key: str, current: dict[str, Any], props: Props) -> bool:
        """Whether ``key`` still holds the value this stack last wrote (the one in state)."""
        field = self.spec.field_map.get(key)
        json_text = field.json_text if field is not None else False
        return bool(
            canonical(current.get(key), json_text=json_text) == canonical(props.get(key), json_text=json_text)
        )

    # --- helpers ------------------------------------------------------------------------------

    def current(self) -> dict[str, Any]:
        """The account's configuration as the API returns it."""
        return self.client().singleton(self.spec).fetch()

    def write(self, values: Props) -> dict[str, Any]:
        """Write ``values`` and return the new configuration; each key is replaced whole, so the
        write is safe to retry."""
        return self.client().singleton(self.spec).update(values)

    def config_outputs(self, record: dict[str, Any], prior: dict[str, Any], props: Props) -> Props:
        """Outputs of a configuration record, ``prior_values`` as JSON text, and the kept inputs."""
        outs = outputs_from_record(self.spec, record, {})
        outs[PRIOR] = json.dumps(prior, sort_keys=True)
        return keep_inputs(outs, props)
