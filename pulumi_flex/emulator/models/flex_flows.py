"""FlexFlow (``/v1/FlexFlows``, SID ``FO``): state and rules.

Source: docs/twilio-api-notes.md §2 and ``flex.v1.flex_flow`` in Twilio's OpenAPI. Every field is updatable,
an update merges ``Integration.*`` subfields into the stored integration, and delete is a hard delete.

``IntegrationType`` defaults to ``studio``, as Twilio's docs say: a flow created without one (or updated with
an empty one) is returned with ``integration_type: "studio"``, never null (the spec's enum has no null). Only
an explicit ``IntegrationType`` makes its integration fields required (the emulator's choice), so a flow made
with no integration at all is still accepted, with an empty ``integration``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from pulumi_flex.emulator.models.base import Collection, Context
from pulumi_flex.emulator.store import Doc, Store
from pulumi_flex.emulator.validation import (
    CLEARABLE,
    NON_EMPTY,
    URL,
    FormBool,
    FormModel,
    form_int,
    one_of,
    sid,
    validate,
)
from pulumi_flex.emulator.wire import Form, JsonObject, TwilioError, missing_parameter

KIND = "flex_flow"
CHANNEL_TYPES = ("web", "sms", "facebook", "whatsapp", "line", "custom")
INTEGRATION_TYPES = ("studio", "external", "task")
DEFAULT_INTEGRATION_TYPE = "studio"  # Twilio's documented default
CODE_FLEX_FLOW_NOT_FOUND = 45205  # "Requested Flex Flow is not found"; HTTP status undocumented (400 here)


class FlexFlowParams(FormModel):
    """An update: every parameter optional. ``Integration.*`` sub-fields are named after their stored keys."""

    friendly_name: Annotated[str, NON_EMPTY] | None = None
    chat_service_sid: Annotated[str, sid("IS")] | None = None
    channel_type: Annotated[str, one_of(CHANNEL_TYPES)] | None = None
    contact_identity: Annotated[str | None, CLEARABLE] = None
    enabled: FormBool | None = None
    integration_type: Annotated[str | None, one_of(INTEGRATION_TYPES), CLEARABLE] = None
    long_lived: FormBool | None = None
    janitor_enabled: FormBool | None = None
    # In the order Twilio documents them; ``integration`` is rendered in this order too.
    flow_sid: Annotated[str | None, sid("FW"), CLEARABLE] = Field(None, alias="Integration.FlowSid")
    url: Annotated[str | None, URL, CLEARABLE] = Field(None, alias="Integration.Url")
    workspace_sid: Annotated[str | None, sid("WS"), CLEARABLE] = Field(None, alias="Integration.WorkspaceSid")
    workflow_sid: Annotated[str | None, sid("WW"), CLEARABLE] = Field(None, alias="Integration.WorkflowSid")
    channel: Annotated[str | None, CLEARABLE] = Field(None, alias="Integration.Channel")
    timeout: Annotated[int | None, form_int(), CLEARABLE] = Field(None, alias="Integration.Timeout")
    priority: Annotated[int | None, form_int(), CLEARABLE] = Field(None, alias="Integration.Priority")
    creation_on_message: Annotated[FormBool | None, CLEARABLE] = Field(
        None, alias="Integration.CreationOnMessage"
    )
    retry_count: Annotated[int | None, form_int(0, 3), CLEARABLE] = Field(
        None, alias="Integration.RetryCount"
    )


class NewFlexFlow(FlexFlowParams):
    """A create: the name, chat service and channel type are required; the flags default to false."""

    friendly_name: Annotated[str, NON_EMPTY]
    chat_service_sid: Annotated[str, sid("IS")]
    channel_type: Annotated[str, one_of(CHANNEL_TYPES)]
    enabled: FormBool = False
    long_lived: FormBool = False
    janitor_enabled: FormBool = False


class FlexFlowFilter(FormModel):
    """The list filter: ``FriendlyName``, an exact match."""

    friendly_name: Annotated[str | None, CLEARABLE] = None


INTEGRATION = (
    "flow_sid",
    "url",
    "workspace_sid",
    "workflow_sid",
    "channel",
    "timeout",
    "priority",
    "creation_on_message",
    "retry_count",
)
REQUIRED_BY_INTEGRATION_TYPE: dict[str, tuple[str, ...]] = {
    "studio": ("flow_sid",),
    "external": ("url",),
    "task": ("workspace_sid", "workflow_sid"),
}


def split(params: FlexFlowParams) -> tuple[Doc, Doc]:
    """The parameters sent, as top-level fields and as ``Integration.*`` sub-fields (None: remove it)."""
    sent = params.model_dump(exclude_unset=True)
    fields = {key: value for key, value in sent.items() if key not in INTEGRATION}
    integration = {key: value for key, value in sent.items() if key in INTEGRATION}
    return fields, integration


def merge_integration(current: dict[str, Any], changes: Doc) -> dict[str, Any]:
    """Apply ``Integration.*`` parameters: a value sets the subfield, an empty value removes it."""
    merged = dict(current)
    for field, value in changes.items():
        if value is None:
            merged.pop(field, None)
        else:
            merged[field] = value
    return merged


def require_flow(store: Store, flow_sid: str, ctx: Context) -> Doc:
    """The account's flow ``flow_sid`` that another object refers to, or Twilio's Flex 45205 error."""
    flow = store.get(KIND, ctx.account_sid, flow_sid)
    if flow is None:
        raise TwilioError(400, CODE_FLEX_FLOW_NOT_FOUND, f"Requested Flex Flow is not found: {flow_sid}")
    return flow


class FlexFlows(Collection):
    """``/v1/FlexFlows``: every field updatable, filterable by ``FriendlyName``, hard delete."""

    kind = KIND
    sid_prefix = "FO"
    list_path = "/v1/FlexFlows"
    list_key = "flex_flows"
    filters = FlexFlowFilter

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Check the required parameters, including the integration fields the integration type needs."""
        params = validate(NewFlexFlow, form)
        fields = params.model_dump(exclude=set(INTEGRATION))
        fields["integration"] = merge_integration({}, split(params)[1])
        for name in REQUIRED_BY_INTEGRATION_TYPE.get(params.integration_type or "", ()):
            if name not in fields["integration"]:
                raise missing_parameter(NewFlexFlow.model_fields[name].alias or name)
        fields["integration_type"] = params.integration_type or DEFAULT_INTEGRATION_TYPE
        return fields

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """Parameters sent replace their fields; ``Integration.*`` merge into the stored integration."""
        changes, integration = split(validate(FlexFlowParams, form))
        changes["integration"] = merge_integration(doc.get("integration") or {}, integration)
        return changes

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A flow as Twilio renders it, ``integration`` subfields in documented order."""
        integration = doc.get("integration") or {}
        return {
            "account_sid": doc["account_sid"],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "sid": doc["sid"],
            "friendly_name": doc.get("friendly_name"),
            "chat_service_sid": doc.get("chat_service_sid"),
            "channel_type": doc.get("channel_type"),
            "contact_identity": doc.get("contact_identity"),
            "enabled": doc.get("enabled"),
            "integration_type": doc.get("integration_type") or DEFAULT_INTEGRATION_TYPE,
            "integration": {key: integration[key] for key in INTEGRATION if key in integration},
            "long_lived": doc.get("long_lived"),
            "janitor_enabled": doc.get("janitor_enabled"),
            "url": self.instance_url(doc["sid"], ctx),
        }
