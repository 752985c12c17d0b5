"""A freshly provisioned Flex account: the objects Flex makes in every account before anyone uses it.

Each account the emulator serves starts with them (unless it is *empty*: ``--empty-accounts``, or
``"empty": true`` on ``POST /_emulator/accounts``):

* the TaskRouter workspace "Flex Task Assignment" (multi-tasking) with the activities Offline (not
  available; the workspace's default and timeout activity), Available, Unavailable and Break; the built-in
  task channels default, voice, chat, sms, video and email; the queue "Everyone" (``1==1``); and the
  workflow "Assign to Anyone", which routes every task to Everyone;
* the published Studio flows "Voice IVR", "Messaging Flow" and "Webchat Flow", each a trigger and a
  "Send to Flex" widget pointing at that workflow and the matching task channel (voice, sms, chat).

The Flex Configuration's ``taskrouter_*`` fields point at this workspace, its queue, workflow and Offline
activity (see ``models.configuration``).

Provisioning is deterministic and cheap: every SID derives from the account SID (the same objects after each
reset), and all documents go in with one transaction. A marker document records that an account was
provisioned, so a restart on the same data dir does not bring back defaults the user deleted; a reset
empties the store, marker included, and provisions again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pulumi_flex.emulator.accounts import Credentials
from pulumi_flex.emulator.models.base import now, stable_sid
from pulumi_flex.emulator.models.studio import new_flow_rows
from pulumi_flex.emulator.models.taskrouter.common import WorkspaceBuilder, everything_to
from pulumi_flex.emulator.store import Doc, DuplicateSid, Row, Store

MARKER_KIND = "emulator_provisioning"
MARKER_SID = "provisioned"

FLEX_WORKSPACE = "Flex Task Assignment"
FLEX_ACTIVITIES = (("Offline", False), ("Available", True), ("Unavailable", False), ("Break", False))
EVERYONE = "Everyone"
ASSIGN_TO_ANYONE = "Assign to Anyone"
# The objects Flex's own configuration names get the unsalted stable SID of their kind (as the Flex
# Configuration's defaults compute them); every other object is salted with its name.
CONFIGURED = {"WS": "", "WA": "Offline", "WQ": EVERYONE, "WW": ASSIGN_TO_ANYONE}
TRIGGER_EVENTS = (
    "incomingMessage",
    "incomingCall",
    "incomingConversationMessage",
    "incomingRequest",
    "incomingParent",
)
# (flow name, task channel, trigger events that start it, widget name, task attributes)
FLEX_FLOWS = (
    (
        "Voice IVR",
        "voice",
        ("incomingCall",),
        "SendCallToAgent",
        {"type": "inbound", "name": "{{trigger.call.From}}"},
    ),
    (
        "Messaging Flow",
        "sms",
        ("incomingMessage", "incomingConversationMessage"),
        "SendMessageToAgent",
        {
            "name": "{{trigger.message.ChannelAttributes.from}}",
            "channelType": "{{trigger.message.ChannelAttributes.channel_type}}",
            "channelSid": "{{trigger.message.ChannelSid}}",
        },
    ),
    (
        "Webchat Flow",
        "chat",
        ("incomingMessage",),
        "SendMessageToAgent",
        {
            "name": "{{trigger.message.ChannelAttributes.from}}",
            "channelType": "web",
            "channelSid": "{{trigger.message.ChannelSid}}",
        },
    ),
)


def send_to_flex(
    workflow_sid: str, channel_sid: str, events: tuple[str, ...], widget: str, attributes: dict[str, Any]
) -> dict[str, Any]:
    """A Studio definition: a trigger whose ``events`` go to a "Send to Flex" widget."""
    return {
        "description": "A New Flow",
        "states": [
            {
                "name": "Trigger",
                "type": "trigger",
                "transitions": [
                    {"event": event, **({"next": widget} if event in events else {})}
                    for event in TRIGGER_EVENTS
                ],
                "properties": {"offset": {"x": 0, "y": 0}},
            },
            {
                "name": widget,
                "type": "send-to-flex",
                "transitions": [
                    {"event": "callComplete"},
                    {"event": "failedToEnqueue"},
                    {"event": "callFailure"},
                ],
                "properties": {
                    "offset": {"x": 20, "y": 370},
                    "workflow": workflow_sid,
                    "channel": channel_sid,
                    "attributes": json.dumps(attributes),
                },
            },
        ],
        "initial_state": "Trigger",
        "flags": {"allow_concurrent_calls": True},
    }


def provisioned_rows(account_sid: str, stamp: str) -> list[Row]:
    """Every document of a freshly provisioned Flex account, with SIDs derived from ``account_sid``."""

    def sid_for(prefix: str, salt: str) -> str:
        return stable_sid(prefix, account_sid, "" if CONFIGURED.get(prefix) == salt else salt)

    builder = WorkspaceBuilder(account_sid, stamp, sid_for)
    workspace = builder.workspace(
        {
            "friendly_name": FLEX_WORKSPACE,
            "event_callback_url": None,
            "events_filter": None,
            "multi_task_enabled": True,
            "prioritize_queue_order": "FIFO",
        },
        activities=FLEX_ACTIVITIES,
    )
    ws = workspace["sid"]
    everyone = builder.queue(ws, EVERYONE)
    workflow = builder.workflow(ws, ASSIGN_TO_ANYONE, everything_to(everyone["sid"], EVERYONE))
    rows = list(builder.rows)
    for name, channel, events, widget, attributes in FLEX_FLOWS:
        definition = send_to_flex(workflow["sid"], sid_for("TC", channel), events, widget, attributes)
        fields: Doc = {
            "friendly_name": name,
            "status": "published",
            "definition": definition,
            "commit_message": None,
        }
        rows += new_flow_rows(account_sid, fields, stamp, sid=stable_sid("FW", account_sid, name))[1]
    marker: Doc = {"sid": MARKER_SID, "account_sid": account_sid, "date_created": stamp}
    rows.append((MARKER_KIND, account_sid, MARKER_SID, marker, ""))
    return rows


def is_provisioned(store: Store, account_sid: str) -> bool:
    """Whether the account got its default objects since the store was last emptied."""
    return store.get(MARKER_KIND, account_sid, MARKER_SID) is not None


def provision(store: Store, account_sid: str) -> bool:
    """Give the account Flex's default objects unless it already had them; True if it got them now."""
    if is_provisioned(store, account_sid):
        return False
    try:
        store.insert_many(provisioned_rows(account_sid, now()))
    except DuplicateSid:  # provisioned concurrently (or the defaults were made some other way): keep them
        return False
    return True


def provision_accounts(store: Store, accounts: Iterable[Credentials]) -> None:
    """Provision every account that is not empty and not provisioned yet."""
    for credentials in accounts:
        if not credentials.empty:
            provision(store, credentials.account_sid)
