"""Input validation with the spec's pydantic model, phrased for a Pulumi user.

Every failure names the property (``integration.flow_sid``) and says what would be valid.
Values unknown during preview are never rejected: the caller passes their paths, and any
failure at or below such a path, or that depends on it, is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from pydantic import ValidationError

from .base import ResourceSpec

Failure = tuple[str, str]


def _reason(error: Mapping[str, Any], spec: ResourceSpec) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required: declare it on the resource"
    if kind == "extra_forbidden":
        names = ", ".join(spec.field_map)
        return f"is not an input of {spec.name}; its inputs are: {names}"
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    return f"{message} (got {error.get('input')!r})"


def _covered(path: str, unknown: Set[str]) -> bool:
    return any(path == u or path.startswith(u + ".") or u.startswith(path + ".") for u in unknown)


def validate(spec: ResourceSpec, values: Mapping[str, Any], unknown: Set[str] = frozenset()) -> list[Failure]:
    """Validate known ``values``; ``unknown`` holds the dotted paths of values not yet known."""
    failures: list[Failure] = []
    try:
        spec.inputs.model_validate(dict(values))
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"]) or spec.name
            failures.append((path, _reason(error, spec)))
    # Cross-field rules run even when a field failed, so one preview reports every problem.
    failures += [
        failure for rule in spec.rules for failure in rule(values) if failure[0] not in dict(failures)
    ]
    return [(path, reason) for path, reason in failures if not _covered(path, unknown)]
