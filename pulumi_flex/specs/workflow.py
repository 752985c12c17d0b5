"""Workflow (``WW``): a TaskRouter workflow, whose ``configuration`` routes tasks to queues.

The configuration is a JSON routing document; Twilio returns it re-serialized, so it is compared
canonically (docs/twilio-api-notes.md §12.2). Its shape is checked at preview:
``task_routing.filters[]`` with ``targets[].queue``, and ``task_routing.default_filter.queue``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from .base import (
    Discovery,
    JsonText,
    ResourceSpec,
    SpecModel,
    UpdateOnly,
    WriteOnly,
    http_url,
    json_document,
    parsed_document,
)
from .workspace import WorkspaceSid, provisioned_by_flex

_QUEUE = re.compile(r"^WQ[0-9a-fA-F]{32}$")
EXAMPLE_ROUTING = {
    "task_routing": {
        "filters": [
            {
                "filter_friendly_name": "sales",
                "expression": 'skill == "sales"',
                "targets": [{"queue": "WQ" + "0" * 32}],
            }
        ],
        "default_filter": {"queue": "WQ" + "0" * 32},
    }
}


class WorkflowInputs(SpecModel):
    """The inputs of a workflow."""

    workspace_sid: WorkspaceSid
    friendly_name: Annotated[str, Field(min_length=1, max_length=64, description="The workflow's name.")]
    configuration: Annotated[
        json_document,
        JsonText(),
        Field(
            description="The routing document, a dict (its values may be Outputs, such as a queue's "
            "``sid``) or JSON text: ``{'task_routing': {'filters': [...], 'default_filter': …}}``.",
            examples=[EXAMPLE_ROUTING],
        ),
    ]
    assignment_callback_url: Annotated[
        str | None, AfterValidator(http_url), Field(description="The URL told about each assignment.")
    ] = None
    fallback_assignment_callback_url: Annotated[
        str | None, AfterValidator(http_url), Field(description="The URL used when the first one fails.")
    ] = None
    task_reservation_timeout: Annotated[
        int | None,
        Field(ge=1, le=86400, description="Seconds a worker has to accept a reservation, 1 to 86400."),
    ] = None
    re_evaluate_tasks: Annotated[
        bool | None,
        UpdateOnly(),
        WriteOnly(),
        Field(description="On an update, re-route the tasks pending in the workflow."),
    ] = None


def _routing_problems(document: Any) -> Iterator[tuple[str, str]]:
    """Where the routing document departs from TaskRouter's shape (paths under ``configuration``)."""
    if not isinstance(document, Mapping):
        yield ("configuration", "must be a JSON object with a task_routing key")
        return
    routing = document.get("task_routing")
    if not isinstance(routing, Mapping):
        yield ("configuration.task_routing", "is required: an object with filters and default_filter")
        return
    filters = routing.get("filters", [])
    if not isinstance(filters, list):
        yield ("configuration.task_routing.filters", "must be a list of filters")
        filters = []
    for i, rule in enumerate(filters):
        where = f"configuration.task_routing.filters.{i}"
        if not isinstance(rule, Mapping):
            yield (where, "must be an object with expression and targets")
            continue
        targets = rule.get("targets")
        if not isinstance(targets, list) or not targets:
            yield (f"{where}.targets", "is required: a list of targets, each with a queue")
            continue
        for j, target in enumerate(targets):
            yield from _queue_problems(target, f"{where}.targets.{j}")
    default = routing.get("default_filter")
    if default is None:
        yield ("configuration.task_routing.default_filter", "is required: {'queue': 'WQ…'}")
    else:
        yield from _queue_problems(default, "configuration.task_routing.default_filter")


def _queue_problems(target: Any, where: str) -> Iterator[tuple[str, str]]:
    if not isinstance(target, Mapping):
        yield (where, "must be an object with a queue")
        return
    queue = target.get("queue")
    if queue is None:
        yield (f"{where}.queue", "is required: a TaskQueue SID ('WQ' followed by 32 hex digits)")
    elif not (isinstance(queue, str) and _QUEUE.match(queue)):
        yield (f"{where}.queue", f"must be a TaskQueue SID: 'WQ' followed by 32 hex digits (got {queue!r})")


def routing_document_shape(inputs: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """TaskRouter refuses a configuration without task routing, filters' targets or a default queue."""
    document = parsed_document(inputs.get("configuration"))
    if document is not None:
        yield from _routing_problems(document)


WORKFLOW = ResourceSpec(
    name="Workflow",
    client_attr="workflows",
    service="taskrouter",
    doc="""A TaskRouter workflow (``WW…``): routes tasks to queues by its ``configuration``.

    ``configuration`` is a dict (values may be Outputs, such as ``queue.sid``) or JSON text; it
    is compared by content, so key order and spacing never show as changes. Its shape is checked
    at preview. Every input updates in place but ``workspace_sid``; destroy deletes it.""",
    inputs=WorkflowInputs,
    collection_path="/v1/Workspaces/{workspace_sid}/Workflows",
    list_key="workflows",
    sid_prefix="WW",
    sid_description="TaskRouter Workflow",
    computed=("sid", "account_sid", "url", "date_created", "date_updated"),
    rules=(routing_document_shape,),
    discovery=Discovery(section="", name_from="friendly_name", retain=provisioned_by_flex),
)
