"""WebChannel (``CH``): a v1 Flex web chat channel on a Flex Flow.

Every create input is immutable and never echoed back by the API, so the provider keeps them
from state and replaces the channel when one changes. The only updates are closing the chat
(``chat_status="inactive"``) and attaching post-engagement data (docs/twilio-api-notes.md §3).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import CreateOnly, JsonText, ResourceSpec, SpecModel, UpdateOnly, WriteOnly, json_document, sid


class WebChannelInputs(SpecModel):
    """The inputs of a web channel: create-only identity and names, and the two updates
    (``chat_status``, ``post_engagement_data``); none is echoed by the API."""

    flex_flow_sid: Annotated[str, sid("FO", "Flex Flow"), CreateOnly()]
    identity: Annotated[str, Field(min_length=1), CreateOnly(), WriteOnly()]
    customer_friendly_name: Annotated[str, Field(min_length=1), CreateOnly(), WriteOnly()]
    chat_friendly_name: Annotated[str, Field(min_length=1), CreateOnly(), WriteOnly()]
    chat_unique_name: Annotated[str | None, CreateOnly(), WriteOnly()] = None
    pre_engagement_data: Annotated[json_document | None, CreateOnly(), WriteOnly(), JsonText()] = None
    chat_status: Annotated[Literal["inactive"] | None, UpdateOnly(), WriteOnly()] = None
    post_engagement_data: Annotated[str | None, UpdateOnly(), WriteOnly()] = None


WEB_CHANNEL = ResourceSpec(
    name="WebChannel",
    inputs=WebChannelInputs,
    collection_path="/v1/WebChannels",
    list_key="flex_chat_channels",
    sid_prefix="CH",
    sid_description="Chat Channel",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
)
