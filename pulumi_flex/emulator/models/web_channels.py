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

from typing import Annotated

from pulumi_flex.emulator.models.base import Collection, Context
from pulumi_flex.emulator.models.channels import CHAT_CHANNEL_KIND, CHAT_CHANNELS_KEY, chat_channel_fields
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import CLEARABLE, FormModel, JsonText, one_of, sid, validate
from pulumi_flex.emulator.wire import Form, JsonObject


class NewWebChannel(FormModel):
    """A create: the flow, the identity and both names are required."""

    flex_flow_sid: Annotated[str, sid("FO")]
    identity: str
    customer_friendly_name: str
    chat_friendly_name: str
    chat_unique_name: Annotated[str | None, CLEARABLE] = None
    pre_engagement_data: Annotated[JsonText | None, CLEARABLE] = None


class WebChannelUpdate(FormModel):
    """An update: close the chat, attach post-engagement data, or both."""

    chat_status: Annotated[str, one_of(("inactive",))] | None = None
    post_engagement_data: Annotated[str | None, CLEARABLE] = None


class WebChannels(Collection):
    """``/v1/WebChannels``: chat channels for web visitors; updates only close the chat or attach data."""

    kind = CHAT_CHANNEL_KIND
    sid_prefix = "CH"
    list_path = "/v1/WebChannels"
    list_key = CHAT_CHANNELS_KEY

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Require the flow, identity and both names; add the flow's chat service, the chat user and state."""
        fields = validate(NewWebChannel, form).model_dump()
        return chat_channel_fields(self.store, fields, ctx, created_via="web_channel")

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``ChatStatus=inactive`` and ``PostEngagementData``: stored, never rendered."""
        return validate(WebChannelUpdate, form).model_dump(exclude_unset=True)

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
