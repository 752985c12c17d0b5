"""TaskRouter (``taskrouter.twilio.com/v1``, served under ``/taskrouter/v1``): workspaces and, in each, its
activities, task channels, task queues and workflows. Source: Twilio's OpenAPI for TaskRouter v1 and
docs/twilio-api-notes.md §12.2.

Where Twilio's documentation is silent, the emulator decides as follows (each module says more):

* A rule the current state forbids (deleting the workspace's default or timeout activity, a built-in task
  channel, or a queue a workflow routes to) is a **400** with code **20001** whose message says what uses
  the object. A duplicate task channel ``UniqueName`` in a workspace is a **409** with code **20409**.
* A reference in a body (an activity SID, a queue in a workflow's configuration) that names nothing in the
  workspace is a 400 naming the parameter; an unknown or malformed workspace or object in the *path* is a
  404.
* Every new workspace has the activities Offline (default and timeout), Available and Unavailable and the
  built-in task channels; ``Template=FIFO`` adds "Sample Queue" and "Default Fifo Workflow".
* Deleting a workspace deletes everything in it.
* Friendly names need not be unique.
"""

from __future__ import annotations

from pulumi_flex.emulator.models.base import Collection
from pulumi_flex.emulator.models.taskrouter.activities import Activities
from pulumi_flex.emulator.models.taskrouter.task_channels import TaskChannels
from pulumi_flex.emulator.models.taskrouter.task_queues import TaskQueues
from pulumi_flex.emulator.models.taskrouter.workflows import Workflows
from pulumi_flex.emulator.models.taskrouter.workspaces import Workspaces

TASKROUTER: tuple[type[Collection], ...] = (Workspaces, Activities, TaskChannels, TaskQueues, Workflows)

__all__ = ["TASKROUTER", "Activities", "TaskChannels", "TaskQueues", "Workflows", "Workspaces"]
