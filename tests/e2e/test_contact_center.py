"""The contact-center resources (TaskRouter, Studio, Conversations) through the real CLI: preview,
up, a no-change preview, updates in place, replacements where a create-only input changes,
refresh after out-of-band edits and deletes, adoption and `.get()`, and a destroy whose in-use
deletes come in dependency order."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

TR = "/taskrouter/v1/Workspaces"
STUDIO = "/studio/v2/Flows"
ADDRESSES = "/conversations/v1/Configuration/Addresses"

PROGRAM = """
import pulumi
import pulumi_flex as flex

c = pulumi.Config()
workspace = flex.Workspace("workspace", friendly_name=c.require("workspaceName"), multi_task_enabled=True)
busy = flex.Activity(
    "busy", workspace_sid=workspace.sid, friendly_name=c.require("activityName"),
    available=c.require_bool("available"),
)
chat = flex.TaskChannel(
    "chat", workspace_sid=workspace.sid, friendly_name="Chat", unique_name=c.require("channel")
)
sales = flex.TaskQueue(
    "sales", workspace_sid=workspace.sid, friendly_name="Sales", target_workers=c.require("target"),
    reservation_activity_sid=busy.sid,
)
routing = flex.Workflow(
    "routing", workspace_sid=workspace.sid, friendly_name="Route",
    task_reservation_timeout=c.require_int("timeout"),
    configuration={
        "task_routing": {
            "filters": [
                {"filter_friendly_name": "sales", "expression": "1==1", "targets": [{"queue": sales.sid}]}
            ],
            "default_filter": {"queue": sales.sid},
        }
    },
)
flow = flex.StudioFlow(
    "messaging", friendly_name="Messaging", status="published", commit_message=c.require("commit"),
    definition={
        "description": "to Flex",
        "initial_state": "Trigger",
        "flags": {"allow_concurrent_calls": True},
        "states": [
            {"name": "Trigger", "type": "trigger", "properties": {},
             "transitions": [{"event": "incomingConversationMessage", "next": "Send"}]},
            {"name": "Send", "type": "send-to-flex", "transitions": [],
             "properties": {"workflow": routing.sid, "channel": chat.sid}},
        ],
    },
)
address = flex.AddressConfiguration(
    "address", type="sms", address=c.require("address"), friendly_name=c.require("addressName"),
    auto_creation={"enabled": True, "type": "studio", "studio_flow_sid": flow.sid},
)
flex.FlexFlow(
    "legacy-flow", friendly_name="Studio flow", chat_service_sid="IS" + "5" * 32, channel_type="sms",
    integration_type="studio", integration={"flow_sid": flow.sid},
)
for name, value in {
    "workspace": workspace.sid, "activity": busy.sid, "channel": chat.sid, "queue": sales.sid,
    "workflow": routing.sid, "flow": flow.sid, "address": address.sid, "revision": flow.revision,
}.items():
    pulumi.export(name, value)
