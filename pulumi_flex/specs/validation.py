"""Input validation with the spec's pydantic model, phrased for a Pulumi user.

Every failure names the property (``integration.flow_sid``) and says what would be valid.
Values unknown during preview are never rejected: the caller passes their paths, and any
failure at or below such a path, or that depends on it, is dropped.

Types are strict: the engine sends every number as a float, so whole floats count as ints,
but nothing else is coerced. ``"3"`` for a number or ``"yes"`` for a bool would be sent to
Twilio as text and never compare equal to what it returns, so they are errors.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any, get_args

from pydantic import ValidationError

from .base import ResourceSpec, SpecModel
from .encoding import whole_numbers

Failure = tuple[str, str]


def _reason(error: Mapping[str, Any], spec: ResourceSpec) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required: declare it on the resource"
    if kind == "extra_forbidden":
        model, where = _model_at(spec.inputs, error["loc"][:-1]), spec.name
        if len(error["loc"]) > 1:
            where = ".".join(str(part) for part in error["loc"][:-1])
        names = ", ".join(model.model_fields) if model is not None else ""
        return f"is not an input of {where}; its inputs are: {names}"
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    return f"{message} (got {error.get('input')!r})"


def _model_in(annotation: Any) -> type[SpecModel] | None:
    """The SpecModel in an annotation such as ``Model | None`` or ``list[Model]``."""
    if isinstance(annotation, type) and issubclass(annotation, SpecModel):
        return annotation
    return next((m for m in map(_model_in, get_args(annotation)) if m is not None), None)


def _model_at(model: type[SpecModel] | None, loc: tuple[int | str, ...]) -> type[SpecModel] | None:
    """The nested model at a pydantic error location (list indices skipped)."""
    for part in loc:
        if model is None or isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = _model_in(info.annotation) if info is not None else None
    return model


def _names(path: str) -> tuple[str, ...]:
    """A path's names without list indices: unknown list items are reported without their index
    (``plugins.plugin_version``), and indices shift once unknown items are dropped."""
    return tuple(part for part in path.split(".") if not part.isdigit())


def _covered(path: str, unknown: Set[str]) -> bool:
    """Whether ``path`` is at, below or above an unknown path."""
    names = _names(path)
    return any(names[: len(u)] == u[: len(names)] for u in map(_names, unknown))


def validate(spec: ResourceSpec, values: Mapping[str, Any], unknown: Set[str] = frozenset()) -> list[Failure]:
    """Validate known ``values``; ``unknown`` holds the dotted paths of values not yet known."""
    failures: list[Failure] = []
    try:
        spec.inputs.model_validate(whole_numbers(dict(values)), strict=True)
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) or "''" for part in error["loc"]) if error["loc"] else spec.name
            failures.append((path, _reason(error, spec)))
    # Cross-field rules run even when a field failed, so one preview reports every problem.
    failures += [
        failure for rule in spec.rules for failure in rule(values) if failure[0] not in dict(failures)
    ]
    return [(path, reason) for path, reason in failures if not _covered(path, unknown)]
