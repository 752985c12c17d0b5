"""Channel endpoints over real HTTP: create/fetch/list/delete, no update, chat users and validation."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from tests.emulator.samples import DATE, MISSING_FO_SID, assert_twilio_error, create_flow
from tests.support.emulator import EmulatorProcess

CH_SID = re.compile(r"^CH[0-9a-f]{32}$")
US_SID = re.compile(r"^US[0-9a-f]{32}$")
TASK_SID = "WT" + "0123456789abcdef" * 2
FIELDS = {
    "account_sid", "flex_flow_sid", "sid", "user_sid", "task_sid", "url", "date_created", "date_updated",
}  # fmt: skip


def channel_form(flow_sid: str, **overrides: str) -> dict[str, str]:
    form = {
        "FlexFlowSid": flow_sid,
        "Identity": "customer-42",
        "ChatUserFriendlyName": "Grace",
        "ChatFriendlyName": "Grace's chat",
    }
    form.update(overrides)
    return form


def create_channel(http: httpx.Client, flow_sid: str, **overrides: str) -> dict[str, Any]:
    response = http.post("/v1/Channels", data=channel_form(flow_sid, **overrides))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_create_answers_201_with_the_channel_fields(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        response = http.post(
            "/v1/Channels",
            data=channel_form(
                flow["sid"],
                Target="+15555550100",
                ChatUniqueName="grace-1",
                PreEngagementData='{"topic": "billing"}',
                TaskSid=TASK_SID,
                TaskAttributes='{"priority": 5}',
                LongLived="true",
            ),
        )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert CH_SID.match(body["sid"]) and US_SID.match(body["user_sid"])
    assert body["account_sid"] == flex.account_sid
    assert body["flex_flow_sid"] == flow["sid"]
    assert body["task_sid"] == TASK_SID
    assert body["url"] == f"{flex.base_url}/v1/Channels/{body['sid']}"
    assert DATE.match(body["date_created"]) and body["date_updated"] == body["date_created"]


def test_task_sid_is_null_when_not_given(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        body = create_channel(http, flow["sid"])
    assert body["task_sid"] is None


def test_one_chat_user_per_identity(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        first = create_channel(http, flow["sid"])
        same = create_channel(http, flow["sid"])
        other = create_channel(http, flow["sid"], Identity="customer-43")
    assert first["sid"] != same["sid"]
    assert first["user_sid"] == same["user_sid"]
    assert other["user_sid"] != first["user_sid"]


def test_fetch_list_and_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        created = create_channel(http, flow["sid"])
        fetched = http.get(f"/v1/Channels/{created['sid']}")
        listed = http.get("/v1/Channels").json()
        deleted = http.delete(f"/v1/Channels/{created['sid']}")
        gone = http.get(f"/v1/Channels/{created['sid']}")
        empty = http.get("/v1/Channels").json()
    assert fetched.status_code == 200 and fetched.json() == created
    assert listed["flex_chat_channels"] == [created]
    assert listed["meta"]["key"] == "flex_chat_channels"
    assert deleted.status_code == 204 and deleted.content == b""
    message = assert_twilio_error(gone, 404, 20404)["message"]
    assert message == f"The requested resource /Channels/{created['sid']} was not found"
    assert empty["flex_chat_channels"] == []


def test_channels_have_no_update(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        created = create_channel(http, flow["sid"])
        response = http.post(f"/v1/Channels/{created['sid']}", data={"ChatFriendlyName": "renamed"})
        fetched = http.get(f"/v1/Channels/{created['sid']}").json()
    assert_twilio_error(response, 405, 20004)
    assert set(response.headers["allow"].split(", ")) == {"GET", "DELETE"}
    assert fetched == created


@pytest.mark.parametrize("missing", ["FlexFlowSid", "Identity", "ChatUserFriendlyName", "ChatFriendlyName"])
def test_required_parameters(flex: EmulatorProcess, missing: str) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        form = channel_form(flow["sid"])
        del form[missing]
        response = http.post("/v1/Channels", data=form)
        listed = http.get("/v1/Channels").json()["flex_chat_channels"]
    body = assert_twilio_error(response, 400, 20001)
    assert body["message"] == f"Missing required parameter {missing} in the post body"
    assert listed == []


@pytest.mark.parametrize(
    ("overrides", "parameter"),
    [
        ({"FlexFlowSid": "FO-nope"}, "FlexFlowSid"),
        ({"TaskSid": "WS" + "0" * 32}, "TaskSid"),
        ({"TaskAttributes": "{priority: 5}"}, "TaskAttributes"),
        ({"PreEngagementData": "{"}, "PreEngagementData"),
        ({"LongLived": "yes"}, "LongLived"),
    ],
)
def test_invalid_parameters(flex: EmulatorProcess, overrides: dict[str, str], parameter: str) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        response = http.post("/v1/Channels", data=channel_form(flow["sid"], **overrides))
    assert parameter in assert_twilio_error(response, 400, 20001)["message"]


def test_unknown_flex_flow(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post("/v1/Channels", data=channel_form(MISSING_FO_SID))
    assert "Flex Flow" in assert_twilio_error(response, 400, 45205)["message"]


def test_channel_created_here_is_a_web_channel_too(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create_flow(http)
        created = create_channel(http, flow["sid"])
        as_web = http.get(f"/v1/WebChannels/{created['sid']}")
    assert as_web.status_code == 200
    assert as_web.json() == {
        "flex_flow_sid": flow["sid"],
        "account_sid": flex.account_sid,
        "sid": created["sid"],
        "date_created": created["date_created"],
        "date_updated": created["date_updated"],
        "url": f"{flex.base_url}/v1/WebChannels/{created['sid']}",
    }


def test_wrong_methods(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        delete_list = http.delete("/v1/Channels")
        malformed = http.get("/v1/Channels/CH1")
    assert_twilio_error(delete_list, 405, 20004)
    assert_twilio_error(malformed, 404, 20404)
    assert flex.stats()["requests"]["DELETE /v1/Channels"] == 1


def test_official_client_round_trip(flex: EmulatorProcess) -> None:
    client = Client(flex.account_sid, flex.auth_token)
    client.flex_api.base_url = flex.base_url
    with flex.client() as http:
        flow = create_flow(http)
    channels = client.flex_api.v1.channel
    created = channels.create(
        flex_flow_sid=flow["sid"],
        identity="customer-1",
        chat_user_friendly_name="Grace",
        chat_friendly_name="Chat",
        task_sid=TASK_SID,
        task_attributes='{"a": 1}',
        long_lived=True,
    )
    assert created.sid is not None and CH_SID.match(created.sid)
    assert created.user_sid is not None and US_SID.match(created.user_sid)
    assert created.task_sid == TASK_SID
    fetched = channels(created.sid).fetch()
    assert (fetched.flex_flow_sid, fetched.user_sid) == (flow["sid"], created.user_sid)
    assert [c.sid for c in channels.list()] == [created.sid]
    assert channels(created.sid).delete() is True
    with pytest.raises(TwilioRestException) as info:
        channels(created.sid).fetch()
    assert (info.value.status, info.value.code) == (404, 20404)
