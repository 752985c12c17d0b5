"""WebChannel endpoints over real HTTP: write-only inputs, the two updates, validation, shared storage."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

import httpx
import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from tests.emulator.samples import DATE, MISSING_FO_SID, assert_twilio_error, create_flow
from tests.support.emulator import EmulatorProcess

CH_SID = re.compile(r"^CH[0-9a-f]{32}$")
FIELDS = {"account_sid", "flex_flow_sid", "sid", "url", "date_created", "date_updated"}
MISSING_CH_SID = "CH" + "e" * 32


def web_form(flow_sid: str, **overrides: str) -> dict[str, str]:
    form = {
        "FlexFlowSid": flow_sid,
        "Identity": "visitor-7781",
        "CustomerFriendlyName": "Ada Customer",
        "ChatFriendlyName": "Support chat with Ada",
        "ChatUniqueName": "ada-chat-1",
        "PreEngagementData": '{"question": "Where is my order?", "priority": 2}',
    }
    form.update(overrides)
    return form


def create_web_channel(http: httpx.Client, flow_sid: str, **overrides: str) -> dict[str, Any]:
    response = http.post("/v1/WebChannels", data=web_form(flow_sid, **overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_create_answers_201_with_only_the_documented_fields(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        response = http.post("/v1/WebChannels", data=web_form(flow["sid"]))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert CH_SID.match(body["sid"])
    assert body["account_sid"] == flex.account_sid
    assert body["flex_flow_sid"] == flow["sid"]
    assert body["url"] == f"{flex.base_url}/v1/WebChannels/{body['sid']}"
    assert DATE.match(body["date_created"]) and body["date_updated"] == body["date_created"]
    # Write-only inputs are never echoed, under any name.
    for value in (
        "visitor-7781",
        "Ada Customer",
        "Support chat with Ada",
        "ada-chat-1",
        "Where is my order?",
    ):
        assert value not in response.text


def test_write_only_inputs_are_kept_in_the_stored_document(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        created = create_web_channel(http, flow["sid"])
        http.post(f"/v1/WebChannels/{created['sid']}", data={"PostEngagementData": '{"rating": 5}'})
    with sqlite3.connect(f"file:{flex.data_dir / 'emulator.sqlite3'}?mode=ro", uri=True) as db:
        row = db.execute("SELECT doc FROM objects WHERE sid = ?", (created["sid"],)).fetchone()
    stored = json.loads(row[0])
    assert stored["identity"] == "visitor-7781"
    assert stored["customer_friendly_name"] == "Ada Customer"
    assert stored["chat_friendly_name"] == "Support chat with Ada"
    assert stored["chat_unique_name"] == "ada-chat-1"
    assert stored["pre_engagement_data"] == '{"question": "Where is my order?", "priority": 2}'
    assert stored["post_engagement_data"] == '{"rating": 5}'


def test_fetch_and_list_return_what_create_returned(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        first = create_web_channel(http, flow["sid"])
        second = create_web_channel(http, flow["sid"], Identity="visitor-2")
        fetched = http.get(f"/v1/WebChannels/{first['sid']}")
        listed = http.get("/v1/WebChannels")
    assert fetched.status_code == 200 and fetched.json() == first
    assert listed.status_code == 200
    body = listed.json()
    assert body["flex_chat_channels"] == [first, second]
    assert body["meta"]["key"] == "flex_chat_channels"
    assert body["meta"]["url"] == f"{flex.base_url}/v1/WebChannels?PageSize=50&Page=0"


def test_list_pages_by_page_size(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        sids = [create_web_channel(http, flow["sid"], Identity=f"v{i}")["sid"] for i in range(3)]
        first = http.get("/v1/WebChannels", params={"PageSize": 2}).json()
        second = http.get(first["meta"]["next_page_url"]).json()
    assert [c["sid"] for c in first["flex_chat_channels"]] == sids[:2]
    assert [c["sid"] for c in second["flex_chat_channels"]] == sids[2:]
    assert second["meta"]["next_page_url"] is None


def test_update_closes_the_chat_and_attaches_post_engagement_data(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        created = create_web_channel(http, flow["sid"])
        response = http.post(
            f"/v1/WebChannels/{created['sid']}",
            data={"ChatStatus": "inactive", "PostEngagementData": "thanks, solved"},
        )
        again = http.post(f"/v1/WebChannels/{created['sid']}", data={"ChatStatus": "inactive"})
        empty = http.post(f"/v1/WebChannels/{created['sid']}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == FIELDS
    assert body["sid"] == created["sid"] and body["date_created"] == created["date_created"]
    assert "thanks, solved" not in response.text and "inactive" not in response.text
    assert again.status_code == 200  # closing is idempotent
    assert empty.status_code == 200 and empty.json()["flex_flow_sid"] == flow["sid"]


@pytest.mark.parametrize("status", ["active", "closed", "INACTIVE", ""])
def test_chat_status_accepts_only_inactive(flex: EmulatorProcess, status: str) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        created = create_web_channel(http, flow["sid"])
        response = http.post(f"/v1/WebChannels/{created['sid']}", data={"ChatStatus": status})
    assert "ChatStatus" in assert_twilio_error(response, 400, 20001)["message"]


def test_delete_is_204_then_404(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        created = create_web_channel(http, flow["sid"])
        deleted = http.delete(f"/v1/WebChannels/{created['sid']}")
        fetched = http.get(f"/v1/WebChannels/{created['sid']}")
        again = http.delete(f"/v1/WebChannels/{created['sid']}")
    assert deleted.status_code == 204 and deleted.content == b""
    body = assert_twilio_error(fetched, 404, 20404)
    assert body["message"] == f"The requested resource /WebChannels/{created['sid']} was not found"
    assert_twilio_error(again, 404, 20404)


@pytest.mark.parametrize("missing", ["FlexFlowSid", "Identity", "CustomerFriendlyName", "ChatFriendlyName"])
def test_required_parameters(flex: EmulatorProcess, missing: str) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        form = web_form(flow["sid"])
        del form[missing]
        response = http.post("/v1/WebChannels", data=form)
        empty = http.post("/v1/WebChannels", data={**web_form(flow["sid"]), missing: ""})
        listed = http.get("/v1/WebChannels").json()["flex_chat_channels"]
    message = f"Missing required parameter {missing} in the post body"
    assert assert_twilio_error(response, 400, 20001)["message"] == message
    assert assert_twilio_error(empty, 400, 20001)["message"] == message
    assert listed == []


@pytest.mark.parametrize(
    ("overrides", "parameter"),
    [
        ({"FlexFlowSid": "FO123"}, "FlexFlowSid"),
        ({"FlexFlowSid": "CH" + "0" * 32}, "FlexFlowSid"),
        ({"PreEngagementData": "{not json"}, "PreEngagementData"),
        ({"PreEngagementData": "NaN"}, "PreEngagementData"),
    ],
)
def test_invalid_parameters(flex: EmulatorProcess, overrides: dict[str, str], parameter: str) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        response = http.post("/v1/WebChannels", data=web_form(flow["sid"], **overrides))
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_unknown_flex_flow_is_flex_error_45205(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post("/v1/WebChannels", data=web_form(MISSING_FO_SID))
        flow = create_flow(http, ChannelType="web")
        http.delete(f"/v1/FlexFlows/{flow['sid']}")
        deleted_flow = http.post("/v1/WebChannels", data=web_form(flow["sid"]))
    body = assert_twilio_error(response, 400, 45205)
    assert body["message"] == f"Requested Flex Flow is not found: {MISSING_FO_SID}"
    assert_twilio_error(deleted_flow, 400, 45205)


def test_pre_engagement_data_accepts_any_json_and_empty(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        statuses = [
            http.post("/v1/WebChannels", data=web_form(flow["sid"], PreEngagementData=value)).status_code
            for value in ('{"a": [1, 2]}', "[]", '"text"', "42", "")
        ]
    assert statuses == [201] * 5


@pytest.mark.parametrize("sid", ["CH123", "FO" + "0" * 32, MISSING_CH_SID])
def test_unknown_or_malformed_sid_is_404_for_every_method(flex: EmulatorProcess, sid: str) -> None:
    with flex.client() as http:
        responses = [
            http.get(f"/v1/WebChannels/{sid}"),
            http.post(f"/v1/WebChannels/{sid}", data={"ChatStatus": "inactive"}),
            http.delete(f"/v1/WebChannels/{sid}"),
        ]
    for response in responses:
        assert assert_twilio_error(response, 404, 20404)["message"] == (
            f"The requested resource /WebChannels/{sid} was not found"
        )


def test_web_channels_and_channels_are_the_same_chat_channels(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        web = create_web_channel(http, flow["sid"])
        as_channel = http.get(f"/v1/Channels/{web['sid']}")
        listed = http.get("/v1/Channels").json()["flex_chat_channels"]
        http.delete(f"/v1/Channels/{web['sid']}")
        gone = http.get(f"/v1/WebChannels/{web['sid']}")
    assert as_channel.status_code == 200
    channel = as_channel.json()
    assert channel["sid"] == web["sid"] and channel["flex_flow_sid"] == flow["sid"]
    assert channel["url"] == f"{flex.base_url}/v1/Channels/{web['sid']}"
    assert channel["user_sid"].startswith("US") and channel["task_sid"] is None
    assert [c["sid"] for c in listed] == [web["sid"]]
    assert_twilio_error(gone, 404, 20404)


def test_requests_are_counted_by_path_template(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
        created = create_web_channel(http, flow["sid"])
        http.get(f"/v1/WebChannels/{created['sid']}")
        http.put(f"/v1/WebChannels/{created['sid']}")
    requests = flex.stats()["requests"]
    assert requests["POST /v1/WebChannels"] == 1
    assert requests["GET /v1/WebChannels/{Sid}"] == 1
    assert requests["PUT /v1/WebChannels/{Sid}"] == 1


def test_official_client_round_trip(flex: EmulatorProcess) -> None:
    client = Client(flex.account_sid, flex.auth_token)
    client.flex_api.base_url = flex.base_url
    with flex.client() as http:
        flow = create_flow(http, ChannelType="web")
    channels = client.flex_api.v1.web_channel
    created = channels.create(
        flex_flow_sid=flow["sid"],
        identity="visitor-1",
        customer_friendly_name="Ada",
        chat_friendly_name="Chat with Ada",
        pre_engagement_data=json.dumps({"topic": "billing"}),
    )
    assert created.sid is not None and CH_SID.match(created.sid)
    assert created.flex_flow_sid == flow["sid"]
    assert created.date_created is not None and created.date_created.year >= 2024
    assert channels(created.sid).fetch().url == f"{flex.base_url}/v1/WebChannels/{created.sid}"
    updated = channels(created.sid).update(chat_status="inactive", post_engagement_data="{}")
    assert updated.sid == created.sid
    assert [c.sid for c in channels.list()] == [created.sid]
    assert channels(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as info:
        channels(created.sid).fetch()
    assert (info.value.status, info.value.code) == (404, 20404)
    with pytest.raises(TwilioRestException) as bad:
        channels.create(
            flex_flow_sid=MISSING_FO_SID, identity="x", customer_friendly_name="x", chat_friendly_name="x"
        )
    assert (bad.value.status, bad.value.code) == (400, 45205)
