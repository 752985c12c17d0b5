"""Workspaces (``/taskrouter/v1/Workspaces``, SID ``WS``): state and rules.

Source: ``taskrouter.v1.workspace`` in Twilio's OpenAPI and docs/twilio-api-notes.md §12.2.

* Create: ``FriendlyName`` (required, at most 64 characters), ``EventCallbackUrl``, ``EventsFilter``,
  ``MultiTaskEnabled`` (default true), ``PrioritizeQueueOrder`` (``FIFO``/``LIFO``, default FIFO) and
  ``Template`` (``NONE``/``FIFO``, default NONE; create-only). Every new workspace gets the activities
  Offline (its default and timeout activity), Available and Unavailable, and the built-in task channels
  default, voice, chat, sms, video and email; ``FIFO`` adds the queue "Sample Queue" (``1==1``) and the
  workflow "Default Fifo Workflow" routing everything to it.
* Update: the same but ``Template``, plus ``DefaultActivitySid`` and ``TimeoutActivitySid``, which must name
  activities of this workspace (400 naming the parameter otherwise).
* The response names the default and timeout activities (``*_activity_name``) as they are now.
* Delete removes the workspace and everything in it, in one transaction.
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Collection, Context, now
from pulumi_flex.emulator.models.taskrouter.common import (
    WORKSPACE_CONTENTS,
    WORKSPACE_KIND,
    WORKSPACES_PATH,
    WRITE_LOCK,
    FriendlyName,
    WorkspaceBuilder,
    activity_name,
    everything_to,
    require_activity,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import CLEARABLE, URL, FormBool, FormModel, one_of, sid, validate
from pulumi_flex.emulator.wire import Form, JsonObject, not_found

QUEUE_ORDERS = ("FIFO", "LIFO")
TEMPLATES = ("NONE", "FIFO")


class WorkspaceParams(FormModel):
    """What create and update share; every parameter optional (an update)."""

    friendly_name: FriendlyName | None = None
    event_callback_url: Annotated[str | None, URL, CLEARABLE] = None
    events_filter: Annotated[str | None, CLEARABLE] = None
    multi_task_enabled: FormBool | None = None
    prioritize_queue_order: Annotated[str, one_of(QUEUE_ORDERS)] | None = None


class WorkspaceUpdate(WorkspaceParams):
    """An update: the create parameters but ``Template``, and the default and timeout activities."""

    default_activity_sid: Annotated[str, sid("WA")] | None = None
    timeout_activity_sid: Annotated[str, sid("WA")] | None = None


class NewWorkspace(WorkspaceParams):
    """A create: ``FriendlyName`` is required; multi-tasking is on and queues are FIFO by default."""

    friendly_name: FriendlyName
    multi_task_enabled: FormBool = True
    prioritize_queue_order: Annotated[str, one_of(QUEUE_ORDERS)] = "FIFO"
    template: Annotated[str, one_of(TEMPLATES)] = "NONE"


class WorkspaceFilter(FormModel):
    """The list filter: ``FriendlyName``, an exact match."""

    friendly_name: Annotated[str | None, CLEARABLE] = None


class Workspaces(Collection):
    """``/taskrouter/v1/Workspaces`` (``WS``): made with default activities and channels; delete cascades."""

    kind = WORKSPACE_KIND
    sid_prefix = "WS"
    list_path = WORKSPACES_PATH
    list_key = "workspaces"
    filters = WorkspaceFilter

    def create(self, form: Form, ctx: Context) -> JsonObject:
        """Store the workspace with its activities and channels (and the FIFO template's queue and workflow)
        in one transaction."""
        params = validate(NewWorkspace, form)
        fields = params.model_dump(exclude={"template"})
        builder = WorkspaceBuilder(ctx.account_sid, now())
        workspace = builder.workspace(fields)
        if params.template == "FIFO":
            queue = builder.queue(workspace["sid"], "Sample Queue")
            builder.workflow(
                workspace["sid"], "Default Fifo Workflow", everything_to(queue["sid"], "Sample Queue")
            )
        self.store.insert_many(builder.rows)
        return self.render(workspace, ctx)

    def update(self, sid: str, form: Form, ctx: Context) -> JsonObject:
        """Update under the write lock (the activities named must stay in place meanwhile)."""
        with WRITE_LOCK:
            return super().update(sid, form, ctx)

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """The parameters sent; ``DefaultActivitySid`` and ``TimeoutActivitySid`` must be this workspace's."""
        params = validate(WorkspaceUpdate, form)
        changes = params.model_dump(exclude_unset=True)
        for field, param in (
            ("default_activity_sid", "DefaultActivitySid"),
            ("timeout_activity_sid", "TimeoutActivitySid"),
        ):
            if changes.get(field) is not None:
                require_activity(self.store, ctx.account_sid, doc["sid"], changes[field], param)
            else:
                changes.pop(field, None)
        return changes

    def delete(self, sid: str, ctx: Context) -> None:
        """Delete the workspace and everything in it."""
        self.require_valid_sid(sid)
        with WRITE_LOCK:
            if not self.store.delete_with_children(self.kind, ctx.account_sid, sid, WORKSPACE_CONTENTS):
                raise not_found(self.instance_path(sid))

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A workspace as Twilio renders it, with the current names of its default and timeout activities."""
        url = self.instance_url(doc["sid"], ctx)
        account = doc["account_sid"]
        return {
            "account_sid": account,
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "default_activity_name": activity_name(self.store, account, doc.get("default_activity_sid")),
            "default_activity_sid": doc.get("default_activity_sid"),
            "event_callback_url": doc.get("event_callback_url"),
            "events_filter": doc.get("events_filter"),
            "friendly_name": doc["friendly_name"],
            "links": {
                "activities": f"{url}/Activities",
                "statistics": f"{url}/Statistics",
                "real_time_statistics": f"{url}/RealTimeStatistics",
                "cumulative_statistics": f"{url}/CumulativeStatistics",
                "task_queues": f"{url}/TaskQueues",
                "tasks": f"{url}/Tasks",
                "workers": f"{url}/Workers",
                "workflows": f"{url}/Workflows",
                "task_channels": f"{url}/TaskChannels",
                "events": f"{url}/Events",
            },
            "multi_task_enabled": doc["multi_task_enabled"],
            "prioritize_queue_order": doc["prioritize_queue_order"],
            "sid": doc["sid"],
            "timeout_activity_name": activity_name(self.store, account, doc.get("timeout_activity_sid")),
            "timeout_activity_sid": doc.get("timeout_activity_sid"),
            "url": url,
        }
