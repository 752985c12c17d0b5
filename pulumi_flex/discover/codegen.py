"""Render an inventory as a readable Pulumi program that adopts every object.

Each object is declared with its current values and ``adopt_sid``, so ``pulumi up`` creates
nothing; references between objects are Python references (a flow's ``.sid`` passed to its web
channel, a category to its questions), not pasted SIDs.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import keyword
import re
import types
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from ..specs import RESOURCE_SPECS, ResourceSpec, SpecModel
from ..specs.base import DiscoveryContext, JsonText
from ..specs.base import Ref as SidRef
from ..specs.encoding import outputs_from_record
from .inventory import Inventory, Record

NOT_RETURNED = "(not returned by the Flex API)"


@dataclass(frozen=True)
class Ref:
    """A Python expression in the generated program, e.g. ``web_flow.sid``."""

    expression: str


MAX_NAME = 40


def slugify(text: str, limit: int = MAX_NAME) -> str:
    """A resource name from free text: accents transliterated (``Données été`` gives
    ``donnees-ete``), words joined by dashes, cut at a word boundary within ``limit``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            return slug or word[:limit]
        slug = candidate
    return slug


class Names:
    """Unique, readable resource names and Python variable names."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def new(self, hint: str, fallback: str) -> tuple[str, str]:
        """A fresh resource name (a slug of ``hint``, numbered when taken) and a matching Python
        variable; ``fallback`` stands in for an empty hint and prefixes invalid identifiers."""
        slug = slugify(hint) or fallback
        name, n = slug, 2
        while name in self._taken:
            name, n = f"{slug}-{n}", n + 1
        self._taken.add(name)
        variable = re.sub(r"\W", "_", name.replace("-", "_"))
        if variable[0].isdigit() or keyword.iskeyword(variable):
            variable = f"{fallback.replace('-', '_')}_{variable}"
        return name, variable


def literal(value: Any, indent: int) -> str:
    """Python source for a JSON-like value that may hold ``Ref``s."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, Ref):
        return value.expression
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [f"{inner}{literal(k, indent)}: {literal(v, indent + 4)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        short = [literal(v, indent + 4) for v in value]
        if all(isinstance(v, str | int | float | bool | Ref) for v in value) and sum(map(len, short)) < 70:
            return "[" + ", ".join(short) + "]"
        return "[\n" + "\n".join(f"{inner}{s}," for s in short) + f"\n{pad}]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid Python literal, in double quotes
    return repr(value)


RETAINED = "Provisioned by Flex: `pulumi destroy` leaves it in place (retain_on_delete)."


def declaration(
    variable: str, cls: str, name: str, inputs: Mapping[str, Any], comment: str = "", *, retain: bool = False
) -> str:
    """Python source declaring ``variable = flex.<cls>(name, **inputs)``, under an optional comment;
    ``retain`` keeps the object when the stack is destroyed."""
    comments = [c for c in (comment, RETAINED if retain else "") if c]
    lines = [f"# {c}" for c in comments]
    lines.append(f"{variable} = flex.{cls}(")
    lines.append(f"    {literal(name, 4)},")
    lines += [f"    {key}={literal(value, 4)}," for key, value in inputs.items()]
    if retain:
        lines.append("    opts=pulumi.ResourceOptions(retain_on_delete=True),")
    lines.append(")")
    return "\n".join(lines)


def readable_inputs(spec: ResourceSpec, record: Record) -> dict[str, Any]:
    """The inputs the API returns for ``record``, without empty values; a required input the API
    never returns is a labelled placeholder."""
    outs = outputs_from_record(spec, record, record)
    inputs: dict[str, Any] = {}
    for f in spec.fields:
        value = outs.get(f.name)
        if isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if v is not None}
        if value is None or value == {}:
            if f.write_only and f.required:
                inputs[f.name] = NOT_RETURNED
            continue
        if f.json_text and isinstance(value, str):
            with contextlib.suppress(ValueError):  # a document reads, and links, better as a dict
                value = json.loads(value)
        inputs[f.name] = value
    return inputs


