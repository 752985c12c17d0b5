"""Hypothesis strategies derived from the spec models, so a new spec needs no new strategy code.

``shape_of(spec)`` reads a spec's pydantic model (field annotations, ``Annotated`` constraints,
nested models, lists, Literals and the validators of ``pulumi_flex.specs.base``) into a
``Shape`` tree. From that tree come:

- ``valid_inputs``: inputs the spec must accept, cross-field rules included;
- ``corruption_cases`` / ``corrupt``: one field made invalid, with the dotted path that must be
  reported (``integration.retry_count``, ``plugins.0.plugin_version``, ``question_sids.1``);
- ``json_values`` / ``noisy_inputs``: arbitrary JSON-like inputs with ``Unknown`` anywhere;
- ``value_paths`` / ``with_unknowns``: every place of a value that preview may leave unknown.

A validator or constraint this module does not understand raises ``TypeError`` at collection,
so a spec that needs more than the shared building blocks fails loudly instead of going
untested.
"""

from __future__ import annotations

import inspect
import json
import math
import re
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from hypothesis import strategies as st
from pulumi.output import Unknown
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.functional_validators import AfterValidator, BeforeValidator, PlainValidator, WrapValidator

from pulumi_flex.specs import ResourceSpec, base

Strategy = st.SearchStrategy[Any]
Step = str | int
Path = tuple[Step, ...]

# A corruption that removes the field instead of giving it a value.
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

HEX = "0123456789abcdef"
NameKind = Literal["str", "int", "float", "bool", "literal", "model", "list", "dict", "json", "any"]


# --- shapes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What a value must look like: its kind and constraints."""

    kind: NameKind
    choices: tuple[Any, ...] = ()
    min_len: int | None = None
    max_len: int | None = None
    ge: float | None = None
    le: float | None = None
    sid_prefix: str | None = None
    url: bool = False
    fields: tuple[Field, ...] = ()  # a model's fields
    item: Shape | None = None  # a list's items
    model: str = ""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Field:
    name: str
    shape: Shape
    required: bool


_SID_PATTERN = re.compile(r"^\^(?P<prefix>[A-Z]{2})\[0-9a-fA-F\]\{32\}\$$")


def _validator_shape(shape: Shape, func: Callable[..., Any]) -> Shape:
    """The shape a known validator of ``pulumi_flex.specs.base`` stands for."""
    if func is base._json_text:
        return replace(shape, kind="json")
    if func is base.http_url:
        return replace(shape, url=True)
    pattern = inspect.getclosurevars(func).nonlocals.get("pattern")
    if isinstance(pattern, re.Pattern) and (match := _SID_PATTERN.match(pattern.pattern)):
        return replace(shape, sid_prefix=match["prefix"])
    raise TypeError(f"no strategy for the validator {func.__qualname__}: teach tests/unit/strategies.py")


def _constrain(shape: Shape, metadata: list[Any]) -> Shape:
    for meta in metadata:
        if isinstance(meta, FieldInfo):
            shape = _constrain(shape, list(meta.metadata))
        elif isinstance(meta, annotated_types.MinLen):
            shape = replace(shape, min_len=meta.min_length)
        elif isinstance(meta, annotated_types.MaxLen):
            shape = replace(shape, max_len=meta.max_length)
        elif isinstance(meta, annotated_types.Ge):
            shape = replace(shape, ge=float(meta.ge))  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Le):
            shape = replace(shape, le=float(meta.le))  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Gt):
            shape = replace(shape, ge=float(meta.gt) + 1)  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Lt):
            shape = replace(shape, le=float(meta.lt) - 1)  # type: ignore[arg-type]
        elif isinstance(meta, AfterValidator | PlainValidator | BeforeValidator | WrapValidator):
            shape = _validator_shape(shape, meta.func)
        elif type(meta).__module__ != base.__name__:  # Wire, CreateOnly… are not constraints
            raise TypeError(f"no strategy for the constraint {meta!r}: teach tests/unit/strategies.py")
    return shape


def _shape(annotation: Any, metadata: list[Any]) -> Shape:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        return _shape(inner, [*more, *metadata])
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _shape(members[0], metadata)
        shape = _constrain(Shape("any"), metadata)
        if shape.kind != "json":
            raise TypeError(f"no strategy for the union {annotation}: teach tests/unit/strategies.py")
        return shape
    if origin is Literal:
        return _constrain(Shape("literal", choices=get_args(annotation)), metadata)
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        return _constrain(Shape("list", item=_shape(item, [])), metadata)
    if origin is dict:
        key, value = get_args(annotation) or (str, Any)
        if key is not str or value is not Any:
            raise TypeError(f"no strategy for {annotation}: teach tests/unit/strategies.py")
        return _constrain(Shape("dict"), metadata)
    if annotation is Any:
        return _constrain(Shape("any"), metadata)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _constrain(model_shape(annotation), metadata)
    simple: dict[Any, NameKind] = {str: "str", int: "int", float: "float", bool: "bool"}
    if annotation in simple:
        return _constrain(Shape(simple[annotation]), metadata)
    raise TypeError(f"no strategy for {annotation}: teach tests/unit/strategies.py")


