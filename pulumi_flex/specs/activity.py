"""Activity (``WA``): a TaskRouter worker activity, such as Available or Break.

``available`` cannot change after create. An activity that is its workspace's default or
timeout activity, or that workers are in, cannot be deleted (docs/twilio-api-notes.md §12.2).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import CreateOnly, Discovery, ResourceSpec, SpecModel
from .workspace import WorkspaceSid, provisioned_by_flex


class ActivityInputs(SpecModel):
    """The inputs of an activity."""

    workspace_sid: WorkspaceSid
    friendly_name: Annotated[str, Field(min_length=1, max_length=64, description="The activity's name.")]
    available: Annotated[
        bool | None, CreateOnly(), Field(description="Whether workers in this activity can take tasks.")
    ] = None


ACTIVITY = ResourceSpec(
    name="Activity",
    client_attr="activities",
    service="taskrouter",
    doc="""A TaskRouter activity (``WA…``): what a worker is doing, and whether it can take tasks.

    ``friendly_name`` updates in place; a new ``available`` or ``workspace_sid`` replaces it.
    Destroy deletes it; TaskRouter refuses while it is the workspace's default or timeout
    activity or workers are in it.""",
    inputs=ActivityInputs,
    collection_path="/v1/Workspaces/{workspace_sid}/Activities",
    list_key="activities",
    sid_prefix="WA",
    sid_description="TaskRouter Activity",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    discovery=Discovery(section="", name_from="friendly_name", retain=provisioned_by_flex),
)
