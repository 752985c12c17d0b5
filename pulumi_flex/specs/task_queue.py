"""TaskQueue (``WQ``): a TaskRouter queue: which workers (``target_workers``) take its tasks.

Every field updates in place. A queue that a workflow routes to cannot be deleted
(docs/twilio-api-notes.md §12.2).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import Computed, Discovery, Ref, ResourceSpec, SpecModel, sid
from .workspace import WorkspaceSid, provisioned_by_flex


class TaskQueueInputs(SpecModel):
    """The inputs of a task queue."""

    workspace_sid: WorkspaceSid
    friendly_name: Annotated[str, Field(min_length=1, max_length=64, description="The queue's name.")]
    target_workers: Annotated[
        str | None,
        Field(min_length=1, description='Which workers take its tasks, e.g. ``routing.skills HAS "sales"``.'),
    ] = None
    max_reserved_workers: Annotated[
        int | None, Field(ge=1, le=50, description="How many workers a task may reserve at once, 1 to 50.")
    ] = None
    task_order: Annotated[
        Literal["FIFO", "LIFO"] | None, Field(description="The order tasks are assigned in.")
    ] = None
    reservation_activity_sid: Annotated[
        str | None,
        sid("WA", "TaskRouter Activity"),
        Ref("Activity"),
        Field(description="The activity (``WA…``) a worker gets when reserved for a task."),
    ] = None
    assignment_activity_sid: Annotated[
        str | None,
        sid("WA", "TaskRouter Activity"),
        Ref("Activity"),
        Field(description="The activity (``WA…``) a worker gets when assigned a task."),
    ] = None


TASK_QUEUE = ResourceSpec(
    name="TaskQueue",
    client_attr="task_queues",
    service="taskrouter",
    doc="""A TaskRouter task queue (``WQ…``): its target workers expression, reservation and
    assignment activities, task order and reservation limit.

    Every input updates in place but ``workspace_sid``. Destroy deletes it; TaskRouter refuses
    while a workflow routes to it (Pulumi deletes the workflow first when it refers to the
    queue's ``sid``).""",
    inputs=TaskQueueInputs,
    collection_path="/v1/Workspaces/{workspace_sid}/TaskQueues",
    list_key="task_queues",
    sid_prefix="WQ",
    sid_description="TaskRouter Task Queue",
    computed=(
        "sid",
        "account_sid",
        "url",
        "date_created",
        "date_updated",
        Computed("reservation_activity_name", "str | None", "The name of the reservation activity."),
        Computed("assignment_activity_name", "str | None", "The name of the assignment activity."),
    ),
    discovery=Discovery(section="", name_from="friendly_name", retain=provisioned_by_flex),
)