def model_shape(model: type[BaseModel]) -> Shape:
    fields = tuple(
        Field(name, _shape(info.annotation, list(info.metadata)), info.is_required())
        for name, info in model.model_fields.items()
    )
    return Shape("model", fields=fields, model=model.__name__)


def shape_of(spec: ResourceSpec) -> Shape:
    return model_shape(spec.inputs)


def shape_at(shape: Shape, path: Path) -> Shape | None:
    """The shape at a path of field names and list indices (None: not a place in the spec)."""
    for step in path:
        if shape.kind == "model" and isinstance(step, str) and (f := shape.field(step)):
            shape = f.shape
        elif shape.kind == "list" and isinstance(step, int) and shape.item is not None:
            shape = shape.item
        else:
            return None
    return shape


def parse_path(dotted: str) -> Path:
    return tuple(int(part) if _is_index(part) else part for part in dotted.split("."))


def _is_index(part: str) -> bool:
    return part.isascii() and part.isdigit() and str(int(part)) == part


def dotted(path: Path) -> str:
    return ".".join(str(step) for step in path)


def field_names(shape: Shape) -> set[str]:
    """Every field name of a model shape, nested ones included."""
    names: set[str] = set()
    for f in shape.fields:
        names.add(f.name)
        names |= field_names(f.shape)
    if shape.item is not None:
        names |= field_names(shape.item)
    return names


# --- JSON-like values -------------------------------------------------------------------------

json_keys = st.text(max_size=8)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values: Strategy = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(json_keys, children, max_size=3)
    ),
    max_leaves=8,
)


def unknown() -> Any:
    """A value the engine does not know yet at preview."""
    return Unknown()  # type: ignore[no-untyped-call]


unknowns = st.builds(unknown)


def noisy_values(keys: Strategy) -> Strategy:
    """Anything the engine could send: every JSON type, nan and infinities, unicode, Unknown."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),  # nan and ±inf included
        st.text(),
        unknowns,
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
        ),
        max_leaves=12,
    )


@cache
def noisy_inputs(shape: Shape, more_keys: tuple[str, ...] = ()) -> Strategy:
    """Arbitrary input dicts whose keys are often real field names (at any depth) or ``more_keys``."""
    keys = st.one_of(st.sampled_from(sorted(field_names(shape) | set(more_keys))), st.text(max_size=10))
    return st.dictionaries(keys, noisy_values(keys), max_size=8)


def engine_numbers(value: Any) -> Any:
    """What the engine sends: every number as a float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dict):
        return {k: engine_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [engine_numbers(v) for v in value]
    return value


# --- valid values -----------------------------------------------------------------------------


def sids(prefix: str) -> Strategy:
    return st.text(HEX, min_size=32, max_size=32).map(lambda digits: prefix + digits)


urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}",
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z0-9]([a-z0-9.-]{0,15}[a-z0-9])?", fullmatch=True),
    st.sampled_from(["", ":8080", ":443"]),
    st.from_regex(r"(/[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,10}){0,3}(\?[a-z=&0-9]{0,10})?", fullmatch=True),
)

json_documents = st.one_of(
    st.dictionaries(json_keys, json_values, max_size=3),
    st.lists(json_values, max_size=3),
    st.one_of(st.dictionaries(json_keys, json_values, max_size=3), st.lists(json_values, max_size=3)).map(
        json.dumps
    ),
)


def _bound(value: float | None, default: int) -> int:
    return default if value is None else int(value)


