"""Channel (``CH``): a runtime chat channel on a Flex Flow. Not a resource: no update exists;
the client creates, fetches, lists and deletes them (docs/twilio-api-notes.md §4)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import JsonText, Ref, ResourceSpec, SpecModel, json_document, sid


class ChannelInputs(SpecModel):
    """The inputs of ``POST /v1/Channels``: a chat user and channel on a Flex Flow."""

    flex_flow_sid: Annotated[str, sid("FO", "Flex Flow"), Ref("FlexFlow")]
    identity: Annotated[str, Field(min_length=1)]
    chat_user_friendly_name: Annotated[str, Field(min_length=1)]
    chat_friendly_name: Annotated[str, Field(min_length=1)]
    target: str | None = None
    chat_unique_name: str | None = None
    pre_engagement_data: Annotated[json_document | None, JsonText()] = None
    task_sid: Annotated[str | None, sid("WT", "TaskRouter Task")] = None
    task_attributes: Annotated[json_document | None, JsonText()] = None
    long_lived: bool | None = None


CHANNEL = ResourceSpec(
    name="Channel",
    client_attr="channels",
    resource=False,
    inputs=ChannelInputs,
    collection_path="/v1/Channels",
    list_key="flex_chat_channels",
    sid_prefix="CH",
    sid_description="Chat Channel",
    computed=("sid", "account_sid", "user_sid", "task_sid", "url", "date_created", "date_updated"),
)
