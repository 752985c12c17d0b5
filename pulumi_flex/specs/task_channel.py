"""TaskChannel (``TC``): a TaskRouter task channel, such as voice, chat or sms.

``unique_name`` cannot change after create; the built-in channels of a workspace cannot be
deleted (docs/twilio-api-notes.md §12.2).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import CreateOnly, Discovery, ResourceSpec, SpecModel
from .workspace import WorkspaceSid, provisioned_by_flex


class TaskChannelInputs(SpecModel):
    """The inputs of a task channel."""

    workspace_sid: WorkspaceSid
    friendly_name: Annotated[str, Field(min_length=1, max_length=64, description="The channel's name.")]
    unique_name: Annotated[
        str, Field(min_length=1, description="The channel's unique name, e.g. ``chat``."), CreateOnly()
    ]
    channel_optimized_routing: Annotated[
        bool | None, Field(description="Whether TaskRouter prefers idle workers of this channel.")
    ] = None


TASK_CHANNEL = ResourceSpec(
    name="TaskChannel",
    client_attr="task_channels",
    service="taskrouter",
    doc="""A TaskRouter task channel (``TC…``): the kind of work a task is (voice, chat, sms…).

    ``friendly_name`` and ``channel_optimized_routing`` update in place; a new ``unique_name``
    or ``workspace_sid`` replaces it. Destroy deletes it; the built-in channels cannot be
    deleted.""",
    inputs=TaskChannelInputs,
    collection_path="/v1/Workspaces/{workspace_sid}/TaskChannels",
    list_key="channels",  # Twilio's spec names the list "channels", not "task_channels"
    sid_prefix="TC",
    sid_description="TaskRouter Task Channel",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    discovery=Discovery(section="", name_from="unique_name", retain=provisioned_by_flex),
)
