"""Workflows (``/taskrouter/v1/Workspaces/{WorkspaceSid}/Workflows``, SID ``WW``): state and rules.

Source: ``taskrouter.v1.workspace.workflow`` in Twilio's OpenAPI and docs/twilio-api-notes.md §12.2.

* Create: ``FriendlyName`` and ``Configuration`` are required; ``AssignmentCallbackUrl``,
  ``FallbackAssignmentCallbackUrl`` (absolute http(s) URLs) and ``TaskReservationTimeout`` (1 to 86400,
  default 120) are optional. Update: the same, all optional, plus ``ReEvaluateTasks`` (``true``/``false``;
  accepted and otherwise without effect, as no tasks are emulated).
* ``Configuration`` is JSON text: an object with ``task_routing``, an object whose ``filters`` (optional) is
  a list of objects each with a ``targets`` list of objects with a ``queue``, and whose ``default_filter``
  (optional) is an object with a ``queue``. Every ``queue`` must be a task queue of this workspace. Anything
  else is a 400 naming ``Configuration`` and the place in the document.
* The configuration is stored parsed and returned **re-serialized** as a string (``json.dumps`` with sorted
  keys and its default spacing), so it rarely equals the text sent: compare it parsed.
* ``document_content_type`` is ``application/json``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.taskrouter.common import (
    DEFAULT_TASK_RESERVATION_TIMEOUT,
    TASK_QUEUE_KIND,
    WORKFLOW_KIND,
    WORKSPACES_PATH,
    WorkspaceScoped,
)
from pulumi_flex.emulator.store import Doc, Store
from pulumi_flex.emulator.validation import (
    CLEARABLE,
    NON_EMPTY,
    URL,
    FormBool,
    FormModel,
    JsonObjectText,
    form_int,
    validate,
)
from pulumi_flex.emulator.wire import Form, JsonObject, invalid_parameter, sid_pattern

QUEUE_SID = sid_pattern("WQ")
MAX_TASK_RESERVATION_TIMEOUT = 86_400


class WorkflowParams(FormModel):
    """What create and update share; every parameter optional (an update)."""

    friendly_name: Annotated[str, NON_EMPTY] | None = None
    configuration: JsonObjectText | None = None
    assignment_callback_url: Annotated[str | None, URL, CLEARABLE] = None
    fallback_assignment_callback_url: Annotated[str | None, URL, CLEARABLE] = None
    task_reservation_timeout: Annotated[int, form_int(1, MAX_TASK_RESERVATION_TIMEOUT)] | None = None


class WorkflowUpdate(WorkflowParams):
    """An update: the create parameters, all optional, and ``ReEvaluateTasks``."""

    re_evaluate_tasks: FormBool | None = None


class NewWorkflow(WorkflowParams):
    """A create: ``FriendlyName`` and ``Configuration`` are required."""

    friendly_name: Annotated[str, NON_EMPTY]
    configuration: JsonObjectText
    task_reservation_timeout: Annotated[int, form_int(1, MAX_TASK_RESERVATION_TIMEOUT)] = (
        DEFAULT_TASK_RESERVATION_TIMEOUT
    )


class WorkflowFilter(FormModel):
    """The list filter: ``FriendlyName``, an exact match."""

    friendly_name: Annotated[str | None, CLEARABLE] = None


def _queue_refs(routing: Any) -> list[tuple[str, Any]]:
    """``(place, value)`` of every ``queue`` in a routing document, or ValueError saying what is wrong."""
    if not isinstance(routing, dict) or not isinstance(routing.get("task_routing"), dict):
        raise ValueError('expected a JSON object with a "task_routing" object')
    task_routing = routing["task_routing"]
    refs: list[tuple[str, Any]] = []
    filters = task_routing.get("filters", [])
    if not isinstance(filters, list):
        raise ValueError("task_routing.filters must be a list")
    for i, routing_filter in enumerate(filters):
        place = f"task_routing.filters[{i}]"
        if not isinstance(routing_filter, dict):
            raise ValueError(f"{place} must be an object")
        targets = routing_filter.get("targets")
        if not isinstance(targets, list) or not targets:
            raise ValueError(f"{place}.targets must be a non-empty list of targets")
        if "expression" in routing_filter and not isinstance(routing_filter["expression"], str):
            raise ValueError(f"{place}.expression must be a string")
        for j, target in enumerate(targets):
            if not isinstance(target, dict) or "queue" not in target:
                raise ValueError(f"{place}.targets[{j}] must be an object with a queue")
            refs.append((f"{place}.targets[{j}].queue", target["queue"]))
    if "default_filter" in task_routing:
        default = task_routing["default_filter"]
        if not isinstance(default, dict) or "queue" not in default:
            raise ValueError("task_routing.default_filter must be an object with a queue")
        refs.append(("task_routing.default_filter.queue", default["queue"]))
    return refs


def routed_queues(routing: Any) -> set[str]:
    """The queue SIDs a stored (valid) routing document routes to."""
    try:
        return {value for _, value in _queue_refs(routing) if isinstance(value, str)}
    except ValueError:
        return set()


def check_routing(store: Store, account_sid: str, workspace_sid: str, routing: dict[str, Any]) -> None:
    """400 naming ``Configuration`` unless ``routing`` is a routing document whose queues are all task
    queues of the workspace."""
    try:
        refs = _queue_refs(routing)
    except ValueError as exc:
        raise invalid_parameter("Configuration", str(exc)) from None
    for place, value in refs:
        if not isinstance(value, str) or not QUEUE_SID.match(value):
            raise invalid_parameter("Configuration", f"{place} must be a task queue SID (WQ…)")
        queue = store.get(TASK_QUEUE_KIND, account_sid, value)
        if queue is None or queue.get("workspace_sid") != workspace_sid:
            raise invalid_parameter(
                "Configuration", f"{place} {value} is not a task queue of workspace {workspace_sid}"
            )


def render_routing(routing: dict[str, Any]) -> str:
    """The configuration as Twilio returns it: re-serialized JSON text, not the text sent."""
    return json.dumps(routing, sort_keys=True, ensure_ascii=False)


class Workflows(WorkspaceScoped):
    """``…/Workspaces/{WorkspaceSid}/Workflows`` (``WW``): a routing document over this workspace's queues."""

    kind = WORKFLOW_KIND
    sid_prefix = "WW"
    list_path = WORKSPACES_PATH + "/{WorkspaceSid}/Workflows"
    list_key = "workflows"
    filters = WorkflowFilter
    noun = "Workflows"

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """Require the name and a routing document over this workspace's queues."""
        params = validate(NewWorkflow, form)
        check_routing(self.store, ctx.account_sid, self.parent, params.configuration)
        fields = params.model_dump(exclude={"configuration"})
        return {**fields, "routing": params.configuration}

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """The parameters sent; a new ``Configuration`` is checked like a create's."""
        params = validate(WorkflowUpdate, form)
        changes = params.model_dump(exclude_unset=True, exclude={"configuration", "re_evaluate_tasks"})
        if params.configuration is not None:
            check_routing(self.store, ctx.account_sid, self.parent, params.configuration)
            changes["routing"] = params.configuration
        return changes

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A workflow; ``configuration`` is the re-serialized routing document."""
        url = self.instance_url(doc["sid"], ctx)
        return {
            "account_sid": doc["account_sid"],
            "assignment_callback_url": doc.get("assignment_callback_url"),
            "configuration": render_routing(doc["routing"]),
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "document_content_type": "application/json",
            "fallback_assignment_callback_url": doc.get("fallback_assignment_callback_url"),
            "friendly_name": doc["friendly_name"],
            "sid": doc["sid"],
            "task_reservation_timeout": doc["task_reservation_timeout"],
            "workspace_sid": doc["workspace_sid"],
            "url": url,
            "links": {
                "statistics": f"{url}/Statistics",
                "real_time_statistics": f"{url}/RealTimeStatistics",
                "cumulative_statistics": f"{url}/CumulativeStatistics",
            },
        }
