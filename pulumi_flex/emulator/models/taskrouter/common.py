"""What the TaskRouter families share: store kinds, paths, the write lock, the workspace scope of every
family but workspaces, references to activities, and the builder that makes a workspace's contents.

Every family but workspaces lives under ``/taskrouter/v1/Workspaces/{WorkspaceSid}``: an unknown or
malformed workspace in the path is a 404 quoting the workspace's path, and an object of another workspace is
a 404 too. Checks that read other objects before a write (in-use deletes, unique names, references) run under
one process lock, so concurrent requests cannot both pass a check.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, ClassVar

from pulumi_flex.emulator.models.base import TASKROUTER_V1, Collection, Context, new_sid
from pulumi_flex.emulator.store import Doc, Row, Store
from pulumi_flex.emulator.validation import NON_EMPTY, max_length
from pulumi_flex.emulator.wire import JsonObject, invalid_parameter, not_found, sid_pattern

WORKSPACE_KIND = "taskrouter_workspace"
ACTIVITY_KIND = "taskrouter_activity"
TASK_CHANNEL_KIND = "taskrouter_task_channel"
TASK_QUEUE_KIND = "taskrouter_task_queue"
WORKFLOW_KIND = "taskrouter_workflow"
# Everything a workspace holds: deleting the workspace deletes these with it.
WORKSPACE_CONTENTS = (ACTIVITY_KIND, TASK_CHANNEL_KIND, TASK_QUEUE_KIND, WORKFLOW_KIND)

WORKSPACES_PATH = TASKROUTER_V1 + "/Workspaces"
WORKSPACE_SID = sid_pattern("WS")
FRIENDLY_NAME_MAX = 64  # "It can be up to 64 characters long" (workspace, activity, task channel)

FriendlyName = Annotated[str, NON_EMPTY, max_length(FRIENDLY_NAME_MAX)]

# The task channels every workspace has from the start (unique name, friendly name); they cannot be deleted.
BUILT_IN_CHANNELS = (
    ("default", "Default"),
    ("voice", "Voice"),
    ("chat", "Chat"),
    ("sms", "SMS"),
    ("video", "Video"),
    ("email", "Email"),
)
# The activities every new workspace gets (friendly name, available); the first is its default and timeout
# activity. A Flex workspace has "Break" too.
DEFAULT_ACTIVITIES = (("Offline", False), ("Available", True), ("Unavailable", False))
DEFAULT_TASK_RESERVATION_TIMEOUT = 120

# Every check-then-write in TaskRouter runs under this lock (the emulator is one process).
WRITE_LOCK = threading.RLock()


def workspace_path(workspace_sid: str) -> str:
    """``/taskrouter/v1/Workspaces/{sid}``."""
    return f"{WORKSPACES_PATH}/{workspace_sid}"


def activity_in_workspace(store: Store, account_sid: str, workspace_sid: str, sid: str) -> Doc | None:
    """The workspace's activity ``sid``, or None."""
    doc = store.get(ACTIVITY_KIND, account_sid, sid)
    return doc if doc is not None and doc.get("workspace_sid") == workspace_sid else None


def require_activity(store: Store, account_sid: str, workspace_sid: str, sid: str, param: str) -> None:
    """400 naming ``param`` unless ``sid`` is an activity of the workspace."""
    if activity_in_workspace(store, account_sid, workspace_sid, sid) is None:
        raise invalid_parameter(param, f"{sid} is not an activity of workspace {workspace_sid}")


def activity_name(store: Store, account_sid: str, sid: str | None) -> str | None:
    """The friendly name of activity ``sid`` (None for no activity, or one deleted since)."""
    if sid is None:
        return None
    doc = store.get(ACTIVITY_KIND, account_sid, sid)
    return None if doc is None else doc.get("friendly_name")


class WorkspaceScoped(Collection):
    """A family under ``…/Workspaces/{WorkspaceSid}``: bound to an existing workspace of the account; its
    writes run under the write lock; a delete may be refused by :meth:`check_deletable`."""

    parent_param = "WorkspaceSid"
    noun: ClassVar[str]  # for list paths and messages, e.g. "Activities"

    def resolve_parent(self, raw: str, ctx: Context) -> str:
        """The workspace named in the path, or a 404 quoting the workspace's path."""
        if not WORKSPACE_SID.match(raw) or self.store.get(WORKSPACE_KIND, ctx.account_sid, raw) is None:
            raise not_found(workspace_path(raw))
        return raw

    def require(self, sid: str, ctx: Context) -> Doc:
        """The object ``sid`` of this workspace, or a 404."""
        doc = super().require(sid, ctx)
        if doc.get("workspace_sid") != self.parent:
            raise not_found(self.instance_path(sid))
        return doc

    def create(self, form: Any, ctx: Context) -> JsonObject:
        """Create under the write lock, so reference and uniqueness checks hold."""
        with WRITE_LOCK:
            return super().create(form, ctx)

    def insert(self, fields: Doc, ctx: Context) -> Doc:
        """Store the object with its ``workspace_sid``."""
        return super().insert({"workspace_sid": self.parent, **fields}, ctx)

    def update(self, sid: str, form: Any, ctx: Context) -> JsonObject:
        """Update under the write lock."""
        with WRITE_LOCK:
            return super().update(sid, form, ctx)

    def delete(self, sid: str, ctx: Context) -> None:
        """Delete unless :meth:`check_deletable` refuses; a 404 for an object not in this workspace."""
        with WRITE_LOCK:
            doc = self.require(sid, ctx)
            self.check_deletable(doc, ctx)
            if not self.store.delete(self.kind, ctx.account_sid, doc["sid"]):
                raise not_found(self.instance_path(sid))

    def check_deletable(self, doc: Doc, ctx: Context) -> None:
        """Raise if the object may not be deleted now (it is in use)."""

    def workspace_url(self, ctx: Context) -> str:
        """The absolute URL of the bound workspace."""
        return ctx.base_url + workspace_path(self.parent)


