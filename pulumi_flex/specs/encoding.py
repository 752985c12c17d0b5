"""Request encoding and response decoding, driven by a spec's fields.

Inputs arrive from the engine as JSON-like values (numbers as floats, ``None`` dropped).
Twilio wants PascalCase form fields: booleans as ``true``/``false``, integers without a
fractional part, JSON documents as strings, lists as repeated keys and nested objects as
dotted names (``Integration.FlowSid``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .base import FieldSpec, ResourceSpec

FormItems = list[tuple[str, str]]


def whole_numbers(value: Any) -> Any:
    """The engine turns every number into a float; Twilio wants integers where they are whole."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [whole_numbers(v) for v in value]
    return value


def scalar_text(value: Any) -> str:
    """One form value as Twilio wants it: ``true``/``false``, whole numbers without ``.0``,
    dicts and lists as compact JSON text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(whole_numbers(value), separators=(",", ":"), sort_keys=True)
    return str(value)


def _encode(field: FieldSpec, value: Any, out: FormItems, updating: bool) -> None:
    if value is None:
        return
    if field.nested and isinstance(value, Mapping):
        children = {c.name: c for c in field.children}
        for key, child_value in value.items():
            if key in children:
                _encode(children[key], child_value, out, updating)
        return
    if isinstance(value, list | tuple) and not field.json_text:
        out.extend((field.wire, scalar_text(item)) for item in value)
        if updating and not value:
            out.append((field.wire, ""))  # no repetitions keep a list as it is; one empty value empties it
        return
    out.append((field.wire, scalar_text(value)))


def to_form(
    spec: ResourceSpec,
    values: Mapping[str, Any],
    names: Iterable[str] | None = None,
    *,
    updating: bool = False,
) -> FormItems:
    """Encode the named fields (default: every declared field present in ``values``). On an
    update an empty list is sent as one empty value, which empties it."""
    out: FormItems = []
    wanted = values.keys() if names is None else names
    for name in wanted:
        field = spec.field_map.get(name)
        if field is not None and name in values:
            _encode(field, values[name], out, updating)
    return out


def to_json(
    spec: ResourceSpec, values: Mapping[str, Any], names: Iterable[str] | None = None
) -> dict[str, Any]:
    """The JSON body for JSON-encoded endpoints: snake_case keys, values as declared."""
    wanted = values.keys() if names is None else names
    return {name: whole_numbers(values[name]) for name in wanted if name in spec.field_map and name in values}


def outputs_from_record(
    spec: ResourceSpec, record: Mapping[str, Any], previous: Mapping[str, Any]
) -> dict[str, Any]:
    """State outputs for an API record: every field the API returns, plus write-only values kept
    from ``previous`` (the declared inputs or the prior state), since the API never echoes them."""
    outs: dict[str, Any] = {}
    for field in spec.fields:
        if field.write_only:
            outs[field.name] = previous.get(field.name)
        else:
            outs[field.name] = record.get(field.name)
    for name in spec.computed_names:
        outs[name] = record.get(name)
    if spec.derive is not None:
        outs.update(spec.derive(record))
    return outs
