"""Activities (``/taskrouter/v1/Workspaces/{WorkspaceSid}/Activities``, SID ``WA``): state and rules.

Source: ``taskrouter.v1.workspace.activity`` in Twilio's OpenAPI and docs/twilio-api-notes.md §12.2.

* Create: ``FriendlyName`` (required, at most 64 characters) and ``Available``: ``true``, ``1`` or ``yes``
  is true and any other value false, as Twilio documents; absent, it is false (the emulator's choice).
* Update: ``FriendlyName`` only; ``Available`` cannot change and is ignored, like any parameter an
  operation does not take.
* List filters: ``FriendlyName`` (exact) and ``Available`` (read like the create parameter).
* Delete is refused with a 400 while the activity is its workspace's default or timeout activity; the
  message says which. (No workers are emulated, so "workers are in it" never refuses a delete.)
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.taskrouter.common import (
    ACTIVITY_KIND,
    WORKSPACE_KIND,
    WORKSPACES_PATH,
    FriendlyName,
    WorkspaceScoped,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import CLEARABLE, TRUTHY, FormModel, validate
from pulumi_flex.emulator.wire import Form, JsonObject, in_use


class ActivityUpdate(FormModel):
    """An update: ``FriendlyName``."""

    friendly_name: FriendlyName | None = None


class NewActivity(FormModel):
    """A create: ``FriendlyName`` is required; ``Available`` defaults to false."""

    friendly_name: FriendlyName
    available: Annotated[bool, TRUTHY] = False


class ActivityFilter(FormModel):
    """The list filters: ``FriendlyName`` (exact) and ``Available``."""

    friendly_name: Annotated[str | None, CLEARABLE] = None
    available: Annotated[bool | None, TRUTHY, CLEARABLE] = None


class Activities(WorkspaceScoped):
    """``…/Workspaces/{WorkspaceSid}/Activities`` (``WA``): ``Available`` is create-only; the workspace's
    default and timeout activities cannot be deleted."""

    kind = ACTIVITY_KIND
    sid_prefix = "WA"
    list_path = WORKSPACES_PATH + "/{WorkspaceSid}/Activities"
    list_key = "activities"
    filters = ActivityFilter
    noun = "Activities"

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """``FriendlyName`` and ``Available``."""
        return validate(NewActivity, form).model_dump()

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``FriendlyName`` only."""
        return validate(ActivityUpdate, form).model_dump(exclude_unset=True)

    def check_deletable(self, doc: Doc, ctx: Context) -> None:
        """400 while the workspace uses the activity as its default or timeout activity."""
        workspace = self.store.get(WORKSPACE_KIND, ctx.account_sid, self.parent) or {}
        roles = [
            role
            for role, field in (("default", "default_activity_sid"), ("timeout", "timeout_activity_sid"))
            if workspace.get(field) == doc["sid"]
        ]
        if roles:
            raise in_use(
                f"Activity {doc['sid']} ({doc['friendly_name']}) is the {' and '.join(roles)} activity of "
                f"workspace {self.parent} and cannot be deleted; set the workspace's "
                f"{' and '.join(r.capitalize() + 'ActivitySid' for r in roles)} to another activity first"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """An activity with a ``links`` entry to its workspace."""
        return {
            "account_sid": doc["account_sid"],
            "available": doc["available"],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "friendly_name": doc["friendly_name"],
            "sid": doc["sid"],
            "workspace_sid": doc["workspace_sid"],
            "url": self.instance_url(doc["sid"], ctx),
            "links": {"workspace": self.workspace_url(ctx)},
        }
