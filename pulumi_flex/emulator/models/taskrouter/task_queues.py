"""Task queues (``/taskrouter/v1/Workspaces/{WorkspaceSid}/TaskQueues``, SID ``WQ``): state and rules.

Source: ``taskrouter.v1.workspace.task_queue`` in Twilio's OpenAPI and docs/twilio-api-notes.md §12.2.

* Create: ``FriendlyName`` (required), ``TargetWorkers`` (default ``1==1``; sent empty, it is null: tasks
  wait), ``MaxReservedWorkers`` (1 to 50, default 1), ``TaskOrder`` (``FIFO``/``LIFO``, default FIFO),
  ``ReservationActivitySid`` and ``AssignmentActivitySid`` (activities of this workspace, else a 400 naming
  the parameter). Update: the same, all optional; an empty activity SID clears it.
* The response names the reservation and assignment activities as they are now (``*_activity_name``;
  null once the activity is deleted, when the SID stays).
* List filter ``FriendlyName`` (exact); ``EvaluateWorkerAttributes``, ``WorkerSid`` and ``Ordering`` are
  accepted and ignored (no workers are emulated).
* Delete is refused with a 400 while a workflow of the workspace routes to the queue; the message names the
  workflows (SID and name).
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.taskrouter.common import (
    TASK_QUEUE_KIND,
    WORKFLOW_KIND,
    WORKSPACES_PATH,
    WorkspaceScoped,
    activity_name,
    require_activity,
)
from pulumi_flex.emulator.models.taskrouter.workflows import routed_queues
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import CLEARABLE, NON_EMPTY, FormModel, form_int, one_of, sid, validate
from pulumi_flex.emulator.wire import Form, JsonObject, in_use

TASK_ORDERS = ("FIFO", "LIFO")
MAX_RESERVED_WORKERS = 50
ACTIVITY_PARAMS = (
    ("reservation_activity_sid", "ReservationActivitySid"),
    ("assignment_activity_sid", "AssignmentActivitySid"),
)


class TaskQueueParams(FormModel):
    """What create and update share; every parameter optional (an update)."""

    friendly_name: Annotated[str, NON_EMPTY] | None = None
    target_workers: Annotated[str | None, CLEARABLE] = None
    max_reserved_workers: Annotated[int, form_int(1, MAX_RESERVED_WORKERS)] | None = None
    task_order: Annotated[str, one_of(TASK_ORDERS)] | None = None
    reservation_activity_sid: Annotated[str | None, sid("WA"), CLEARABLE] = None
    assignment_activity_sid: Annotated[str | None, sid("WA"), CLEARABLE] = None


class NewTaskQueue(TaskQueueParams):
    """A create: ``FriendlyName`` is required; TaskRouter's defaults otherwise."""

    friendly_name: Annotated[str, NON_EMPTY]
    target_workers: Annotated[str | None, CLEARABLE] = "1==1"
    max_reserved_workers: Annotated[int, form_int(1, MAX_RESERVED_WORKERS)] = 1
    task_order: Annotated[str, one_of(TASK_ORDERS)] = "FIFO"


class TaskQueueFilter(FormModel):
    """The list filter: ``FriendlyName``, an exact match (the spec's other filters are ignored)."""

    friendly_name: Annotated[str | None, CLEARABLE] = None


class TaskQueues(WorkspaceScoped):
    """``…/Workspaces/{WorkspaceSid}/TaskQueues`` (``WQ``): activities of this workspace only; a queue a
    workflow routes to cannot be deleted."""

    kind = TASK_QUEUE_KIND
    sid_prefix = "WQ"
    list_path = WORKSPACES_PATH + "/{WorkspaceSid}/TaskQueues"
    list_key = "task_queues"
    filters = TaskQueueFilter
    noun = "TaskQueues"

    def check_activities(self, fields: Doc, ctx: Context) -> None:
        """400 naming the parameter for an activity SID that is not this workspace's."""
        for field, param in ACTIVITY_PARAMS:
            if fields.get(field) is not None:
                require_activity(self.store, ctx.account_sid, self.parent, fields[field], param)

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """The parameters with TaskRouter's defaults; the activities must be this workspace's."""
        fields = validate(NewTaskQueue, form).model_dump()
        self.check_activities(fields, ctx)
        return fields

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """The parameters sent; an empty value clears ``TargetWorkers`` or an activity."""
        changes = validate(TaskQueueParams, form).model_dump(exclude_unset=True)
        self.check_activities(changes, ctx)
        return changes

    def check_deletable(self, doc: Doc, ctx: Context) -> None:
        """400 while any workflow of the workspace routes to the queue, naming the workflows."""
        users = [
            workflow
            for workflow in self.store.every(WORKFLOW_KIND, ctx.account_sid, parent=self.parent)
            if doc["sid"] in routed_queues(workflow.get("routing"))
        ]
        if users:
            named = ", ".join(f"{w['sid']} ({w['friendly_name']})" for w in users)
            raise in_use(
                f"Task queue {doc['sid']} ({doc['friendly_name']}) cannot be deleted: workflow {named} "
                "routes to it; change the workflow's configuration first"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A task queue with the current names of its activities and Twilio's ``links``."""
        url = self.instance_url(doc["sid"], ctx)
        workspace_url = self.workspace_url(ctx)
        account = doc["account_sid"]
        links = {"workspace": workspace_url}
        for field, key in (
            ("assignment_activity_sid", "assignment_activity"),
            ("reservation_activity_sid", "reservation_activity"),
        ):
            if doc.get(field) is not None:
                links[key] = f"{workspace_url}/Activities/{doc[field]}"
        links.update(
            statistics=f"{url}/Statistics",
            real_time_statistics=f"{url}/RealTimeStatistics",
            cumulative_statistics=f"{url}/CumulativeStatistics",
            list_statistics=f"{workspace_url}/TaskQueues/Statistics",
            bulk_real_time_statistics=f"{workspace_url}/TaskQueues/RealTimeStatistics",
        )
        return {
            "account_sid": account,
            "assignment_activity_name": activity_name(
                self.store, account, doc.get("assignment_activity_sid")
            ),
            "assignment_activity_sid": doc.get("assignment_activity_sid"),
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "friendly_name": doc["friendly_name"],
            "max_reserved_workers": doc["max_reserved_workers"],
            "links": links,
            "reservation_activity_name": activity_name(
                self.store, account, doc.get("reservation_activity_sid")
            ),
            "reservation_activity_sid": doc.get("reservation_activity_sid"),
            "sid": doc["sid"],
            "target_workers": doc.get("target_workers"),
            "task_order": doc["task_order"],
            "url": url,
            "workspace_sid": doc["workspace_sid"],
        }
