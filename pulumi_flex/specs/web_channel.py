"""WebChannel (``CH``): a v1 Flex web chat channel on a Flex Flow.

Every create input is immutable and never echoed back by the API, so the provider keeps them
from state and replaces the channel when one changes. The only updates are closing the chat
(``chat_status="inactive"``) and attaching post-engagement data (docs/twilio-api-notes.md §3).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import (
    CreateOnly,
    Discovery,
    JsonText,
    Ref,
    ResourceSpec,
    SpecModel,
    UpdateOnly,
    WriteOnly,
    json_document,
    sid,
)


class WebChannelInputs(SpecModel):
    """The inputs of a web channel: create-only identity and names, and the two updates
    (``chat_status``, ``post_engagement_data``); none is echoed by the API."""

    flex_flow_sid: Annotated[
        str,
        sid("FO", "Flex Flow"),
        CreateOnly(),
        Ref("FlexFlow"),
        Field(description="The Flex Flow (``FO…``) the channel belongs to."),
    ]
    identity: Annotated[
        str,
        Field(min_length=1, description="The chat identity of the customer."),
        CreateOnly(),
        WriteOnly(),
    ]
    customer_friendly_name: Annotated[
        str,
        Field(min_length=1, description="The customer's name, shown to the agent."),
        CreateOnly(),
        WriteOnly(),
    ]
    chat_friendly_name: Annotated[
        str,
        Field(min_length=1, description="A name for the chat channel."),
        CreateOnly(),
        WriteOnly(),
    ]
    chat_unique_name: Annotated[
        str | None, CreateOnly(), WriteOnly(), Field(description="A unique name for the chat channel.")
    ] = None
    pre_engagement_data: Annotated[
        json_document | None,
        CreateOnly(),
        WriteOnly(),
        JsonText(),
        Field(description="Data collected before the chat (a dict or JSON text)."),
    ] = None
    chat_status: Annotated[
        Literal["inactive"] | None,
        UpdateOnly(),
        WriteOnly(),
        Field(description="``inactive`` closes the chat, in place."),
    ] = None
    post_engagement_data: Annotated[
        str | None, UpdateOnly(), WriteOnly(), Field(description="Data attached after the chat, in place.")
    ] = None


WEB_CHANNEL = ResourceSpec(
    name="WebChannel",
    client_attr="web_channels",
    doc="""A Flex web chat channel on a Flex Flow.

    ``flex_flow_sid``, ``identity``, ``customer_friendly_name``, ``chat_friendly_name``,
    ``chat_unique_name`` and ``pre_engagement_data`` are create-only: changing one replaces the
    channel. The API never returns them, so they are kept from state and never reported as drift.
    ``chat_status="inactive"`` closes the chat and ``post_engagement_data`` attaches data, in place.
    ``pulumi destroy`` deletes the channel.""",
    inputs=WebChannelInputs,
    collection_path="/v1/WebChannels",
    list_key="flex_chat_channels",
    sid_prefix="CH",
    sid_description="Chat Channel",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    discovery=Discovery(
        section="Web channels",
        note="The API does not return a web channel's create inputs; these are placeholders.",
    ),
)
