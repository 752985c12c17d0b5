"""StudioFlow (``FW``): a Studio flow (v2): its definition, and whether it is published.

Each update makes a new revision; ``status`` is required on every update. The definition is a
JSON document compared canonically; an invalid one is refused with Studio's errors
(docs/twilio-api-notes.md §12.3). Its shape is checked at preview.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import Field

from .base import Computed, Discovery, JsonText, ResourceSpec, SpecModel, json_document, parsed_document

# The flows Flex provisions in every account (docs/twilio-api-notes.md §12.3); a discovered program
# keeps them when the stack is destroyed.
FLEX_PROVISIONED_FLOWS = frozenset({"Voice IVR", "Messaging Flow", "Webchat Flow"})

EXAMPLE_DEFINITION = {
    "description": "A flow",
    "states": [{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {}}],
    "initial_state": "Trigger",
    "flags": {"allow_concurrent_calls": True},
}


class StudioFlowInputs(SpecModel):
    """The inputs of a Studio flow."""

    friendly_name: Annotated[str, Field(min_length=1, description="The flow's name.")]
    status: Annotated[
        Literal["draft", "published"], Field(description="``published`` makes this revision the live one.")
    ]
    definition: Annotated[
        json_document,
        JsonText(),
        Field(
            description="The flow's definition: ``{'states': [...], 'initial_state': …, 'flags': …}``.",
            examples=[EXAMPLE_DEFINITION],
        ),
    ]
    commit_message: Annotated[str | None, Field(description="A note recorded with the revision.")] = None


def definition_shape(inputs: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Studio needs ``states`` (each with a ``name`` and a ``type``) and an ``initial_state`` among them."""
    document = parsed_document(inputs.get("definition"))
    if document is None:
        return
    if not isinstance(document, Mapping):
        yield ("definition", "must be a JSON object with states and initial_state")
        return
    states = document.get("states")
    if not isinstance(states, list) or not states:
        yield ("definition.states", "is required: a list of widgets, each with a name and a type")
        return
    names = set()
    for i, state in enumerate(states):
        if not isinstance(state, Mapping):
            yield (f"definition.states.{i}", "must be an object with a name and a type")
            continue
        for key in ("name", "type"):
            if not isinstance(state.get(key), str) or not state.get(key):
                yield (f"definition.states.{i}.{key}", "is required: a non-empty string")
        if isinstance(state.get("name"), str):
            names.add(state["name"])
    initial = document.get("initial_state")
    if not isinstance(initial, str):
        yield ("definition.initial_state", "is required: the name of the first state, e.g. 'Trigger'")
    elif len(names) == len(states) and initial not in names:  # a missing name may be unknown at preview
        yield ("definition.initial_state", f"names no state of the flow (got {initial!r})")


STUDIO_FLOW = ResourceSpec(
    name="StudioFlow",
    client_attr="studio_flows",
    service="studio",
    doc="""A Studio flow (``FW…``, Studio v2): its definition and status.

    Every input updates in place; each update makes a new ``revision``. ``definition`` is a dict
    or JSON text, compared by content. An invalid definition fails ``pulumi up`` with Studio's
    errors; ``valid``, ``errors`` and ``warnings`` show what Studio found. A Flex Flow's
    ``integration.flow_sid`` and an AddressConfiguration's ``auto_creation.studio_flow_sid``
    take its ``sid``. Destroy deletes it.""",
    inputs=StudioFlowInputs,
    collection_path="/v2/Flows",
    list_key="flows",
    sid_prefix="FW",
    sid_description="Studio Flow",
    computed=(
        "sid",
        "account_sid",
        Computed("revision", "int", "The revision number; each update makes a new one."),
        Computed("valid", "bool", "Whether Studio found the definition valid."),
        Computed("errors", "list[Any]", "The errors Studio found in the definition."),
        Computed("warnings", "list[Any]", "The warnings Studio found in the definition."),
        Computed("webhook_url", "str", "The URL that starts an execution of the flow."),
        "url",
        "date_created",
        "date_updated",
    ),
    rules=(definition_shape,),
    always_send=("status",),
    discovery=Discovery(
        section="Studio",
        name_from="friendly_name",
        retain=lambda _ctx, record: record.get("friendly_name") in FLEX_PROVISIONED_FLOWS,
    ),
)
