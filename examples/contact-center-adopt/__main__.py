"""Take over what Flex provisions in every account, then build on it.

Flex makes the "Flex Task Assignment" workspace with its activities, task channels, the
"Everyone" queue and the "Assign to Anyone" workflow, plus default Studio flows. Adopting them
(`adopt_sid`) puts them under the stack without recreating anything; `pulumi-flex discover`
writes such a program for a whole account. Destroy never deletes Flex's own workspace.

Config keys (the SIDs of your account's defaults; `pulumi-flex discover` prints them):
`workspaceSid`, `everyoneQueueSid`, `assignToAnyoneSid`, `availableActivitySid`.
"""

import pulumi

import pulumi_flex as flex

config = pulumi.Config()

workspace = flex.Workspace(
    "flex-task-assignment",
    friendly_name="Flex Task Assignment",
    multi_task_enabled=True,
    adopt_sid=config.require("workspaceSid"),
)
available = flex.Activity(
    "available",
    workspace_sid=workspace.sid,
    friendly_name="Available",
    available=True,
    adopt_sid=config.require("availableActivitySid"),
)
everyone = flex.TaskQueue(
    "everyone",
    workspace_sid=workspace.sid,
    friendly_name="Everyone",
    target_workers="1==1",
    adopt_sid=config.require("everyoneQueueSid"),
)
# A new queue for a new skill, next to the adopted defaults.
billing = flex.TaskQueue(
    "billing",
    workspace_sid=workspace.sid,
    friendly_name="Billing",
    target_workers='routing.skills HAS "billing"',
)
flex.Workflow(
    "assign-to-anyone",
    workspace_sid=workspace.sid,
    friendly_name="Assign to Anyone",
    adopt_sid=config.require("assignToAnyoneSid"),
    configuration={
        "task_routing": {
            "filters": [
                {
                    "filter_friendly_name": "Billing",
                    "expression": 'skill == "billing"',
                    "targets": [{"queue": billing.sid}],
                }
            ],
            "default_filter": {"queue": everyone.sid},
        }
    },
)

pulumi.export("workspace_sid", workspace.sid)
pulumi.export("billing_queue_sid", billing.sid)
