"""FlexFlow (``/v1/FlexFlows``, SID ``FO``): state and rules.

Source: docs/twilio-api-notes.md §2 and ``flex.v1.flex_flow`` in Twilio's OpenAPI. Every field is updatable,
an update merges ``Integration.*`` subfields into the stored integration, and delete is a hard delete.
"""

from __future__ import annotations

from typing import Any

from pulumi_flex.emulator.models.base import Collection, Context
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.wire import (
    Form,
    JsonObject,
    Param,
    boolean,
    enum,
    integer,
    missing_parameter,
    non_empty_text,
    parse_params,
    sid,
    text,
    url,
)

CHANNEL_TYPES = ("web", "sms", "facebook", "whatsapp", "line", "custom")
INTEGRATION_TYPES = ("studio", "external", "task")

FIELDS: tuple[Param, ...] = (
    Param("FriendlyName", "friendly_name", non_empty_text),
    Param("ChatServiceSid", "chat_service_sid", sid("IS")),
    Param("ChannelType", "channel_type", enum(CHANNEL_TYPES)),
    Param("ContactIdentity", "contact_identity", text, clearable=True),
    Param("Enabled", "enabled", boolean),
    Param("IntegrationType", "integration_type", enum(INTEGRATION_TYPES), clearable=True),
    Param("LongLived", "long_lived", boolean),
    Param("JanitorEnabled", "janitor_enabled", boolean),
)

# In the order Twilio documents them; ``integration`` is rendered in this order too.
INTEGRATION: tuple[Param, ...] = (
    Param("Integration.FlowSid", "flow_sid", sid("FW"), clearable=True),
    Param("Integration.Url", "url", url, clearable=True),
    Param("Integration.WorkspaceSid", "workspace_sid", sid("WS"), clearable=True),
    Param("Integration.WorkflowSid", "workflow_sid", sid("WW"), clearable=True),
    Param("Integration.Channel", "channel", text, clearable=True),
    Param("Integration.Timeout", "timeout", integer(), clearable=True),
    Param("Integration.Priority", "priority", integer(), clearable=True),
    Param("Integration.CreationOnMessage", "creation_on_message", boolean, clearable=True),
    Param("Integration.RetryCount", "retry_count", integer(0, 3), clearable=True),
)

REQUIRED_ON_CREATE = ("FriendlyName", "ChatServiceSid", "ChannelType")
REQUIRED_BY_INTEGRATION_TYPE: dict[str, tuple[str, ...]] = {
    "studio": ("Integration.FlowSid",),
    "external": ("Integration.Url",),
    "task": ("Integration.WorkspaceSid", "Integration.WorkflowSid"),
}
DEFAULTS: Doc = {
    "contact_identity": None,
    "enabled": False,
    "integration_type": None,
    "long_lived": False,
    "janitor_enabled": False,
}


def merge_integration(current: dict[str, Any], form: Form) -> dict[str, Any]:
    """Apply ``Integration.*`` parameters: a value sets the subfield, an empty value removes it."""
    merged = dict(current)
    for field, value in parse_params(form, INTEGRATION).items():
        if value is None:
            merged.pop(field, None)
        else:
            merged[field] = value
    return merged


class FlexFlows(Collection):
    """``/v1/FlexFlows``: every field updatable, filterable by ``FriendlyName``, hard delete."""

    kind = "flex_flow"
    sid_prefix = "FO"
    list_path = "/v1/FlexFlows"
    list_key = "flex_flows"
    filters = (Param("FriendlyName", "friendly_name"),)

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Check the required parameters, including the integration fields the integration type needs."""
        for name in REQUIRED_ON_CREATE:
            if not form.get(name):
                raise missing_parameter(name)
        fields: Doc = {**DEFAULTS, **parse_params(form, FIELDS)}
        fields["integration"] = merge_integration({}, form)
        for name in REQUIRED_BY_INTEGRATION_TYPE.get(fields["integration_type"] or "", ()):
            if _integration_field(name) not in fields["integration"]:
                raise missing_parameter(name)
        return fields

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """Parameters sent replace their fields; ``Integration.*`` merge into the stored integration."""
        changes = parse_params(form, FIELDS)
        changes["integration"] = merge_integration(doc.get("integration") or {}, form)
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
            "integration_type": doc.get("integration_type"),
            "integration": {p.field: integration[p.field] for p in INTEGRATION if p.field in integration},
            "long_lived": doc.get("long_lived"),
            "janitor_enabled": doc.get("janitor_enabled"),
            "url": self.instance_url(doc["sid"], ctx),
        }


def _integration_field(wire: str) -> str:
    return next(p.field for p in INTEGRATION if p.wire == wire)