@cache
def valid_values(shape: Shape) -> Strategy:
    """Values ``shape`` accepts (a model's cross-field rules are the caller's business)."""
    if shape.sid_prefix is not None:
        return sids(shape.sid_prefix)
    if shape.url:
        return urls
    match shape.kind:
        case "str":
            max_len = min(shape.max_len if shape.max_len is not None else 20, 20)
            return st.text(min_size=shape.min_len or 0, max_size=max(max_len, shape.min_len or 0))
        case "int":
            ints = st.integers(_bound(shape.ge, -(10**9)), _bound(shape.le, 10**9))
            return st.one_of(ints, ints.map(float))  # the engine sends every number as a float
        case "float":
            return st.floats(shape.ge, shape.le, allow_nan=False, allow_infinity=False)
        case "bool":
            return st.booleans()
        case "literal":
            return st.sampled_from(shape.choices)
        case "model":
            required = {f.name: valid_values(f.shape) for f in shape.fields if f.required}
            optional = {f.name: valid_values(f.shape) for f in shape.fields if not f.required}
            return st.fixed_dictionaries(required, optional=optional)
        case "list":
            assert shape.item is not None
            return st.lists(valid_values(shape.item), min_size=shape.min_len or 0, max_size=3)
        case "dict":
            return st.dictionaries(json_keys, json_values, max_size=3)
        case "json":
            return json_documents
        case "any":
            return json_values
    raise AssertionError(shape.kind)


def minimal_value(shape: Shape) -> Any:
    """The simplest value ``shape`` accepts (a model: its required fields only)."""
    if shape.sid_prefix is not None:
        return shape.sid_prefix + "0" * 32
    if shape.url:
        return "https://example.com"
    simplest: dict[str, Any] = {
        "str": "x" * (shape.min_len or 0),
        "int": int(shape.ge or 0),
        "float": shape.ge or 0.0,
        "bool": False,
        "list": [],
        "dict": {},
        "json": {},
        "any": None,
    }
    if shape.kind == "literal":
        return shape.choices[0]
    if shape.kind == "model":
        return {f.name: minimal_value(f.shape) for f in shape.fields if f.required}
    return simplest[shape.kind]


def minimal_inputs(spec: ResourceSpec, shape: Shape) -> dict[str, Any]:
    values: dict[str, Any] = minimal_value(shape)
    values.update(shaped_documents(spec))
    for path in [parse_path(p) for rule in spec.rules for p, _reason in rule(values)]:
        sub = shape_at(shape, path)
        assert sub is not None, path
        values = set_path(values, path, minimal_value(sub))
    return values


def get_path(value: Any, path: Path) -> Any:
    for step in path:
        if isinstance(value, dict) and isinstance(step, str):
            if step not in value:
                return MISSING
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int):
            if step >= len(value):
                return MISSING
            value = value[step]
        else:
            return MISSING
    return value


def set_path(value: dict[str, Any], path: Path, new: Any) -> dict[str, Any]:
    """A copy of ``value`` with ``new`` at ``path`` (MISSING: removed); creates parent objects."""

    def put(node: Any, steps: Path) -> Any:
        step, rest = steps[0], steps[1:]
        if isinstance(step, int):
            items = list(node)
            if step == len(items):
                items.append(None)
            items[step] = put(items[step], rest) if rest else new
            return items
        copy = dict(node) if isinstance(node, dict) else {}
        if rest:
            copy[step] = put(copy.get(step), rest)
        elif new is MISSING:
            copy.pop(step, None)
        else:
            copy[step] = new
        return copy

    result: dict[str, Any] = put(value, path)
    return result


def shaped_documents(spec: ResourceSpec) -> dict[str, Any]:
    """JSON documents whose shape a rule checks (a routing document, a flow definition): random JSON
    would fail the rule, so valid inputs take the example the spec gives (``Field(examples=...)``)."""
    return {
        name: info.examples[0]
        for name, info in spec.inputs.model_fields.items()
        if info.examples and spec.field_map[name].json_text
    }


@st.composite
def valid_inputs(draw: st.DrawFn, spec: ResourceSpec, shape: Shape) -> dict[str, Any]:
    """Inputs the spec accepts. Cross-field rules are met by giving a value to each absent field a
    rule asks for (FlexFlow's ``integration.flow_sid`` when ``integration_type`` is studio...);
    a rule that rejects a value that is present is left to fail the test."""
    values: dict[str, Any] = draw(valid_values(shape))
    for name, document in shaped_documents(spec).items():
        if name in values:
            values[name] = draw(st.sampled_from([document, json.dumps(document)]))
    for _ in range(5):
        asked = [parse_path(p) for rule in spec.rules for p, _reason in rule(values)]
        absent = [p for p in asked if get_path(values, p) is MISSING and shape_at(shape, p) is not None]
        if not absent:
            break
        for path in absent:
            sub = shape_at(shape, path)
            assert sub is not None
            values = set_path(values, path, draw(valid_values(sub)))
    return values


# --- corruptions ------------------------------------------------------------------------------

