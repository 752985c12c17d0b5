"""Flex chat channels (``/v1/Channels``, SID ``CH``): state and rules shared with web channels.

Source: docs/twilio-api-notes.md §4 and ``flex.v1.channel`` in Twilio's OpenAPI. A channel is created through
a flow of the account, can be fetched, listed and deleted, and has **no update** (``POST`` on an
instance is a 405).

Web channels (``/v1/WebChannels``, :mod:`.web_channels`) are the same Programmable Chat channels seen through
another endpoint, and both list under the key ``flex_chat_channels``. The emulator therefore keeps them in one
store kind: a channel created through either endpoint can be fetched, listed and deleted through both, and
each endpoint renders only its own fields. Twilio's documentation is silent on this; it is the emulator's
choice.

Decisions where the reference is silent:

* A flow SID (``FO…``) that is well-formed but names no flow of the account is a 400 with Flex code 45205
  ("Requested Flex Flow is not found"); a malformed one is a 400 / 20001 naming the parameter.
* ``PreEngagementData`` and ``TaskAttributes`` must be JSON text (any JSON value); an empty value means
  "none".
* The chat user (``user_sid``, ``US…``) is one per identity in the flow's chat service: a second channel for
  the same identity reuses it.
* Every create input is kept in the stored document (write-only inputs included), but only the documented
  fields are rendered.
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Collection, Context, Operation, new_sid
from pulumi_flex.emulator.models.flex_flows import require_flow
from pulumi_flex.emulator.store import Doc, Store
from pulumi_flex.emulator.validation import CLEARABLE, FormBool, FormModel, JsonText, sid, validate
from pulumi_flex.emulator.wire import Form, JsonObject

CHAT_CHANNEL_KIND = "flex_chat_channel"  # shared by /v1/Channels and /v1/WebChannels
CHAT_CHANNELS_KEY = "flex_chat_channels"
NO_UPDATE: frozenset[Operation] = frozenset({"list", "create", "fetch", "delete"})


class NewChannel(FormModel):
    """A create: the flow, the identity and both names are required."""

    flex_flow_sid: Annotated[str, sid("FO")]
    identity: str
    chat_user_friendly_name: str
    chat_friendly_name: str
    target: Annotated[str | None, CLEARABLE] = None
    chat_unique_name: Annotated[str | None, CLEARABLE] = None
    pre_engagement_data: Annotated[JsonText | None, CLEARABLE] = None
    task_sid: Annotated[str | None, sid("WT"), CLEARABLE] = None
    task_attributes: Annotated[JsonText | None, CLEARABLE] = None
    long_lived: FormBool = False


def chat_channel_fields(store: Store, fields: Doc, ctx: Context, *, created_via: str) -> Doc:
    """Complete parsed create fields with what every chat channel has: chat service, chat user and state."""
    flow = require_flow(store, fields["flex_flow_sid"], ctx)
    service = flow.get("chat_service_sid")
    same_identity = {"chat_service_sid": service, "identity": fields["identity"]}
    same_user = store.first(CHAT_CHANNEL_KIND, ctx.account_sid, where=same_identity)
    return {
        "chat_unique_name": None,
        "pre_engagement_data": None,
        "task_sid": None,
        "long_lived": False,
        **fields,
        "chat_service_sid": service,
        "user_sid": same_user["user_sid"] if same_user else new_sid("US"),
        "chat_status": "active",
        "post_engagement_data": None,
        "created_via": created_via,
    }


class Channels(Collection):
    """``/v1/Channels``: chat channels made through a flow; fetch, list and delete, no update."""

    kind = CHAT_CHANNEL_KIND
    sid_prefix = "CH"
    list_path = "/v1/Channels"
    list_key = CHAT_CHANNELS_KEY
    operations = NO_UPDATE

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Require the flow, identity and both names; add the flow's chat service, the chat user and state."""
        fields = validate(NewChannel, form).model_dump()
        return chat_channel_fields(self.store, fields, ctx, created_via="channel")

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A channel as ``/v1/Channels`` renders it: its SIDs, dates and ``url``, in Twilio's key order."""
        # Key order of Twilio's own examples.
        return {
            "flex_flow_sid": doc["flex_flow_sid"],
            "account_sid": doc["account_sid"],
            "sid": doc["sid"],
            "task_sid": doc.get("task_sid"),
            "user_sid": doc.get("user_sid"),
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "url": self.instance_url(doc["sid"], ctx),
        }
