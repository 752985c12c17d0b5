"""The machinery of a spec: one declaration per Flex object, read by the client and the provider.

A spec is a pydantic model of the object's writable fields (names, types, validation) whose
``Annotated`` metadata carries what the wire and the engine need: the wire name, and whether
a field is create-only, write-only, secret or a JSON document. ``ResourceSpec`` adds the
endpoints and the server-computed outputs. No pulumi import here: the client uses specs too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal, Protocol, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainValidator


class SpecModel(BaseModel):
    """Base of every spec model: unknown inputs are errors; schemas build on first use."""

    model_config = ConfigDict(extra="forbid", defer_build=True, frozen=True)


# --- field markers, used as Annotated metadata ------------------------------------------------


@dataclass(frozen=True)
class Wire:
    """Overrides the derived PascalCase wire name."""

    name: str


@dataclass(frozen=True)
class CreateOnly:
    """The API cannot change this field after create: a change means replace."""


@dataclass(frozen=True)
class WriteOnly:
    """The API never returns this field: keep the declared value from state."""


@dataclass(frozen=True)
class UpdateOnly:
    """The create endpoint does not take this field: create sends it with a follow-up update."""


@dataclass(frozen=True)
class Secret:
    """The value is a credential: it is a secret output and never logged."""


@dataclass(frozen=True)
class JsonText:
    """A JSON document sent as a string; compared canonically (key order, whitespace)."""


@dataclass(frozen=True)
class Ref:
    """The value is the SID of another object kind (a spec's ``name``): discover writes a Python
    reference to the resource that adopts it, and the docs link the two."""

    kind: str


def sid(prefix: str, what: str) -> AfterValidator:
    """Validate a Twilio SID: ``prefix`` followed by 32 hex digits."""
    pattern = re.compile(rf"^{prefix}[0-9a-fA-F]{{32}}$")

    def check(value: str | None) -> str | None:
        if value is not None and not pattern.match(value):
            article = "an" if what[:1].upper() in "AEIOU" else "a"
            raise ValueError(f"must be {article} {what} SID: '{prefix}' followed by 32 hex digits")
        return value

    return AfterValidator(check)


def _json_text(value: Any) -> Any:
    """A JSON document given as a dict/list, or as text that must parse."""
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError as exc:
            raise ValueError(
                f"must be a JSON document (a dict, or text that parses as JSON): {exc}"
            ) from None
    elif not isinstance(value, dict | list):
        raise ValueError("must be a JSON document: a dict or a list, or text that parses as JSON")
    return value


# A JSON-valued input: a dict or list, or a JSON string; sent to Twilio as JSON text.
# One validator for the whole union, so a wrong type is one failure at the field itself (pydantic
# would report one per union member, at paths such as ``pre_engagement_data.dict[str,any]``).
json_document = Annotated[dict[str, Any] | list[Any] | str, PlainValidator(_json_text)]


def parsed_document(value: Any) -> Any:
    """A JSON document as a value: text is parsed; text that does not parse gives None (its
    field's own validator reports it, so a rule checking the document's shape stays quiet)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def http_url(value: str | None) -> str | None:
    """Validate an absolute http(s) URL."""
    if value is not None and not re.match(r"^https?://[^\s/?#]+[^\s]*$", value):
        raise ValueError("must be an absolute http(s) URL, such as https://example.com/hook")
    return value


# --- field introspection ----------------------------------------------------------------------


def pascal_case(name: str) -> str:
    """The derived wire name of a field: ``chat_service_sid`` becomes ``ChatServiceSid``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


@dataclass(frozen=True)
class FieldSpec:
    """What the wire and the engine need to know about one field."""

    name: str
    wire: str
    create_only: bool = False
    write_only: bool = False
    update_only: bool = False
    secret: bool = False
    json_text: bool = False
    children: tuple[FieldSpec, ...] = ()  # a nested object, flattened to dotted wire names
    required: bool = False
    description: str = ""
    ref: str | None = None  # the object kind whose SID this field holds (``Ref``)

    @property
    def nested(self) -> bool:
        """Whether the field is a nested object sent as dotted wire names."""
        return bool(self.children)


def _nested_model(annotation: Any) -> type[SpecModel] | None:
    """The SpecModel inside ``Model | None``, if the annotation is one."""
    if get_origin(annotation) in (list, tuple):
        return None  # a list of models is sent as repeated JSON values, not dotted names
    candidates = get_args(annotation) if get_origin(annotation) is not None else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, SpecModel):
            return candidate
    return None


def fields_of(model: type[SpecModel], prefix: str = "") -> tuple[FieldSpec, ...]:
    """The FieldSpecs of ``model``'s fields, read from their ``Annotated`` markers; nested models
    recurse with ``prefix`` (``Integration.``) prepended to their wire names."""
    result = []
    for name, info in model.model_fields.items():
        meta = info.metadata
        wire = next((m.name for m in meta if isinstance(m, Wire)), pascal_case(name))
        nested = _nested_model(info.annotation)
        result.append(
            FieldSpec(
                name=name,
                wire=prefix + wire,
                create_only=any(isinstance(m, CreateOnly) for m in meta),
                write_only=any(isinstance(m, WriteOnly) for m in meta),
                update_only=any(isinstance(m, UpdateOnly) for m in meta),
                secret=any(isinstance(m, Secret) for m in meta),
                json_text=any(isinstance(m, JsonText) for m in meta),
                children=fields_of(nested, prefix + wire + ".") if nested else (),
                required=info.is_required(),
                description=info.description or "",
                ref=next((m.kind for m in meta if isinstance(m, Ref)), None),
            )
        )
    return tuple(result)


# --- the resource spec ------------------------------------------------------------------------

# A cross-field rule: gets the known inputs (not yet validated), yields (property path, reason).
Rule = Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]]


# Derives input values the API returns in another shape (e.g. ``category.category_sid``).
Derive = Callable[[Mapping[str, Any]], Mapping[str, Any]]
DeleteMode = Literal["delete", "archive"]
Record = dict[str, Any]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Computed:
    """An output the API (or the provider) computes: its name, Python type (as source text) and doc."""

    name: str
    type: str = "str"
    doc: str = ""


# Outputs most objects have; a spec lists them by name and declares only its own with ``Computed``.
STANDARD_OUTPUTS = {
    c.name: c
    for c in (
        Computed("sid", "str", "The object's SID."),
        Computed("account_sid", "str", "The SID of the Twilio account that owns the object."),
        Computed("url", "str", "The object's absolute API URL."),
        Computed("date_created", "str", "When the object was created (ISO 8601, UTC)."),
        Computed("date_updated", "str", "When the object was last updated (ISO 8601, UTC)."),
    )
}


class DiscoveryContext(Protocol):
    """What a discovery hook sees: the client, and the records discovered so far by kind."""

    client: Any  # a FlexClient (typed loosely: specs never import the client)
    found: dict[str, list[Record]]
    cache: dict[str, Any]


@dataclass(frozen=True)
class Discovery:
    """How ``pulumi-flex discover`` adopts this kind of object.

    By default every record of the listing is adopted (a child kind is listed under each
    adopted parent); ``read`` replaces the listing, ``select`` filters it, and ``complete`` adds
    inputs that a fetch does not return. ``name_from`` names the field that names the resource
    (``hint`` computes the name instead). An empty ``section`` continues the previous one.
    """

    section: str
    name_from: str | None = None
    read: Callable[[DiscoveryContext], list[Record]] | None = None
    select: Callable[[DiscoveryContext, list[Record]], list[Record]] | None = None
    complete: Callable[[DiscoveryContext, Record], Record] | None = None
    hint: Callable[[DiscoveryContext, Record], str] | None = None  # names the resource
    # Whether the program keeps the object on destroy (what Flex provisions, which Flex needs).
    retain: Callable[[DiscoveryContext, Record], bool] | None = None
    note: str = ""  # a comment written above each declaration
    name: str = ""  # the resource name of a singleton


@dataclass(frozen=True)
class ResourceSpec:
    """One Twilio object: its inputs model, endpoints, outputs and behaviour.

    ``collection_path`` is relative to the object's ``service`` host and may name parent
    inputs, as in ``/v1/PluginService/Plugins/{plugin_sid}/Versions``; the parent input carries
    a ``Ref`` to its kind. Everything else that names this object (the typed resource, the
    client's collection, discover, the docs' table) derives from this declaration.
    """

    name: str
    inputs: type[SpecModel]
    collection_path: str
    list_key: str
    sid_prefix: str
    sid_description: str
    client_attr: str  # the FlexClient attribute that serves it, e.g. ``flex_flows``
    doc: str = ""  # the resource class's docstring
    service: str = "flex"  # the Twilio service, i.e. the host: flex-api.twilio.com, taskrouter…
    id_field: str = "sid"
    computed: tuple[str | Computed, ...] = ()
    state: tuple[Computed, ...] = ()  # provider bookkeeping kept in state, not returned by the API
    rules: tuple[Rule, ...] = ()
    encoding: Literal["form", "json"] = "form"
    fetchable: bool = True  # False: the API has no fetch by SID; read by listing
    list_params: Mapping[str, str] = field(default_factory=dict)  # sent with every listing
    page_size: int = 1000  # the largest page the list endpoint serves (the fewest calls)
    delete_mode: DeleteMode = "delete"
    always_send: tuple[str, ...] = ()  # required on every update by the API
    derive: Derive | None = None
    paths: Mapping[str, str] = field(default_factory=dict)  # other endpoints, e.g. ``active``
    provider: str = "dynamic:SpecProvider"  # the behaviour: ``module:Class`` in pulumi_flex.provider
    singleton: bool = False  # one per account, at ``collection_path`` itself (no SID in the path)
    resource: bool = True  # False: a runtime object the client serves, not a Pulumi resource
    destroy: str = ""  # what ``pulumi destroy`` does, for the docs (default from ``delete_mode``)
    # The ``id_field`` output equals the resource ID for the object's whole life, so it can derive
    # from the ID, which stays known through in-place updates at preview (False: a release's
    # ``sid`` is its latest release, which an update changes).
    stable_identity: bool = True
    # ``pulumi-flex recover`` looks for what an interrupted create made (False: repeating the
    # create makes no duplicate, as for a singleton or a release).
    recoverable: bool = True
    discovery: Discovery | None = None

    @cached_property
    def fields(self) -> tuple[FieldSpec, ...]:
        """Every input field, in declaration order."""
        return fields_of(self.inputs)

    @cached_property
    def field_map(self) -> dict[str, FieldSpec]:
        """The input fields by name."""
        return {f.name: f for f in self.fields}

    @cached_property
    def create_only(self) -> frozenset[str]:
        """Names of the inputs the API cannot change after create: a change replaces the object."""
        return frozenset(f.name for f in self.fields if f.create_only)

    @cached_property
    def update_only(self) -> frozenset[str]:
        """Names of the inputs that create sends with a follow-up update."""
        return frozenset(f.name for f in self.fields if f.update_only)

    @cached_property
    def secret_outputs(self) -> tuple[str, ...]:
        """Names of the inputs that are credentials, exported as secret outputs."""
        return tuple(f.name for f in self.fields if f.secret)

    @cached_property
    def sid_pattern(self) -> re.Pattern[str]:
        """Matches this object's SIDs: ``sid_prefix`` followed by 32 hex digits."""
        return re.compile(rf"^{self.sid_prefix}[0-9a-fA-F]{{32}}$")

    @cached_property
    def path_params(self) -> tuple[str, ...]:
        """Inputs named in ``collection_path``."""
        return tuple(_PLACEHOLDER.findall(self.collection_path))

    @property
    def output_names(self) -> tuple[str, ...]:
        """Every key the resource exposes: inputs, computed outputs and the provider's state."""
        extra = [c.name for c in self.outputs if c.name not in self.field_map]
        return tuple(self.field_map) + tuple(dict.fromkeys(extra))

    def list_path(self, values: Mapping[str, Any] | None = None) -> str:
        """The collection path with parent inputs filled in from ``values``;
        raises ValueError if one is missing."""
        if not self.path_params:
            return self.collection_path
        values = values or {}
        missing = [p for p in self.path_params if not values.get(p)]
        if missing:
            raise ValueError(f"{self.name} needs {', '.join(missing)} to address its endpoint")
        return self.collection_path.format(**{p: values[p] for p in self.path_params})

    def instance_path(self, sid: str, values: Mapping[str, Any] | None = None) -> str:
        """The path of the object ``sid`` (parent inputs filled in from ``values``)."""
        return f"{self.list_path(values)}/{sid}"

    @cached_property
    def module_name(self) -> str:
        """The snake_case module name of the object: ``PluginRelease`` lives in ``plugin_release``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.name).lower()

    @cached_property
    def outputs(self) -> tuple[Computed, ...]:
        """The computed outputs with their types and docs, then the provider's state."""
        out = [STANDARD_OUTPUTS.get(c, Computed(c)) if isinstance(c, str) else c for c in self.computed]
        return (*out, *self.state)

    @cached_property
    def computed_names(self) -> tuple[str, ...]:
        """Names of the outputs the API computes (the provider's state excluded)."""
        return tuple(c if isinstance(c, str) else c.name for c in self.computed)

    @cached_property
    def parent_refs(self) -> dict[str, str]:
        """Each parent input named in ``collection_path``, with the kind it refers to."""
        return {p: self.field_map[p].ref or "" for p in self.path_params if p in self.field_map}

    @property
    def destroy_text(self) -> str:
        """What ``pulumi destroy`` does to the object, for the docs."""
        return self.destroy or ("archives it (permanent)" if self.delete_mode == "archive" else "deletes it")

    def path(self, name: str, **values: str) -> str:
        """The object's other endpoint ``name`` from ``paths``, with ``values`` filled in."""
        return self.paths[name].format(**values)