_texts = st.one_of(
    st.text(max_size=8), st.integers().map(str), st.sampled_from(["true", "false", "yes", "1", "null"])
)
_WRONG: dict[str, Strategy] = {
    "str": _texts,
    "bool": st.booleans(),
    "int": st.integers(min_value=-(10**6), max_value=10**6),
    "float": st.builds(float.__add__, st.integers(-(10**6), 10**6).map(float), st.floats(0.01, 0.99)),
    "list": st.lists(json_values, max_size=2),
    "dict": st.dictionaries(json_keys, json_values, max_size=2),
}
# The JSON types each kind accepts.
_ACCEPTS: dict[str, set[str]] = {
    "str": {"str"},
    "int": {"int"},
    "float": {"int", "float"},
    "bool": {"bool"},
    "model": {"dict"},
    "list": {"list"},
    "dict": {"dict"},
    "json": {"dict", "list", "str"},
    "any": set(_WRONG),
}


def _accepts(shape: Shape) -> set[str]:
    if shape.kind == "literal":
        return {{bool: "bool", int: "int", str: "str"}[type(c)] for c in shape.choices}
    return _ACCEPTS[shape.kind]


@cache
def _bad_values(shape: Shape) -> dict[str, Strategy]:
    """Labelled strategies of values ``shape`` must reject."""
    bad: dict[str, Strategy] = {}
    wrong = [_WRONG[name] for name in sorted(set(_WRONG) - _accepts(shape))]
    if wrong:
        bad["wrong type"] = st.one_of(*wrong)
    if shape.min_len:
        if shape.kind == "str":
            bad["too short"] = st.text(max_size=shape.min_len - 1)
        elif shape.kind == "list":
            bad["too short"] = st.just([])
    if shape.max_len is not None and shape.kind == "str":
        bad["too long"] = st.text(min_size=shape.max_len + 1, max_size=shape.max_len + 5)
    if shape.sid_prefix is not None:
        prefix = shape.sid_prefix
        other = "ZZ" if prefix != "ZZ" else "YY"
        hex_digits = st.text(HEX, min_size=32, max_size=32)
        bad["SID with another prefix"] = sids(other)
        bad["SID with a lower-case prefix"] = hex_digits.map(lambda d: prefix.lower() + d)
        bad["SID too short"] = st.text(HEX, max_size=31).map(lambda d: prefix + d)
        bad["SID too long"] = st.text(HEX, min_size=33, max_size=40).map(lambda d: prefix + d)
        bad["SID with non-hex digits"] = st.builds(
            lambda d, i, c: prefix + d[:i] + c + d[i + 1 :],
            hex_digits,
            st.integers(0, 31),
            st.sampled_from("gzG -"),
        )
        bad["not a SID"] = st.text(max_size=40).filter(
            lambda t: re.fullmatch(rf"{prefix}[0-9a-fA-F]{{32}}", t) is None
        )
    if shape.url:
        bad["bad URL"] = st.sampled_from(
            ["", "not a url", "example.com/hook", "ftp://example.com/x", "https://", "http://a b", "//x.io"]
        )
    if shape.kind in ("int", "float"):
        if shape.ge is not None:
            bad["below minimum"] = st.integers(max_value=math.ceil(shape.ge) - 1).map(
                lambda n: max(n, -(10**12))
            )
        if shape.le is not None:
            bad["above maximum"] = st.integers(min_value=math.floor(shape.le) + 1).map(
                lambda n: min(n, 10**12)
            )
        bad["not finite"] = st.sampled_from([math.nan, math.inf, -math.inf])
    if shape.kind == "int":
        bad["not whole"] = _WRONG["float"]
    if shape.kind == "literal":
        variants = [str(c).upper() for c in shape.choices if str(c).upper() not in shape.choices]
        bad["unknown choice"] = st.one_of(
            st.sampled_from(variants or ["?"]), st.text(max_size=10).filter(lambda t: t not in shape.choices)
        )
    if shape.kind == "json":
        bad["invalid JSON text"] = st.sampled_from(["", "{nope", "[1,", "{'a': 1}", "undefined", "{} x"])
    return bad


@dataclass(frozen=True)
class Case:
    """One way to make one field invalid: ``where`` is a path with ``"*"`` for any list item."""

    where: tuple[str, ...]
    label: str
    required: bool = False
    extra: bool = False  # add an unknown key at ``where``
    bad: Strategy | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{'.'.join(self.where) or '<top>'}: {self.label}"


def corruption_cases(shape: Shape, where: tuple[str, ...] = ()) -> Iterator[Case]:
    """Every way this module knows to make one value of ``shape`` invalid."""
    if shape.kind == "model":
        # Every spec model rejects unknown keys (``extra="forbid"``): a typo must not pass silently.
        yield Case(where, "unknown key", extra=True)
        for f in shape.fields:
            here = (*where, f.name)
            if f.required:
                yield Case(here, "missing", required=True)
            for label, bad in _bad_values(f.shape).items():
                yield Case(here, label, bad=bad)
            yield from _nested_cases(f.shape, here)
    else:
        yield from _nested_cases(shape, where)


