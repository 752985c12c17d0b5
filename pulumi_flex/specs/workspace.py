"""Workspace (``WS``): a TaskRouter workspace, the container of a contact center's routing.

Every Flex account has the "Flex Task Assignment" workspace that Flex provisioning made; a
stack adopts it (``adopt_sid`` or ``pulumi-flex discover``), and destroy leaves it in place,
because deleting it would break Flex (docs/twilio-api-notes.md §12.2). Deleting any other
workspace deletes everything in it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .base import (
    Computed,
    CreateOnly,
    Discovery,
    DiscoveryContext,
    Record,
    Ref,
    ResourceSpec,
    SpecModel,
    UpdateOnly,
    WriteOnly,
    http_url,
    sid,
)

FLEX_WORKSPACE_NAME = "Flex Task Assignment"


# The parent input of every object that lives in a workspace (its path names it; moving means replace).
WorkspaceSid = Annotated[
    str,
    sid("WS", "TaskRouter Workspace"),
    CreateOnly(),
    Ref("Workspace"),
    Field(description="The workspace (``WS…``) it belongs to."),
]


def provisioned_by_flex(ctx: DiscoveryContext, record: Record) -> bool:
    """Whether ``record`` is Flex's own workspace or lives in it: discover's program keeps such
    objects when the stack is destroyed, since Flex routes every task through them."""
    if record.get("friendly_name") == FLEX_WORKSPACE_NAME and str(record.get("sid", "")).startswith("WS"):
        return True
    parent = record.get("workspace_sid")
    return any(
        w["sid"] == parent and w.get("friendly_name") == FLEX_WORKSPACE_NAME
        for w in ctx.found.get("Workspace", [])
    )


class WorkspaceInputs(SpecModel):
    """The inputs of a TaskRouter workspace."""

    friendly_name: Annotated[str, Field(min_length=1, max_length=64, description="The workspace's name.")]
    event_callback_url: Annotated[
        str | None, AfterValidator(http_url), Field(description="The URL TaskRouter sends events to.")
    ] = None
    events_filter: Annotated[
        str | None,
        Field(description="The events to send, comma-separated, e.g. ``task.created,task.completed``."),
    ] = None
    multi_task_enabled: Annotated[
        bool | None, Field(description="Whether workers can take several tasks at once (Flex needs it).")
    ] = None
    template: Annotated[
        Literal["FIFO"] | None,
        CreateOnly(),
        WriteOnly(),
        Field(description="``FIFO`` makes a default set of activities, a queue and a workflow at create."),
    ] = None
    prioritize_queue_order: Annotated[
        Literal["FIFO", "LIFO"] | None,
        Field(description="How tasks of equal priority are ordered across queues."),
    ] = None
    default_activity_sid: Annotated[
        str | None,
        sid("WA", "TaskRouter Activity"),
        UpdateOnly(),
        Ref("Activity"),
        Field(description="The activity (``WA…``) of new workers; set after create."),
    ] = None
    timeout_activity_sid: Annotated[
        str | None,
        sid("WA", "TaskRouter Activity"),
        UpdateOnly(),
        Ref("Activity"),
        Field(
            description="The activity (``WA…``) a worker gets when a reservation times out; set after create."
        ),
    ] = None


WORKSPACE = ResourceSpec(
    name="Workspace",
    client_attr="workspaces",
    service="taskrouter",
    doc="""A TaskRouter workspace (``WS…``): activities, task channels, queues and workflows live in it.

    Every input updates in place but ``template``. ``default_activity_sid`` and
    ``timeout_activity_sid`` are set with an update after create (the API's create does not take
    them). **Destroy deletes the workspace and everything in it**, except Flex's own "Flex Task
    Assignment" workspace, which destroy leaves in place (deleting it would break Flex): adopt
    that one with ``adopt_sid``.""",
    inputs=WorkspaceInputs,
    collection_path="/v1/Workspaces",
    list_key="workspaces",
    sid_prefix="WS",
    sid_description="TaskRouter Workspace",
    computed=(
        "sid",
        "account_sid",
        "url",
        "date_created",
        "date_updated",
        Computed("default_activity_name", "str | None", "The name of the default activity."),
        Computed("timeout_activity_name", "str | None", "The name of the timeout activity."),
    ),
    provider="workspace:WorkspaceProvider",
    destroy="deletes it and its contents (Flex's own workspace: left in place)",
    discovery=Discovery(section="TaskRouter", name_from="friendly_name", retain=provisioned_by_flex),
)
