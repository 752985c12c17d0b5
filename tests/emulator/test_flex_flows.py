"""FlexFlow endpoints over real HTTP: status codes, bodies, integration params, validation and 404s."""

from __future__ import annotations

import pytest

from tests.emulator.samples import (
    CHAT_SERVICE_SID,
    DATE,
    FLOW_SID,
    FO_SID,
    MISSING_FO_SID,
    REQUEST_ID,
    WORKFLOW_SID,
    WORKSPACE_SID,
    assert_twilio_error,
    create_flow,
    flow_form,
)
from tests.support.emulator import EmulatorProcess

FIELDS = {
    "account_sid", "date_created", "date_updated", "sid", "friendly_name", "chat_service_sid", "channel_type",
    "contact_identity", "enabled", "integration_type", "integration", "long_lived", "janitor_enabled", "url",
}  # fmt: skip


def test_create_returns_201_with_every_field_and_defaults(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post("/v1/FlexFlows", data=flow_form())
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    assert REQUEST_ID.match(response.headers["twilio-request-id"])
    assert int(response.headers["twilio-concurrent-requests"]) >= 1
    body = response.json()
    assert set(body) == FIELDS
    assert FO_SID.match(body["sid"])
    assert body["account_sid"] == flex.account_sid
    assert DATE.match(body["date_created"]) and body["date_updated"] == body["date_created"]
    assert body["url"] == f"{flex.base_url}/v1/FlexFlows/{body['sid']}"
    assert body["friendly_name"] == "support flow"
    assert body["chat_service_sid"] == CHAT_SERVICE_SID
    assert body["channel_type"] == "sms"
    assert body["integration_type"] == "studio"
    assert body["integration"] == {"flow_sid": FLOW_SID}
    # Documented defaults; nullable fields are present as null, not omitted.
    assert body["contact_identity"] is None
    assert body["enabled"] is False
    assert body["long_lived"] is False
    assert body["janitor_enabled"] is False


def test_create_reads_every_form_field_with_types(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        body = create_flow(
            http,
            ContactIdentity="+15555550100",
            Enabled="TRUE",  # booleans are case-insensitive
            LongLived="true",
            JanitorEnabled="True",
            **{"Integration.RetryCount": "1"},
        )
    assert body["contact_identity"] == "+15555550100"
    assert (body["enabled"], body["long_lived"], body["janitor_enabled"]) == (True, True, True)
    assert body["integration"] == {"flow_sid": FLOW_SID, "retry_count": 1}


def test_task_integration_dotted_params_become_a_snake_case_object(flex: EmulatorProcess) -> None:
    form = flow_form(IntegrationType="task")
    del form["Integration.FlowSid"]
    form |= {
        "Integration.WorkspaceSid": WORKSPACE_SID,
        "Integration.WorkflowSid": WORKFLOW_SID,
        "Integration.Channel": "sms",
        "Integration.Timeout": "600",
        "Integration.Priority": "5",
        "Integration.CreationOnMessage": "false",
    }
    with flex.client() as http:
        response = http.post("/v1/FlexFlows", data=form)
    assert response.status_code == 201, response.text
    assert response.json()["integration"] == {
        "workspace_sid": WORKSPACE_SID,
        "workflow_sid": WORKFLOW_SID,
        "channel": "sms",
        "timeout": 600,
        "priority": 5,
        "creation_on_message": False,
    }


def test_external_integration_url(flex: EmulatorProcess) -> None:
    form = flow_form(IntegrationType="external", **{"Integration.Url": "https://example.com/hook?a=1"})
    del form["Integration.FlowSid"]
    with flex.client() as http:
        response = http.post("/v1/FlexFlows", data=form)
    assert response.status_code == 201, response.text
    assert response.json()["integration"] == {"url": "https://example.com/hook?a=1"}


def test_form_decoding_plus_percent_and_unknown_params(flex: EmulatorProcess) -> None:
    body = "&".join(
        [
            "FriendlyName=night+shift%20%26+more",
            f"ChatServiceSid={CHAT_SERVICE_SID}",
            "ChannelType=web",
            "SomethingTwilioAddsLater=ignored",
        ]
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    with flex.client() as http:
        response = http.post("/v1/FlexFlows", content=body, headers=headers)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["friendly_name"] == "night shift & more"
    assert "SomethingTwilioAddsLater" not in created and "something_twilio_adds_later" not in created
    # Twilio's documented default, never null (the spec's enum has no null).
    assert created["integration_type"] == "studio" and created["integration"] == {}


def test_fetch_returns_what_create_returned(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_flow(http)
        response = http.get(f"/v1/FlexFlows/{created['sid']}")
    assert response.status_code == 200
    assert response.json() == created


def test_update_changes_given_fields_and_merges_integration(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_flow(http, ContactIdentity="+15555550100")
        response = http.post(
            f"/v1/FlexFlows/{created['sid']}",
            data={"FriendlyName": "renamed", "Enabled": "true", "Integration.RetryCount": "2"},
        )
        fetched = http.get(f"/v1/FlexFlows/{created['sid']}").json()
    assert response.status_code == 200
    updated = response.json()
    assert updated == fetched
    assert updated["friendly_name"] == "renamed"
    assert updated["enabled"] is True
    assert updated["integration"] == {"flow_sid": FLOW_SID, "retry_count": 2}
    # Untouched fields keep their values.
    assert updated["contact_identity"] == "+15555550100"
    assert updated["channel_type"] == "sms"
    assert updated["date_created"] == created["date_created"]
    assert DATE.match(updated["date_updated"]) and updated["date_updated"] >= created["date_updated"]


def test_update_with_every_create_parameter(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_flow(http)
        form = {
            "ChatServiceSid": "IS" + "a" * 32,
            "ChannelType": "whatsapp",
            "IntegrationType": "task",
            "Integration.WorkspaceSid": WORKSPACE_SID,
            "Integration.WorkflowSid": WORKFLOW_SID,
            "Integration.FlowSid": "",  # an empty value removes a subfield
            "LongLived": "true",
            "JanitorEnabled": "true",
        }
        updated = http.post(f"/v1/FlexFlows/{created['sid']}", data=form).json()
    assert updated["chat_service_sid"] == "IS" + "a" * 32
    assert updated["channel_type"] == "whatsapp"
    assert updated["integration_type"] == "task"
    assert updated["integration"] == {"workspace_sid": WORKSPACE_SID, "workflow_sid": WORKFLOW_SID}
    assert (updated["long_lived"], updated["janitor_enabled"]) == (True, True)


def test_update_with_no_parameters_is_a_no_op_200(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_flow(http)
        response = http.post(f"/v1/FlexFlows/{created['sid']}")
    assert response.status_code == 200
    assert {k: v for k, v in response.json().items() if k != "date_updated"} == {
        k: v for k, v in created.items() if k != "date_updated"
    }


def test_delete_returns_204_with_empty_body_then_404(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_flow(http)
        deleted = http.delete(f"/v1/FlexFlows/{created['sid']}")
        fetched = http.get(f"/v1/FlexFlows/{created['sid']}")
        deleted_again = http.delete(f"/v1/FlexFlows/{created['sid']}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert_twilio_error(fetched, 404, 20404)
    assert_twilio_error(deleted_again, 404, 20404)


@pytest.mark.parametrize(
    ("overrides", "removed", "parameter"),
    [
        ({}, "FriendlyName", "Missing required parameter FriendlyName in the post body"),
        ({}, "ChatServiceSid", "Missing required parameter ChatServiceSid in the post body"),
        ({}, "ChannelType", "Missing required parameter ChannelType in the post body"),
        ({"ChatServiceSid": "IS123"}, None, "ChatServiceSid"),
        ({"ChatServiceSid": "CH" + "0" * 32}, None, "ChatServiceSid"),
        ({"ChannelType": "fax"}, None, "ChannelType"),
        ({"IntegrationType": "lambda"}, None, "IntegrationType"),
        ({"Integration.RetryCount": "4"}, None, "Integration.RetryCount"),
        ({"Integration.RetryCount": "-1"}, None, "Integration.RetryCount"),
        ({"Integration.Timeout": "soon"}, None, "Integration.Timeout"),
        ({"Integration.Priority": "1.5"}, None, "Integration.Priority"),
        ({"Enabled": "yes"}, None, "Enabled"),
        ({"LongLived": "1"}, None, "LongLived"),
        ({"Integration.CreationOnMessage": "maybe"}, None, "Integration.CreationOnMessage"),
        ({"Integration.FlowSid": "FW-not-a-sid"}, None, "Integration.FlowSid"),
        ({"Integration.Url": "ftp://example.com"}, None, "Integration.Url"),
        ({"Integration.WorkspaceSid": "WW" + "0" * 32}, None, "Integration.WorkspaceSid"),
        ({"Integration.WorkflowSid": "WS" + "0" * 32}, None, "Integration.WorkflowSid"),
        ({}, "Integration.FlowSid", "Missing required parameter Integration.FlowSid in the post body"),
        ({"IntegrationType": "external"}, "Integration.FlowSid", "Integration.Url"),
        (
            {"IntegrationType": "task", "Integration.WorkspaceSid": "WS" + "0" * 32},
            "Integration.FlowSid",
            "Missing required parameter Integration.WorkflowSid in the post body",
        ),
    ],
)
def test_create_validation_is_a_400_naming_the_parameter(
    flex: EmulatorProcess, overrides: dict[str, str], removed: str | None, parameter: str
) -> None:
    form = flow_form(**overrides)
    if removed is not None:
        del form[removed]
    with flex.client() as http:
        response = http.post("/v1/FlexFlows", data=form)
        listed = http.get("/v1/FlexFlows").json()["flex_flows"]
    body = assert_twilio_error(response, 400, 20001)
    assert parameter in body["message"]
    assert listed == []  # nothing half-created


def test_update_validation_leaves_the_object_unchanged(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = create_flow(http)
        response = http.post(
            f"/v1/FlexFlows/{created['sid']}", data={"FriendlyName": "changed", "Integration.RetryCount": "4"}
        )
        fetched = http.get(f"/v1/FlexFlows/{created['sid']}").json()
    body = assert_twilio_error(response, 400, 20001)
    assert "Integration.RetryCount" in body["message"]
    assert fetched == created


def test_not_found_body_quotes_the_path_without_version(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.get(f"/v1/FlexFlows/{MISSING_FO_SID}")
    assert response.json() == {
        "code": 20404,
        "message": f"The requested resource /FlexFlows/{MISSING_FO_SID} was not found",
        "more_info": "https://www.twilio.com/docs/errors/20404",
        "status": 404,
    }


@pytest.mark.parametrize("sid", ["FO123", "CH" + "0" * 32, "FO" + "g" * 32, "FO" + "0" * 33])
def test_malformed_sid_in_path_is_a_404_for_every_method(flex: EmulatorProcess, sid: str) -> None:
    with flex.client() as http:
        responses = [
            http.get(f"/v1/FlexFlows/{sid}"),
            http.post(f"/v1/FlexFlows/{sid}", data={"FriendlyName": "x"}),
            http.delete(f"/v1/FlexFlows/{sid}"),
        ]
    for response in responses:
        body = assert_twilio_error(response, 404, 20404)
        assert body["message"] == f"The requested resource /FlexFlows/{sid} was not found"


def test_wrong_method_unknown_route_and_trailing_slash(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        put = http.put("/v1/FlexFlows", data={"FriendlyName": "x"})
        delete_list = http.delete("/v1/FlexFlows")
        unknown = http.get("/v1/NoSuchThing")
        slash = http.get("/v1/FlexFlows/")
    assert_twilio_error(put, 405, 20004)
    assert set(put.headers["allow"].split(", ")) == {"GET", "POST"}
    assert_twilio_error(delete_list, 405, 20004)
    assert (
        assert_twilio_error(unknown, 404, 20404)["message"]
        == "The requested resource /NoSuchThing was not found"
    )
    assert_twilio_error(slash, 404, 20404)


def test_json_body_on_a_form_endpoint_is_a_415(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        response = http.post("/v1/FlexFlows", json={"FriendlyName": "x"})
        listed = http.get("/v1/FlexFlows").json()["flex_flows"]
    assert_twilio_error(response, 415, 20415)
    assert listed == []


def test_malformed_encoding_is_a_400_not_a_500(flex: EmulatorProcess) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    with flex.client() as http:
        bad_utf8 = http.post("/v1/FlexFlows", content=b"FriendlyName=%ff%fe", headers=headers)
        raw_bytes = http.post("/v1/FlexFlows", content=b"FriendlyName=\xff", headers=headers)
    assert_twilio_error(bad_utf8, 400, 20001)
    assert_twilio_error(raw_bytes, 400, 20001)
