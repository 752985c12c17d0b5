"""FlexFlow (``FO``): how a channel's messages reach Studio, a webhook or TaskRouter.

Every field can be updated in place; delete is a hard delete (docs/twilio-api-notes.md §2).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from .base import ResourceSpec, SpecModel, http_url, sid

ChannelType = Literal["web", "sms", "facebook", "whatsapp", "line", "custom"]
IntegrationType = Literal["studio", "external", "task"]


class FlexFlowIntegration(SpecModel):
    """``Integration.*``: which sub-fields apply depends on ``integration_type``."""

    flow_sid: Annotated[str | None, sid("FW", "Studio Flow")] = None
    url: Annotated[str | None, AfterValidator(http_url)] = None
    workspace_sid: Annotated[str | None, sid("WS", "TaskRouter Workspace")] = None
    workflow_sid: Annotated[str | None, sid("WW", "TaskRouter Workflow")] = None
    channel: str | None = None
    timeout: Annotated[int | None, Field(ge=0)] = None
    priority: Annotated[int | None, Field(ge=0)] = None
    creation_on_message: bool | None = None
    retry_count: Annotated[int | None, Field(ge=0, le=3)] = None


class FlexFlowInputs(SpecModel):
    """The inputs of a Flex Flow; every one can be updated in place."""

    friendly_name: Annotated[str, Field(min_length=1)]
    chat_service_sid: Annotated[str, sid("IS", "Chat Service")]
    channel_type: ChannelType
    contact_identity: str | None = None
    enabled: bool | None = None
    integration_type: IntegrationType | None = None
    integration: FlexFlowIntegration | None = None
    long_lived: bool | None = None
    janitor_enabled: bool | None = None


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
    inputs=FlexFlowInputs,
    collection_path="/v1/FlexFlows",
    list_key="flex_flows",
    sid_prefix="FO",
    sid_description="Flex Flow",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    rules=(integration_matches_type,),
)
