"""Twilio's official Python client works against the emulator with only the host changed: Flex's base URL,
and for TaskRouter, Studio and Conversations an HTTP client that rewrites their hosts to the emulator's
service prefixes."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from tests.emulator.samples import CHAT_SERVICE_SID, FLOW_SID, MISSING_FO_SID
from tests.fuzz.objects import studio_definition
from tests.support.emulator import EmulatorProcess


def twilio_client(flex: EmulatorProcess, *, api_key: bool = False) -> Client:
    if api_key:
        client = Client(flex.api_key, flex.api_secret, flex.account_sid)
    else:
        client = Client(flex.account_sid, flex.auth_token)
    client.flex_api.base_url = flex.base_url  # the only change: every flex-api URL derives from it
    return client


def test_official_client_crud_round_trip(flex: EmulatorProcess) -> None:
    client = twilio_client(flex)
    flows = client.flex_api.v1.flex_flow
    created = flows.create(
        friendly_name="support flow",
        chat_service_sid=CHAT_SERVICE_SID,
        channel_type="sms",
        integration_type="studio",
        integration_flow_sid=FLOW_SID,
        integration_retry_count=1,
        enabled=True,
    )
    assert created.sid is not None and created.sid.startswith("FO")
    assert created.account_sid == flex.account_sid
    assert isinstance(created.date_created, datetime)  # our date format is the one it parses
    assert created.integration == {"flow_sid": FLOW_SID, "retry_count": 1}
    assert created.enabled is True

    fetched = flows(created.sid).fetch()
    assert fetched.friendly_name == "support flow"
    assert fetched.url == f"{flex.base_url}/v1/FlexFlows/{created.sid}"

    updated = flows(created.sid).update(friendly_name="renamed", long_lived=True)
    assert (updated.friendly_name, updated.long_lived) == ("renamed", True)
    assert updated.integration == {"flow_sid": FLOW_SID, "retry_count": 1}

    assert [flow.sid for flow in flows.list(friendly_name="renamed")] == [created.sid]
    assert flows(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as info:
        flows(created.sid).fetch()
    assert (info.value.status, info.value.code) == (404, 20404)


def test_official_client_pages_through_next_page_url(flex: EmulatorProcess) -> None:
    client = twilio_client(flex)
    flows = client.flex_api.v1.flex_flow
    for i in range(5):
        flows.create(friendly_name=f"flow {i}", chat_service_sid=CHAT_SERVICE_SID, channel_type="web")
    listed = flows.list(page_size=2)
    assert [flow.friendly_name for flow in listed] == [f"flow {i}" for i in range(5)]
    assert flex.stats()["requests"]["GET /v1/FlexFlows"] == 3


def test_official_client_with_api_key_and_errors(flex: EmulatorProcess) -> None:
    client = twilio_client(flex, api_key=True)
    flows = client.flex_api.v1.flex_flow
    with pytest.raises(TwilioRestException) as missing:
        flows(MISSING_FO_SID).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as invalid:
        flows.create(friendly_name="x", chat_service_sid="IS1", channel_type="sms")
    assert (invalid.value.status, invalid.value.code) == (400, 20001)
    assert "ChatServiceSid" in invalid.value.msg
    assert flows.create(friendly_name="x", chat_service_sid=CHAT_SERVICE_SID, channel_type="sms").sid


# ------------------------------------------------------------------------- TaskRouter, Studio, Conversations

SERVICES = ("taskrouter", "studio", "conversations")


class PrefixRedirect(TwilioHttpClient):  # type: ignore[misc]
    """Twilio's own HTTP client, sending ``https://<service>.twilio.com/…`` to ``<base>/<service>/…``: all
    the emulator needs for the services beside Flex."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url
        self.urls: list[str] = []

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        for service in SERVICES:
            url = url.replace(f"https://{service}.twilio.com/", f"{self.base_url}/{service}/", 1)
        self.urls.append(url)
        return super().request(method, url, *args, **kwargs)


def redirected_client(flex: EmulatorProcess) -> tuple[Client, PrefixRedirect]:
    redirect = PrefixRedirect(flex.base_url)
    client = Client(flex.account_sid, flex.auth_token, http_client=redirect)
    client.flex_api.base_url = flex.base_url
    return client, redirect


