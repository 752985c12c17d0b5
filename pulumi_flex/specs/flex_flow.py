"""FlexFlow (``FO``): how a channel's messages reach Studio, a webhook or TaskRouter.

Every field can be updated in place; delete is a hard delete (docs/twilio-api-notes.md §2).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from .base import Discovery, Ref, ResourceSpec, SpecModel, http_url, sid

ChannelType = Literal["web", "sms", "facebook", "whatsapp", "line", "custom"]
IntegrationType = Literal["studio", "external", "task"]


class FlexFlowIntegration(SpecModel):
    """``integration``: studio needs ``flow_sid``; external needs ``url``; task needs
    ``workspace_sid`` and ``workflow_sid`` (``channel``, ``timeout``, ``priority``,
    ``creation_on_message`` apply to task; ``retry_count`` 0-3 to studio and external)."""

    flow_sid: Annotated[
        str | None,
        sid("FW", "Studio Flow"),
        Ref("StudioFlow"),
        Field(description="The Studio Flow (``FW…``) that handles new messages (studio)."),
    ] = None
    url: Annotated[
        str | None,
        AfterValidator(http_url),
        Field(description="The webhook that receives new messages (external)."),
    ] = None
    workspace_sid: Annotated[
        str | None,
        sid("WS", "TaskRouter Workspace"),
        Ref("Workspace"),
        Field(description="The TaskRouter Workspace (``WS…``) for new tasks (task)."),
    ] = None
    workflow_sid: Annotated[
        str | None,
        sid("WW", "TaskRouter Workflow"),
        Ref("Workflow"),
        Field(description="The TaskRouter Workflow (``WW…``) that routes new tasks (task)."),
    ] = None
    channel: Annotated[
        str | None, Field(description="The TaskRouter task channel of new tasks (task), e.g. ``chat``.")
    ] = None
    timeout: Annotated[
        int | None, Field(ge=0, description="Seconds a new task may wait for an agent (task).")
    ] = None
    priority: Annotated[int | None, Field(ge=0, description="The priority of new tasks (task).")] = None
    creation_on_message: Annotated[
        bool | None,
        Field(
            description="Create the task on the first message rather than on the channel's creation (task)."
        ),
    ] = None
    retry_count: Annotated[
        int | None,
        Field(ge=0, le=3, description="How many times Flex retries the webhook or Studio call, 0 to 3."),
    ] = None


class FlexFlowInputs(SpecModel):
    """The inputs of a Flex Flow; every one can be updated in place."""

    friendly_name: Annotated[
        str, Field(min_length=1, description="A name for the flow, shown in the console.")
    ]
    chat_service_sid: Annotated[
        str,
        sid("IS", "Chat Service"),
        Field(description="The chat service (``IS…``) whose channels the flow serves."),
    ]
    channel_type: Annotated[
        ChannelType, Field(description="The channel: web, sms, facebook, whatsapp, line or custom.")
    ]
    contact_identity: Annotated[
        str | None, Field(description="The address customers write to, e.g. a phone number for sms.")
    ] = None
    enabled: Annotated[bool | None, Field(description="Whether the flow accepts new conversations.")] = None
    integration_type: Annotated[
        IntegrationType | None, Field(description="Where new conversations go: studio, external or task.")
    ] = None
    integration: Annotated[
        FlexFlowIntegration | None, Field(description="The settings of ``integration_type``.")
    ] = None
    long_lived: Annotated[
        bool | None, Field(description="Keep the customer's chat channel open after the conversation ends.")
    ] = None
    janitor_enabled: Annotated[
        bool | None, Field(description="Let Flex's janitor close inactive channels of this flow.")
    ] = None


_REQUIRED_BY_TYPE = {
    "studio": ("flow_sid",),
    "external": ("url",),
    "task": ("workspace_sid", "workflow_sid"),
}


def integration_matches_type(inputs: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Twilio requires the integration fields of the chosen integration type."""
    kind = inputs.get("integration_type")
    integration = inputs.get("integration")
    integration = integration if isinstance(integration, Mapping) else {}
    for name in _REQUIRED_BY_TYPE.get(kind, ()) if isinstance(kind, str) else ():
        if integration.get(name) is None:
            yield (
                f"integration.{name}",
                f"is required when integration_type is {kind!r}: set integration.{name}",
            )


FLEX_FLOW = ResourceSpec(
    name="FlexFlow",
    client_attr="flex_flows",
    doc="""A Twilio Flex Flow (``FO…``): routes a channel's messages to Studio, a webhook or TaskRouter.

    Every input is updatable in place. ``pulumi destroy`` deletes the flow.""",
    inputs=FlexFlowInputs,
    collection_path="/v1/FlexFlows",
    list_key="flex_flows",
    sid_prefix="FO",
    sid_description="Flex Flow",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    rules=(integration_matches_type,),
    discovery=Discovery(section="Flex Flows", name_from="friendly_name"),
)