class Program:
    """Builds the generated program: one declaration per object, in dependency order."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.names = Names()
        self.refs: dict[str, Ref] = {}  # SID -> expression of the adopting resource
        self.blocks: list[str] = []

    def add(self, spec: ResourceSpec, hint: str, record: Record) -> None:
        """Declare one adopted object and remember ``variable.<id field>`` as the reference for it."""
        rule = spec.discovery
        assert rule is not None
        fallback = spec.module_name.replace("_", "-")
        inputs = self.linked(spec.inputs, readable_inputs(spec, record))
        if spec.singleton:  # always adopted: no adopt_sid
            name, variable = self.names.new(rule.name or fallback, fallback)
            self.blocks.append(declaration(variable, spec.name, name, inputs, rule.note))
            return
        sid = record[spec.id_field]
        name, variable = self.names.new(hint, fallback)
        retain = rule.retain is not None and rule.retain(self.inventory.run, record)
        self.blocks.append(
            declaration(variable, spec.name, name, {**inputs, "adopt_sid": sid}, rule.note, retain=retain)
        )
        self.refs[sid] = Ref(f"{variable}.{spec.id_field}")

    def ref(self, sid: Any) -> Any:
        """The reference to the resource that adopts ``sid``, or ``sid`` itself when none does."""
        return self.refs.get(sid, sid) if isinstance(sid, str) else sid

    def linked(self, model: type[SpecModel], values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` with every SID that a field declares as a ``Ref`` replaced by a Python reference."""
        fields = model.model_fields
        return {
            k: self._link(fields[k].annotation, tuple(fields[k].metadata), v) if k in fields else v
            for k, v in values.items()
        }

    def _link(self, annotation: Any, metadata: tuple[Any, ...], value: Any) -> Any:
        if any(isinstance(m, SidRef) for m in metadata) and isinstance(value, str):
            return self.ref(value)
        if any(isinstance(m, JsonText) for m in metadata) and isinstance(value, Mapping | list):
            return self._link_document(value)
        origin = get_origin(annotation)
        if origin is Annotated:
            inner, *meta = get_args(annotation)
            return self._link(inner, (*metadata, *meta), value)
        if origin in (Union, types.UnionType):
            for option in get_args(annotation):
                linked = self._link(option, metadata, value)
                if linked is not value:
                    return linked
            return value
        if origin is list and isinstance(value, list):
            (item,) = get_args(annotation)
            return [self._link(item, (), v) for v in value]
        if isinstance(annotation, type) and issubclass(annotation, SpecModel) and isinstance(value, Mapping):
            return self.linked(annotation, value)
        return value

    def _link_document(self, value: Any) -> Any:
        """A JSON document (a workflow's routing) with every adopted object's SID as a reference:
        in a document, a value that is exactly an adopted SID can only mean that object."""
        if isinstance(value, str):
            return self.ref(value)
        if isinstance(value, Mapping):
            return {k: self._link_document(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._link_document(v) for v in value]
        return value

    def section(self, title: str) -> None:
        """Start a section of the program with a comment rule."""
        self.blocks.append(f"# --- {title} " + "-" * max(0, 90 - len(title)))

    def render(self, account_sid: str, run: DiscoveryContext) -> str:
        """The whole ``__main__.py``: every object of the inventory, kind by kind."""
        for spec in RESOURCE_SPECS:
            rule = spec.discovery
            records = self.inventory.records.get(spec.name)
            if rule is None or records is None:
                continue
            if rule.section and records:
                self.section(rule.section)
            for record in records:
                if rule.hint is not None:
                    hint = rule.hint(run, record)
                else:
                    hint = str(record.get(rule.name_from) or "") if rule.name_from else ""
                self.add(spec, hint, record)
        return self._module(account_sid)

    def _module(self, account_sid: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        header = f'''"""Generated by `pulumi-flex discover` from account {account_sid} on {stamp}.

Every object is declared with its current values and adopted with `adopt_sid`, so the first
`pulumi up` creates nothing and the next `pulumi preview` shows no changes. From then on, edit
this program to change the account. Web channels' create inputs are not returned by the API:
their placeholders are kept in state, and changing them would replace the channel.
"""

import pulumi

import pulumi_flex as flex
'''
        return header + "\n\n" + "\n\n".join(self.blocks) + "\n"


def render_program(inventory: Inventory, account_sid: str) -> str:
    """The Pulumi program (``__main__.py``) that adopts everything in ``inventory``."""
    return Program(inventory).render(account_sid, inventory.run)


def project_files(program: str, project_name: str) -> dict[str, str]:
    """The generated project's files by name: the program, ``Pulumi.yaml`` and ``requirements.txt``."""
    return {
        "__main__.py": program,
        "Pulumi.yaml": (
            f"name: {project_name}\ndescription: Adopted by pulumi-flex discover\nruntime: python\n"
        ),
        "requirements.txt": "pulumi-flex\n",
    }