def _nested_cases(shape: Shape, where: tuple[str, ...]) -> Iterator[Case]:
    if shape.kind == "model":
        yield from (c for c in corruption_cases(shape, where) if c.where != where)
    elif shape.kind == "list" and shape.item is not None:
        item_where = (*where, "*")
        for label, bad in _bad_values(shape.item).items():
            yield Case(item_where, label, bad=bad)
        yield from _nested_cases(shape.item, item_where)


_extra_keys = st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True)
_not_none = st.one_of(
    st.booleans(),
    st.integers(),
    st.text(max_size=8),
    st.lists(json_values, max_size=2),
    st.dictionaries(json_keys, json_values, max_size=2),
)


@st.composite
def corrupt(draw: st.DrawFn, shape: Shape, values: dict[str, Any], case: Case) -> tuple[dict[str, Any], Path]:
    """``values`` with the one field of ``case`` made invalid, and the path that must be reported."""
    path: Path = ()
    node_shape = shape
    for step in case.where:
        current = get_path(values, path)
        if step == "*":
            assert node_shape.item is not None
            items = current if isinstance(current, list) else []
            if not items:  # give the list valid items first
                items = draw(st.lists(valid_values(node_shape.item), min_size=1, max_size=3))
                values = set_path(values, path, items)
            index = draw(st.integers(0, len(items) - 1))
            path, node_shape = (*path, index), node_shape.item
        else:
            sub = node_shape.field(step)
            assert sub is not None
            is_last = len(path) + 1 == len(case.where)
            if not is_last and not isinstance(get_path(values, (*path, step)), dict | list):
                values = set_path(values, (*path, step), draw(valid_values(sub.shape)))
            path, node_shape = (*path, step), sub.shape
    if case.extra:
        names = {f.name for f in node_shape.fields}
        key = draw(_extra_keys.filter(lambda k: k not in names))
        return set_path(values, (*path, key), draw(_not_none)), (*path, key)
    if case.required:
        return set_path(values, path, draw(st.sampled_from([MISSING, None]))), path
    assert case.bad is not None
    return set_path(values, path, draw(case.bad)), path


# --- unknowns ---------------------------------------------------------------------------------


def value_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    """Every place inside ``value``: each key of each object and each list item, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from value_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from value_paths(item, (*path, index))


def with_unknowns(values: dict[str, Any], paths: list[Path]) -> dict[str, Any]:
    """``values`` with an ``Unknown`` at each path whose parent object or list exists (a new key,
    or one item past the end of a list, is added); a path inside an earlier unknown is skipped."""
    for path in paths:
        if settable(values, path):
            values = set_path(values, path, unknown())
    return values


def settable(values: dict[str, Any], path: Path) -> bool:
    """Whether ``path`` is a key of an object, or an item of a list (or one past its end), in ``values``."""
    parent, step = get_path(values, path[:-1]), path[-1]
    return (isinstance(parent, dict) and isinstance(step, str)) or (
        isinstance(parent, list) and isinstance(step, int) and step <= len(parent)
    )


def spec_places(shape: Shape, values: dict[str, Any]) -> list[Path]:
    """The places of the spec a value could be declared at, given ``values``: every field of every
    object present (declared or not), and one more item of every list present."""
    places: list[Path] = []

    def walk(node: Shape, value: Any, path: Path) -> None:
        if node.kind == "model" and isinstance(value, dict):
            for f in node.fields:
                places.append((*path, f.name))
                walk(f.shape, value.get(f.name), (*path, f.name))
        elif node.kind == "list" and isinstance(value, list) and node.item is not None:
            places.append((*path, len(value)))
            for index, item in enumerate(value):
                walk(node.item, item, (*path, index))

    walk(shape, values, ())
    return places


def without_indices(path: Path) -> tuple[str, ...]:
    return tuple(step for step in path if isinstance(step, str))


def related(a: Path, b: Path) -> bool:
    """Whether one path is inside the other once list indices are ignored."""
    x, y = without_indices(a), without_indices(b)
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def freeze(value: Any) -> Any:
    """A comparable snapshot of an input tree (Unknown and nan compare by kind; bool is not int)."""
    if isinstance(value, Unknown):
        return ("unknown",)
    if isinstance(value, Mapping):
        return ("dict", tuple((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(freeze(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)
