"""Task channels (``/taskrouter/v1/Workspaces/{WorkspaceSid}/TaskChannels``, SID ``TC``): state and rules.

Source: ``taskrouter.v1.workspace.task_channel`` in Twilio's OpenAPI and docs/twilio-api-notes.md §12.2.

* ``{Sid}`` is the channel's SID or its unique name (Twilio's ``fetchUniqueName`` example).
* Create: ``FriendlyName`` (required, at most 64 characters), ``UniqueName`` (required, create-only) and
  ``ChannelOptimizedRouting`` (default false, the emulator's choice). A unique name already used in the
  workspace is a **409** / 20409 (the emulator's choice; Twilio documents neither status nor code).
* Update: ``FriendlyName`` and ``ChannelOptimizedRouting``.
* The list key is ``channels``, as in Twilio's spec and examples (``meta.key`` says so too).
* Every workspace has the built-in channels default, voice, chat, sms, video and email; deleting one is a 400.
"""

from __future__ import annotations

from typing import Annotated

from pulumi_flex.emulator.models.base import Context
from pulumi_flex.emulator.models.taskrouter.common import (
    TASK_CHANNEL_KIND,
    WORKSPACES_PATH,
    FriendlyName,
    WorkspaceScoped,
)
from pulumi_flex.emulator.store import Doc
from pulumi_flex.emulator.validation import NON_EMPTY, FormBool, FormModel, validate
from pulumi_flex.emulator.wire import Form, JsonObject, conflict, in_use, not_found, sid_pattern

TASK_CHANNEL_SID = sid_pattern("TC")


class TaskChannelUpdate(FormModel):
    """An update: ``FriendlyName`` and ``ChannelOptimizedRouting``."""

    friendly_name: FriendlyName | None = None
    channel_optimized_routing: FormBool | None = None


class NewTaskChannel(TaskChannelUpdate):
    """A create: ``FriendlyName`` and ``UniqueName`` are required."""

    friendly_name: FriendlyName
    unique_name: Annotated[str, NON_EMPTY]
    channel_optimized_routing: FormBool = False


class TaskChannels(WorkspaceScoped):
    """``…/Workspaces/{WorkspaceSid}/TaskChannels`` (``TC``): addressed by SID or unique name; unique names
    are unique in the workspace; built-in channels cannot be deleted."""

    kind = TASK_CHANNEL_KIND
    sid_prefix = "TC"
    list_path = WORKSPACES_PATH + "/{WorkspaceSid}/TaskChannels"
    list_key = "channels"
    noun = "TaskChannels"

    def new_fields(self, form: Form, ctx: Context) -> Doc:
        """The parameters; a unique name the workspace already has is a 409."""
        fields = validate(NewTaskChannel, form).model_dump()
        taken = self.store.first(
            self.kind, ctx.account_sid, parent=self.parent, where={"unique_name": fields["unique_name"]}
        )
        if taken is not None:
            raise conflict(
                f"Task channel unique name {fields['unique_name']!r} is already used in workspace "
                f"{self.parent} by {taken['sid']}"
            )
        return {**fields, "built_in": False}

    def changed_fields(self, doc: Doc, form: Form, ctx: Context) -> Doc:
        """``FriendlyName`` and ``ChannelOptimizedRouting``; ``UniqueName`` is create-only (ignored)."""
        return validate(TaskChannelUpdate, form).model_dump(exclude_unset=True)

    def require(self, sid: str, ctx: Context) -> Doc:
        """The workspace's channel named by SID or unique name, or a 404."""
        doc = None
        if TASK_CHANNEL_SID.match(sid):
            doc = self.store.get(self.kind, ctx.account_sid, sid)
        if doc is None:
            doc = self.store.first(self.kind, ctx.account_sid, parent=self.parent, where={"unique_name": sid})
        if doc is None or doc.get("workspace_sid") != self.parent:
            raise not_found(self.instance_path(sid))
        return doc

    def check_deletable(self, doc: Doc, ctx: Context) -> None:
        """400 for a built-in channel."""
        if doc.get("built_in"):
            raise in_use(
                f"Task channel {doc['sid']} ({doc['unique_name']}) is built into workspace {self.parent} "
                "and cannot be deleted"
            )

    def render(self, doc: Doc, ctx: Context) -> JsonObject:
        """A task channel with a ``links`` entry to its workspace."""
        return {
            "account_sid": doc["account_sid"],
            "date_created": doc["date_created"],
            "date_updated": doc["date_updated"],
            "friendly_name": doc["friendly_name"],
            "sid": doc["sid"],
            "unique_name": doc["unique_name"],
            "workspace_sid": doc["workspace_sid"],
            "channel_optimized_routing": doc["channel_optimized_routing"],
            "url": self.instance_url(doc["sid"], ctx),
            "links": {"workspace": self.workspace_url(ctx)},
        }