"""

SETTINGS = {
    "workspaceName": "Support",
    "activityName": "Busy",
    "available": "false",
    "channel": "chat-e2e",
    "target": "1==1",
    "timeout": "120",
    "commit": "first",
    "address": "+15555550123",
    "addressName": "Inbound",
}


def get(http: httpx.Client, path: str) -> Any:
    response = http.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def planned(stack: PulumiProject) -> Counter[str]:
    steps = json.loads(stack.preview("--json").stdout).get("steps", [])
    return Counter(s["op"] for s in steps if not s["urn"].endswith("pulumi:pulumi:Stack"))


def test_contact_center_lifecycle(project: ProjectFactory, flex: EmulatorProcess) -> None:
    http = flex.client()
    stack = project(PROGRAM)
    for key, value in SETTINGS.items():
        stack.config(key, value)

    before = flex.stats()["total"]
    stack.preview()
    assert flex.stats()["total"] == before  # preview makes no API call
    stack.up()
    out = stack.outputs()
    ws = out["workspace"]
    queue = get(http, f"{TR}/{ws}/TaskQueues/{out['queue']}")
    assert queue["target_workers"] == "1==1" and queue["reservation_activity_sid"] == out["activity"]
    workflow = get(http, f"{TR}/{ws}/Workflows/{out['workflow']}")
    assert json.loads(workflow["configuration"])["task_routing"]["default_filter"]["queue"] == out["queue"]
    assert get(http, f"{STUDIO}/{out['flow']}")["valid"] is True
    assert get(http, f"{ADDRESSES}/{out['address']}")["auto_creation"]["studio_flow_sid"] == out["flow"]
    stack.preview("--expect-no-changes")  # the re-serialized routing document is no change

    # --- in place: names, the queue's expression, the timeout, a new Studio revision ---------
    for key, value in {
        "workspaceName": "Support (renamed)",
        "activityName": "Busy (renamed)",
        "target": 'routing.skills HAS "sales"',
        "timeout": "60",
        "commit": "second",
        "addressName": "Inbound (renamed)",
    }.items():
        stack.config(key, value)
    ops = planned(stack)
    assert ops["replace"] == 0 and ops["update"] == 6, ops
    stack.up()
    assert stack.outputs()["revision"] == out["revision"] + 1
    assert get(http, f"{TR}/{ws}/TaskQueues/{out['queue']}")["target_workers"] == 'routing.skills HAS "sales"'
    stack.preview("--expect-no-changes")

    # --- create-only inputs replace: a channel's unique name, an activity's availability ------
    stack.config("channel", "chat-e2e-2")
    stack.config("available", "true")
    ops = planned(stack)
    assert ops["replace"] == 2, ops
    stack.up()
    replaced = stack.outputs()
    assert replaced["channel"] != out["channel"] and replaced["activity"] != out["activity"]
    assert http.get(f"{TR}/{ws}/Activities/{out['activity']}").status_code == 404
    stack.preview("--expect-no-changes")

    # --- out of band: an edited queue and a deleted address configuration ---------------------
    edited = http.post(f"{TR}/{ws}/TaskQueues/{replaced['queue']}", data={"TargetWorkers": "1==2"})
    assert edited.status_code == 200, edited.text
    assert http.delete(f"{ADDRESSES}/{replaced['address']}").status_code == 204
    stack.refresh()
    ops = planned(stack)
    assert ops["update"] == 1 and ops["create"] == 1, ops
    stack.up()
    assert (
        get(http, f"{TR}/{ws}/TaskQueues/{replaced['queue']}")["target_workers"]
        == 'routing.skills HAS "sales"'
    )
    stack.preview("--expect-no-changes")

    # --- destroy: the workflow goes before the queue it routes to, the flow after its users ---
    stack.destroy()
    assert http.get(f"{TR}/{ws}").status_code == 404
    assert http.get(f"{STUDIO}/{replaced['flow']}").status_code == 404


ADOPT = """
import pulumi
import pulumi_flex as flex

c = pulumi.Config()
workspace = flex.Workspace(
    "flex-task-assignment", friendly_name="Flex Task Assignment", multi_task_enabled=True,
    adopt_sid=c.require("workspaceSid"),
)
everyone = flex.TaskQueue(
    "everyone", workspace_sid=workspace.sid, friendly_name="Everyone", target_workers="1==1",
    adopt_sid=c.require("queueSid"),
)
flow = flex.StudioFlow.get("messaging", c.require("flowSid"))
pulumi.export("flow_name", flow.friendly_name)
pulumi.export("flow_status", flow.status)
"""


def test_adopting_the_provisioned_defaults_and_reading_a_flow(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    http = flex.client()
    [workspace] = [w for w in get(http, TR)["workspaces"] if w["friendly_name"] == "Flex Task Assignment"]
    [everyone] = [
        q
        for q in get(http, f"{TR}/{workspace['sid']}/TaskQueues")["task_queues"]
        if q["friendly_name"] == "Everyone"
    ]
    flow = get(http, STUDIO)["flows"][0]
    stack = project(ADOPT)
    stack.config("workspaceSid", workspace["sid"])
    stack.config("queueSid", everyone["sid"])
    stack.config("flowSid", flow["sid"])
    before = Counter(flex.stats()["requests"])
    stack.up()
    writes = {
        k: n for k, n in (Counter(flex.stats()["requests"]) - before).items() if not k.startswith("GET ")
    }
    assert writes == {}  # adopted as they are: nothing created or changed
    assert stack.outputs()["flow_name"] == flow["friendly_name"]
    stack.preview("--expect-no-changes")
    # Flex's own workflow (not in the stack) still routes to the adopted queue: TaskRouter refuses
    # the delete, and the error names the workflow that holds it.
    refused = stack.run("destroy", "--yes", "--skip-preview", check=False)
    assert refused.returncode != 0
    assert "Assign to Anyone" in refused.stdout and "routes to it" in refused.stdout, refused.stdout
    # Hand the queue back to Flex (out of the stack), then destroy: Flex's workspace stays too.
    queue_urn = next(r["urn"] for r in stack.resources(":TaskQueue"))
    stack.run("state", "delete", queue_urn, "--yes")
    result = stack.destroy()
    assert http.get(f"{TR}/{workspace['sid']}").status_code == 200
    assert http.get(f"{TR}/{workspace['sid']}/TaskQueues/{everyone['sid']}").status_code == 200
    assert "left 'Flex Task Assignment' in place" in result.stdout + result.stderr