# ------------------------------------------------------------------------------------------------ building

SidFor = Callable[[str, str], str]  # (prefix, salt) -> SID


def random_sids(prefix: str, salt: str) -> str:
    """Fresh random SIDs, for objects made through the API."""
    return new_sid(prefix)


class WorkspaceBuilder:
    """The documents of a new workspace and its contents, inserted together (one transaction) by the caller.

    ``sid_for(prefix, salt)`` names each object: random SIDs for the API, stable ones for the objects Flex
    provisions (``salt`` tells the objects of one kind apart).
    """

    def __init__(self, account_sid: str, stamp: str, sid_for: SidFor = random_sids) -> None:
        self.account_sid = account_sid
        self.stamp = stamp
        self.sid_for = sid_for
        self.rows: list[Row] = []

    def add(self, kind: str, prefix: str, salt: str, fields: Doc, parent: str = "") -> Doc:
        """One new document (SID, account and dates added) of ``kind`` under ``parent``."""
        doc: Doc = {
            **fields,
            "sid": self.sid_for(prefix, salt),
            "account_sid": self.account_sid,
            "date_created": self.stamp,
            "date_updated": self.stamp,
        }
        self.rows.append((kind, self.account_sid, doc["sid"], doc, parent))
        return doc

    def workspace(
        self,
        fields: Doc,
        *,
        activities: tuple[tuple[str, bool], ...] = DEFAULT_ACTIVITIES,
    ) -> Doc:
        """A workspace with ``activities`` (the first is its default and timeout activity) and the built-in
        task channels."""
        workspace = self.add(WORKSPACE_KIND, "WS", "", fields)
        ws = workspace["sid"]
        made = [self.activity(ws, name, available) for name, available in activities]
        workspace["default_activity_sid"] = workspace["timeout_activity_sid"] = made[0]["sid"]
        for unique_name, friendly_name in BUILT_IN_CHANNELS:
            self.add(
                TASK_CHANNEL_KIND,
                "TC",
                unique_name,
                {
                    "workspace_sid": ws,
                    "friendly_name": friendly_name,
                    "unique_name": unique_name,
                    "channel_optimized_routing": False,
                    "built_in": True,
                },
                parent=ws,
            )
        return workspace

    def activity(self, workspace_sid: str, name: str, available: bool) -> Doc:
        """An activity of the workspace."""
        fields = {"workspace_sid": workspace_sid, "friendly_name": name, "available": available}
        return self.add(ACTIVITY_KIND, "WA", name, fields, parent=workspace_sid)

    def queue(self, workspace_sid: str, name: str, target_workers: str = "1==1") -> Doc:
        """A task queue of the workspace, with TaskRouter's defaults."""
        fields: Doc = {
            "workspace_sid": workspace_sid,
            "friendly_name": name,
            "target_workers": target_workers,
            "max_reserved_workers": 1,
            "task_order": "FIFO",
            "reservation_activity_sid": None,
            "assignment_activity_sid": None,
        }
        return self.add(TASK_QUEUE_KIND, "WQ", name, fields, parent=workspace_sid)

    def workflow(self, workspace_sid: str, name: str, routing: dict[str, Any]) -> Doc:
        """A workflow of the workspace with routing document ``routing``."""
        fields: Doc = {
            "workspace_sid": workspace_sid,
            "friendly_name": name,
            "routing": routing,
            "assignment_callback_url": None,
            "fallback_assignment_callback_url": None,
            "task_reservation_timeout": DEFAULT_TASK_RESERVATION_TIMEOUT,
        }
        return self.add(WORKFLOW_KIND, "WW", name, fields, parent=workspace_sid)


def everything_to(queue_sid: str, name: str) -> dict[str, Any]:
    """A routing document that sends every task to one queue: one ``1==1`` filter and the default filter."""
    return {
        "task_routing": {
            "filters": [
                {"filter_friendly_name": name, "expression": "1==1", "targets": [{"queue": queue_sid}]}
            ],
            "default_filter": {"queue": queue_sid},
        }
    }
