"""Canonical comparison of declared inputs against state, so equal values never diff.

The engine hands ``diff`` the old *outputs*; only the inputs the user declares are compared.
Numbers compare by value (``3.0 == 3``), JSON documents by content (key order and whitespace
do not matter), and nested objects only on the sub-fields the user declared.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .base import FieldSpec, ResourceSpec


def canonical(value: Any, *, json_text: bool = False) -> Any:
    """A comparable form of ``value``: whole floats as ints, mappings sorted without None values,
    and, with ``json_text``, JSON text parsed (text that does not parse stays as is)."""
    if json_text and isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {k: canonical(v) for k, v in sorted(value.items()) if v is not None}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def _field_equal(field: FieldSpec, declared: Any, current: Any) -> bool:
    if field.nested and isinstance(declared, Mapping):
        current = current if isinstance(current, Mapping) else {}
        children = {c.name: c for c in field.children}
        return all(
            _field_equal(children[k], v, current.get(k))
            if k in children
            else canonical(v) == canonical(current.get(k))
            for k, v in declared.items()
            if v is not None
        )
    return bool(
        canonical(declared, json_text=field.json_text) == canonical(current, json_text=field.json_text)
    )


def changed_fields(spec: ResourceSpec, current: Mapping[str, Any], declared: Mapping[str, Any]) -> list[str]:
    """Names of the declared inputs whose value differs from ``current`` (state or API record)."""
    return [
        name
        for name, value in declared.items()
        if name in spec.field_map
        and value is not None
        and not _field_equal(spec.field_map[name], value, current.get(name))
    ]
