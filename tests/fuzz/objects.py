"""One real object of every covered kind, so fuzzed requests can address objects that exist."""

from __future__ import annotations

import json
from typing import Any

import httpx

PS = "/v1/PluginService"
QM = "/v1/Insights/QualityManagement"
TR = "/taskrouter/v1/Workspaces"
STUDIO = "/studio/v2/Flows"
ADDRESSES = "/conversations/v1/Configuration/Addresses"
HEX = "0123456789abcdef" * 2
YES_NO_ANSWER_SET = "a6a8a54f-5305-4aec-b92c-a6e429932f58"


def _ok(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


def seed_objects(http: httpx.Client) -> dict[str, str]:
    """Create a chain of objects (flow → channels, plugin → version → configuration → release, category →
    question → questionnaire, interaction → channel → participant, invite, transfer, workspace → activity,
    task channel, queue → workflow, Studio flow, address configuration); ``{kind: sid}``. A Studio flow's
    revision is ``revision`` (its number)."""
    flow = _ok(
        http.post(
            "/v1/FlexFlows",
            data={
                "FriendlyName": "fuzz flow",
                "ChatServiceSid": "IS" + HEX,
                "ChannelType": "web",
                "IntegrationType": "studio",
                "Integration.FlowSid": "FW" + HEX,
            },
        ),
        201,
    )
    chat = {"FlexFlowSid": flow["sid"], "Identity": "fuzz", "ChatFriendlyName": "fuzz chat"}
    web_channel = _ok(http.post("/v1/WebChannels", data={**chat, "CustomerFriendlyName": "Ada"}), 201)
    channel = _ok(http.post("/v1/Channels", data={**chat, "ChatUserFriendlyName": "Ada"}), 201)

    plugin = _ok(http.post(f"{PS}/Plugins", data={"UniqueName": "fuzz-plugin"}), 201)
    version = _ok(
        http.post(
            f"{PS}/Plugins/{plugin['sid']}/Versions",
            data={"Version": "1.0.0", "PluginUrl": "https://assets.example.com/fuzz/bundle.js"},
        ),
        201,
    )
    entry = json.dumps({"plugin_version": version["sid"], "phase": 3})
    configuration = _ok(http.post(f"{PS}/Configurations", data={"Name": "fuzz", "Plugins": entry}), 201)
    release = _ok(http.post(f"{PS}/Releases", data={"ConfigurationId": configuration["sid"]}), 201)

    category = _ok(http.post(f"{QM}/Categories", data={"Name": "fuzz category"}), 201)
    question = _ok(
        http.post(
            f"{QM}/Questions",
            data={
                "CategorySid": category["category_sid"],
                "Question": "Greeted?",
                "AnswerSetId": YES_NO_ANSWER_SET,
                "AllowNa": "false",
            },
        ),
        201,
    )
    questionnaire = _ok(
        http.post(f"{QM}/Questionnaires", data={"Name": "fuzz QA", "QuestionSids": question["question_sid"]}),
        201,
    )

    channel_spec = json.dumps({"type": "sms", "initiated_by": "customer"})
    interaction = _ok(http.post("/v1/Interactions", data={"Channel": channel_spec}), 200)
    interaction_channel = interaction["channel"]["sid"]
    base = f"/v1/Interactions/{interaction['sid']}/Channels/{interaction_channel}"
    media = json.dumps({"type": "sms", "address": "+15555550100"})
    participant = _ok(
        http.post(f"{base}/Participants", data={"Type": "agent", "MediaProperties": media}), 200
    )
    routing = json.dumps({"properties": {"workspace_sid": "WS" + HEX, "workflow_sid": "WW" + HEX}})
    invite = _ok(http.post(f"{base}/Invites", data={"Routing": routing}), 200)
    transfer = _ok(
        http.post(f"{base}/Transfers", json={"type": "warm", "from": participant["sid"], "to": "WK" + HEX}),
        201,
    )
    contact_center = seed_contact_center(http)
    return {
        **contact_center,
        "flex_flow": flow["sid"],
        "web_channel": web_channel["sid"],
        "channel": channel["sid"],
        "plugin": plugin["sid"],
        "plugin_version": version["sid"],
        "plugin_configuration": configuration["sid"],
        "plugin_release": release["sid"],
        "category": category["category_sid"],
        "question": question["question_sid"],
        "questionnaire": questionnaire["questionnaire_sid"],
        "interaction": interaction["sid"],
        "interaction_channel": interaction_channel,
        "participant": participant["sid"],
        "invite": invite["sid"],
        "transfer": transfer["sid"],
    }


def studio_definition(widget: str = "Send") -> dict[str, Any]:
    """A small valid Studio definition: a trigger whose incoming messages go to one widget."""
    return {
        "description": "fuzz",
        "states": [
            {
                "name": "Trigger",
                "type": "trigger",
                "transitions": [{"event": "incomingMessage", "next": widget}],
            },
            {"name": widget, "type": "send-to-flex", "transitions": [], "properties": {}},
        ],
        "initial_state": "Trigger",
        "flags": {"allow_concurrent_calls": True},
    }


def seed_contact_center(http: httpx.Client) -> dict[str, str]:
    """A workspace with an activity, a task channel, a queue and a workflow routing to it; a Studio flow;
    an address configuration sending to the flow. ``{kind: sid}`` (``revision``: the flow's revision)."""
    workspace = _ok(http.post(TR, data={"FriendlyName": "fuzz workspace"}), 201)
    base = f"{TR}/{workspace['sid']}"
    activity = _ok(http.post(f"{base}/Activities", data={"FriendlyName": "Lunch"}), 201)
    channel = _ok(http.post(f"{base}/TaskChannels", data={"FriendlyName": "Fax", "UniqueName": "fax"}), 201)
    queue = _ok(http.post(f"{base}/TaskQueues", data={"FriendlyName": "Sales"}), 201)
    routing = {"task_routing": {"filters": [], "default_filter": {"queue": queue["sid"]}}}
    workflow = _ok(
        http.post(f"{base}/Workflows", data={"FriendlyName": "Route", "Configuration": json.dumps(routing)}),
        201,
    )
    flow = _ok(
        http.post(
            STUDIO,
            data={
                "FriendlyName": "fuzz studio",
                "Status": "published",
                "Definition": json.dumps(studio_definition()),
            },
        ),
        201,
    )
    address = _ok(
        http.post(
            ADDRESSES,
            data={
                "Type": "sms",
                "Address": "+15555550199",
                "AutoCreation.Enabled": "true",
                "AutoCreation.Type": "studio",
                "AutoCreation.StudioFlowSid": flow["sid"],
            },
        ),
        201,
    )
    return {
        "workspace": workspace["sid"],
        "activity": activity["sid"],
        "task_channel": channel["sid"],
        "task_queue": queue["sid"],
        "workflow": workflow["sid"],
        "studio_flow": flow["sid"],
        "revision": str(flow["revision"]),
        "address_configuration": address["sid"],
    }
