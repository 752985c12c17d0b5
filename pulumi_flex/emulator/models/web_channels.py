"""Web channels (``/v1/WebChannels``, SID ``CH``): state and rules.

Source: docs/twilio-api-notes.md §3 and ``flex.v1.web_channel`` in Twilio's OpenAPI. A web channel is a Flex
chat channel created for a web visitor through a Flex Flow. The response **never echoes the create inputs**:
only ``account_sid, flex_flow_sid, sid, url, date_created, date_updated``. The only updates are closing the
chat (``ChatStatus=inactive``, the enum's one value) and attaching ``PostEngagementData``; both are stored,
neither is rendered, and an update with neither changes only `date_updated`.

Web channels share their store kind with :mod:`.channels` (see there): they are the same chat channels.
Write-only inputs (identity, friendly names, unique name, pre- and post-engagement data) stay in the stored
document so an admin view could show them. Closing is idempotent, and a closed chat cannot be reopened (the
enum has no other value).
"""

from __future__ import annotations

from pulumi_flex.emulator.models.base import Collection, Context
from pulumi_flex.emulator.models.channels import (
    CHAT_CHANNEL_KIND,
    CHAT_CHANNELS_KEY,
    chat_channel_fields,
    require_present,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.wire import Form, JsonObject, Param, enum, json_text, parse_params, sid, text

FIELDS: tuple[Param, ...] = (
    Param("FlexFlowSid", "flex_flow_sid", sid("FO")),
    Param("Identity", "identity", text),
    Param("CustomerFriendlyName", "customer_friendly_name", text),
    Param("ChatFriendlyName", "chat_friendly_name", text),
    Param("ChatUniqueName", "chat_unique_name", text, clearable=True),
    Param("PreEngagementData", "pre_engagement_data", json_text, clearable=True),
)
REQUIRED_ON_CREATE = ("FlexFlowSid", "Identity", "CustomerFriendlyName", "ChatFriendlyName")

UPDATE_FIELDS: tuple[Param, ...] = (
    Param("ChatStatus", "chat_status", enum(("inactive",))),
    Param("PostEngagementData", "post_engagement_data", text, clearable=True),
)


class WebChannels(Collection):
    """``/v1/WebChannels``: chat channels for web visitors; updates only close the chat or attach data."""

    kind = CHAT_CHANNEL_KIND
    sid_prefix = "CH"
    list_path = "/v1/WebChannels"
    list_key = CHAT_CHANNELS_KEY

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Require the flow, identity and both names; add the flow's chat service, the chat user and state."""
        require_present(form, REQUIRED_ON_CREATE)
        return chat_channel_fields(self.store, parse_params(form, FIELDS), ctx, created_via="web_channel")

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``ChatStatus=inactive`` and ``PostEngagementData``: stored, never rendered."""
        return parse_params(form, UPDATE_FIELDS)

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """Only the documented fields (SIDs, dates, ``url``): no create input is echoed."""
        # Exactly the documented fields, in the order of Twilio's examples; no create input is echoed.
        return {
            "flex_flow_sid": doc["flex_flow_sid"],
            "account_sid": doc["account_sid"],
            "sid": doc["sid"],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "url": self.instance_url(doc["sid"], ctx),
        }