def test_official_client_taskrouter_round_trip(flex: EmulatorProcess) -> None:
    client, redirect = redirected_client(flex)
    workspaces = client.taskrouter.v1.workspaces
    provisioned = workspaces.list(friendly_name="Flex Task Assignment")
    assert len(provisioned) == 1 and provisioned[0].default_activity_name == "Offline"

    workspace = workspaces.create(friendly_name="Support", template="FIFO", prioritize_queue_order="LIFO")
    assert workspace.sid.startswith("WS") and workspace.prioritize_queue_order == "LIFO"
    assert workspace.url == f"{flex.base_url}/taskrouter/v1/Workspaces/{workspace.sid}"
    assert isinstance(workspace.date_created, datetime)
    ws = workspaces(workspace.sid)
    assert ws.fetch().friendly_name == "Support"

    activity = ws.activities.create(friendly_name="Lunch", available=False)
    assert (activity.friendly_name, activity.available) == ("Lunch", False)
    assert ws.activities(activity.sid).update(friendly_name="Long lunch").friendly_name == "Long lunch"
    assert ws.activities(activity.sid).fetch().friendly_name == "Long lunch"
    names = [a.friendly_name for a in ws.activities.list()]
    assert names == ["Offline", "Available", "Unavailable", "Long lunch"]
    updated = ws.update(default_activity_sid=activity.sid, timeout_activity_sid=activity.sid)
    assert (updated.default_activity_name, updated.timeout_activity_name) == ("Long lunch", "Long lunch")
    with pytest.raises(TwilioRestException) as refused:
        ws.activities(activity.sid).delete()
    assert refused.value.status == 400 and "default and timeout" in refused.value.msg

    channel = ws.task_channels.create(friendly_name="Fax", unique_name="fax", channel_optimized_routing=True)
    assert ws.task_channels("fax").fetch().sid == channel.sid  # by unique name too
    assert ws.task_channels(channel.sid).update(friendly_name="Telefax").friendly_name == "Telefax"
    assert "fax" in [c.unique_name for c in ws.task_channels.list()]
    assert ws.task_channels(channel.sid).delete() is True

    queue = ws.task_queues.create(
        friendly_name="Sales",
        target_workers='routing.skills HAS "sales"',
        reservation_activity_sid=activity.sid,
    )
    assert (queue.reservation_activity_name, queue.max_reserved_workers, queue.task_order) == (
        "Long lunch",
        1,
        "FIFO",
    )
    assert ws.task_queues(queue.sid).update(max_reserved_workers=5).max_reserved_workers == 5
    assert [q.friendly_name for q in ws.task_queues.list(friendly_name="Sales")] == ["Sales"]

    routing = {"task_routing": {"filters": [], "default_filter": {"queue": queue.sid}}}
    workflow = ws.workflows.create(friendly_name="Route", configuration=json.dumps(routing, indent=2))
    assert isinstance(workflow.configuration, str) and json.loads(workflow.configuration) == routing
    assert ws.workflows(workflow.sid).update(task_reservation_timeout=30).task_reservation_timeout == 30
    assert ws.workflows(workflow.sid).fetch().friendly_name == "Route"
    assert {w.friendly_name for w in ws.workflows.list()} == {"Default Fifo Workflow", "Route"}
    with pytest.raises(TwilioRestException) as in_use:
        ws.task_queues(queue.sid).delete()
    assert in_use.value.status == 400 and workflow.sid in in_use.value.msg
    assert ws.workflows(workflow.sid).delete() is True
    assert ws.task_queues(queue.sid).delete() is True

    assert ws.delete() is True
    with pytest.raises(TwilioRestException) as gone:
        ws.activities(activity.sid).fetch()
    assert (gone.value.status, gone.value.code) == (404, 20404)
    assert all(url.startswith(f"{flex.base_url}/taskrouter/v1/") for url in redirect.urls)


def test_official_client_studio_round_trip(flex: EmulatorProcess) -> None:
    client, _ = redirected_client(flex)
    flows = client.studio.v2.flows
    assert {f.friendly_name for f in flows.list()} == {"Voice IVR", "Messaging Flow", "Webchat Flow"}
    definition = studio_definition()
    flow = flows.create(
        friendly_name="Support", status="draft", definition=definition, commit_message="first"
    )
    assert (flow.revision, flow.valid, flow.errors, flow.definition) == (1, True, [], definition)
    assert flow.webhook_url == f"https://webhooks.twilio.com/v1/Accounts/{flex.account_sid}/Flows/{flow.sid}"
    assert flows(flow.sid).fetch().commit_message == "first"
    updated = flows(flow.sid).update(status="published", definition=studio_definition("Agent"))
    assert (updated.revision, updated.status) == (2, "published")
    revisions = flows(flow.sid).revisions.list()
    assert [r.revision for r in revisions] == [2, 1]
    assert flows(flow.sid).revisions("1").fetch().status == "draft"
    assert flows(flow.sid).revisions("LatestPublished").fetch().revision == 2
    assert client.studio.v2.flow_validate.update(
        friendly_name="x", status="draft", definition=definition
    ).valid
    with pytest.raises(TwilioRestException) as invalid:
        flows.create(
            friendly_name="bad", status="draft", definition={"states": [], "initial_state": "Trigger"}
        )
    assert (invalid.value.status, invalid.value.code) == (400, 20001)
    assert "Definition" in invalid.value.msg
    assert flows(flow.sid).delete() is True
    with pytest.raises(TwilioRestException) as gone:
        flows(flow.sid).revisions("1").fetch()
    assert gone.value.status == 404


def test_official_client_address_configuration_round_trip(flex: EmulatorProcess) -> None:
    client, _ = redirected_client(flex)
    addresses = client.conversations.v1.address_configurations
    created = addresses.create(
        type="sms",
        address="+15555550123",
        friendly_name="Support line",
        auto_creation_enabled=True,
        auto_creation_type="webhook",
        auto_creation_webhook_url="https://hooks.example.com/in",
        auto_creation_webhook_method="post",
        auto_creation_webhook_filters=["onMessageAdded", "onParticipantAdded"],
    )
    assert created.sid.startswith("IG")
    assert created.auto_creation == {
        "enabled": True,
        "type": "webhook",
        "webhook_url": "https://hooks.example.com/in",
        "webhook_method": "POST",
        "webhook_filters": ["onMessageAdded", "onParticipantAdded"],
    }
    assert addresses("+15555550123").fetch().sid == created.sid  # by address too
    flow_sid = "FW" + "ab" * 16
    updated = addresses(created.sid).update(
        auto_creation_type="studio", auto_creation_studio_flow_sid=flow_sid
    )
    assert updated.auto_creation["type"] == "studio" and updated.auto_creation["studio_flow_sid"] == flow_sid
    assert [a.sid for a in addresses.list(type="sms")] == [created.sid]
    assert addresses.list(type="whatsapp") == []
    with pytest.raises(TwilioRestException) as duplicate:
        addresses.create(type="sms", address="+15555550123")
    assert duplicate.value.status == 409
    assert addresses(created.sid).delete() is True
    assert addresses.list() == []
