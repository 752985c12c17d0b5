"""Studio v2 under ``/studio/v2``: flows, their revisions and ``Flows/Validate`` over real HTTP, with the
itemised 400 for invalid definitions, paging with the prefix, stats keys and faults."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.emulator.samples import DATE, assert_twilio_error
from tests.fuzz.objects import studio_definition
from tests.support.emulator import EmulatorProcess

FLOWS = "/studio/v2/Flows"


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


def create(http: httpx.Client, definition: Any = None, **form: str) -> dict[str, Any]:
    data = {
        "FriendlyName": "Support",
        "Status": "draft",
        "Definition": json.dumps(studio_definition() if definition is None else definition),
        **form,
    }
    return ok(http.post(FLOWS, data=data), 201)


def test_flow_create_fetch_list_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create(http, CommitMessage="first cut")
        sid = flow["sid"]
        url = f"{flex.base_url}{FLOWS}/{sid}"
        assert sid.startswith("FW") and flow["account_sid"] == flex.account_sid
        assert (flow["revision"], flow["status"], flow["commit_message"]) == (1, "draft", "first cut")
        assert (flow["valid"], flow["errors"], flow["warnings"]) == (True, [], [])
        assert flow["definition"] == studio_definition()  # a JSON object, not text
        assert (
            flow["webhook_url"] == f"https://webhooks.twilio.com/v1/Accounts/{flex.account_sid}/Flows/{sid}"
        )
        assert flow["url"] == url and flow["links"]["revisions"] == f"{url}/Revisions"
        assert DATE.match(flow["date_created"]) and flow["author_sid"] is None
        assert ok(http.get(f"{FLOWS}/{sid}")) == flow
        listed = ok(http.get(FLOWS))
        assert listed["meta"]["key"] == "flows" and listed["flows"][-1] == flow
        assert http.delete(f"{FLOWS}/{sid}").status_code == 204
        assert_twilio_error(http.get(f"{FLOWS}/{sid}"), 404, 20404)
        assert_twilio_error(http.get(f"{FLOWS}/{sid}/Revisions"), 404, 20404)
        assert_twilio_error(http.get(f"{FLOWS}/{sid}/Revisions/1"), 404, 20404)
        body = assert_twilio_error(http.delete(f"{FLOWS}/{sid}"), 404, 20404)
        assert body["message"] == f"The requested resource /Flows/{sid} was not found"


def test_every_update_is_a_new_revision(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create(http)
        path = f"{FLOWS}/{flow['sid']}"
        second = ok(http.post(path, data={"Status": "published", "CommitMessage": "go live"}))
        assert (second["revision"], second["status"], second["commit_message"]) == (2, "published", "go live")
        third = ok(http.post(path, data={"Status": "published"}))  # nothing changed: still a revision
        assert (third["revision"], third["commit_message"]) == (3, None)
        fourth = ok(
            http.post(
                path,
                data={
                    "Status": "draft",
                    "FriendlyName": "Renamed",
                    "Definition": json.dumps(studio_definition("Agent")),
                },
            )
        )
        assert (fourth["revision"], fourth["friendly_name"], fourth["status"]) == (4, "Renamed", "draft")
        assert fourth["definition"] == studio_definition("Agent")
        body = assert_twilio_error(http.post(path, data={"FriendlyName": "no status"}), 400, 20001)
        assert "Status" in body["message"]
        assert_twilio_error(http.post(path, data={"Status": "archived"}), 400, 20001)
        assert ok(http.get(path))["revision"] == 4  # refused updates made no revision


def test_revisions_list_newest_first_and_fetch(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create(http, CommitMessage="v1")
        path = f"{FLOWS}/{flow['sid']}"
        assert_twilio_error(http.get(f"{path}/Revisions/LatestPublished"), 404, 20404)
        ok(http.post(path, data={"Status": "published", "CommitMessage": "v2"}))
        ok(http.post(path, data={"Status": "draft", "CommitMessage": "v3", "FriendlyName": "Draft"}))
        page = ok(http.get(f"{path}/Revisions", params={"PageSize": 2}))
        assert page["meta"]["key"] == "revisions"
        assert [r["revision"] for r in page["revisions"]] == [3, 2]
        assert page["meta"]["next_page_url"].startswith(f"{flex.base_url}{path}/Revisions?PageSize=2&Page=1")
        rest = ok(http.get(page["meta"]["next_page_url"]))
        assert [r["revision"] for r in rest["revisions"]] == [1]
        first = ok(http.get(f"{path}/Revisions/1"))
        assert (first["status"], first["commit_message"], first["friendly_name"]) == (
            "draft",
            "v1",
            "Support",
        )
        assert first["url"] == f"{flex.base_url}{path}/Revisions/1" and first["sid"] == flow["sid"]
        assert first["definition"] == studio_definition() and "warnings" not in first
        assert ok(http.get(f"{path}/Revisions/LatestPublished"))["commit_message"] == "v2"
        assert ok(http.get(f"{path}/Revisions/LatestRevision"))["friendly_name"] == "Draft"
        for bad in ("4", "0", "-1", "latest", "1.0"):
            assert_twilio_error(http.get(f"{path}/Revisions/{bad}"), 404, 20404)
        assert_twilio_error(http.post(f"{path}/Revisions/1"), 405, 20004)
        assert_twilio_error(http.delete(f"{path}/Revisions"), 405, 20004)


TRIGGER = {"name": "Trigger", "type": "trigger", "transitions": []}


@pytest.mark.parametrize(
    ("definition", "paths"),
    [
        ([], ["#"]),
        ("a string", ["#"]),
        ({"initial_state": "Trigger"}, ["#/states"]),
        ({"states": {}, "initial_state": "Trigger"}, ["#/states"]),
        ({"states": [TRIGGER]}, ["#/initial_state"]),
        ({"states": [TRIGGER], "initial_state": "Start"}, ["#/initial_state"]),
        ({"states": [TRIGGER, {"type": "say-play"}], "initial_state": "Trigger"}, ["#/states/1/name"]),
        ({"states": [TRIGGER, {"name": "Say", "type": ""}], "initial_state": "Trigger"}, ["#/states/1/type"]),
        ({"states": [TRIGGER, "Say"], "initial_state": "Trigger"}, ["#/states/1"]),
        ({"states": [TRIGGER, TRIGGER], "initial_state": "Trigger"}, ["#/states/1/name"]),
        (
            {
                "states": [
                    {
                        "name": "Trigger",
                        "type": "trigger",
                        "transitions": [{"event": "incomingCall", "next": "Gone"}],
                    }
                ],
                "initial_state": "Trigger",
            },
            ["#/states/0/transitions/0/next"],
        ),
        (
            {
                "states": [{"name": "Trigger", "type": "trigger", "transitions": {}}],
                "initial_state": "Trigger",
            },
            ["#/states/0/transitions"],
        ),
        (
            {"states": [{"type": "trigger"}, {"name": "X"}], "initial_state": "Nowhere"},
            ["#/states/0/name", "#/states/1/type", "#/initial_state"],
        ),
    ],
    ids=lambda value: json.dumps(value)[:40],
)
def test_invalid_definitions_are_400_with_each_error(
    flex: EmulatorProcess, definition: Any, paths: list[str]
) -> None:
    form = {"FriendlyName": "bad", "Status": "draft", "Definition": json.dumps(definition)}
    with flex.client() as http:
        flow = create(http)
        responses = [
            http.post(FLOWS, data=form),
            http.post(f"{FLOWS}/{flow['sid']}", data={"Status": "draft", "Definition": form["Definition"]}),
            http.post(f"{FLOWS}/Validate", data=form),
        ]
        for response in responses:
            body = assert_twilio_error(response, 400, 20001)
            assert body["message"].startswith("Invalid Flow Definition: ")
            errors = body["details"]["errors"]
            assert [error["property_path"] for error in errors] == paths
            assert all(isinstance(error["message"], str) and error["message"] for error in errors)
        assert ok(http.get(f"{FLOWS}/{flow['sid']}"))["revision"] == 1
        assert len(ok(http.get(FLOWS))["flows"]) == 4  # the three provisioned flows and this one


def test_a_transition_without_next_ends_the_flow(flex: EmulatorProcess) -> None:
    definition = {
        "states": [
            {
                "name": "Trigger",
                "type": "trigger",
                "transitions": [{"event": "incomingMessage"}, {"event": "incomingCall", "next": ""}],
            }
        ],
        "initial_state": "Trigger",
    }
    with flex.client() as http:
        assert create(http, definition)["valid"] is True


@pytest.mark.parametrize(
    ("form", "parameter"),
    [
        ({"Status": "draft", "Definition": "{}"}, "FriendlyName"),
        ({"FriendlyName": "f", "Definition": "{}"}, "Status"),
        ({"FriendlyName": "f", "Status": "draft"}, "Definition"),
        ({"FriendlyName": "f", "Status": "Draft", "Definition": "{}"}, "Status"),
        ({"FriendlyName": "f", "Status": "draft", "Definition": "{not json"}, "Definition"),
        ({"FriendlyName": "", "Status": "draft", "Definition": "{}"}, "FriendlyName"),
    ],
)
def test_create_and_validate_name_the_parameter(
    flex: EmulatorProcess, form: dict[str, str], parameter: str
) -> None:
    with flex.client() as http:
        for path in (FLOWS, f"{FLOWS}/Validate"):
            body = assert_twilio_error(http.post(path, data=form), 400, 20001)
            assert parameter in body["message"], path


def test_validate_saves_nothing(flex: EmulatorProcess) -> None:
    form = {"FriendlyName": "x", "Status": "published", "Definition": json.dumps(studio_definition())}
    with flex.client() as http:
        before = ok(http.get(FLOWS))["flows"]
        assert ok(http.post(f"{FLOWS}/Validate", data=form)) == {"valid": True}
        assert ok(http.get(FLOWS))["flows"] == before
        assert_twilio_error(http.get(f"{FLOWS}/Validate"), 405, 20004)
    requests = flex.stats()["requests"]
    assert requests["POST /studio/v2/Flows/Validate"] == 1
    assert requests["GET /studio/v2/Flows/Validate"] == 1
    assert "POST /studio/v2/Flows/{Sid}" not in requests


def test_stats_faults_and_accounts(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flow = create(http)
        http.get(f"{FLOWS}/{flow['sid']}/Revisions/1")
        flex.set_faults({"lost": 1.0})
        assert http.post(f"{FLOWS}/{flow['sid']}", data={"Status": "published"}).status_code == 500
        flex.set_faults()
        assert ok(http.get(f"{FLOWS}/{flow['sid']}"))["revision"] == 2  # committed, answer lost
    requests = flex.stats()["requests"]
    assert requests["POST /studio/v2/Flows"] == 1
    assert requests["GET /studio/v2/Flows/{Sid}/Revisions/{Revision}"] == 1
    assert requests["POST /studio/v2/Flows/{Sid}"] == 1
    other = ("AC" + "8" * 32, "other-token-" + "8" * 20)
    flex.add_account(*other)
    with flex.client(auth=other) as http:
        assert_twilio_error(http.get(f"{FLOWS}/{flow['sid']}"), 404, 20404)
        assert_twilio_error(http.get(f"{FLOWS}/{flow['sid']}/Revisions"), 404, 20404)
    with flex.client(auth=("AC" + "8" * 32, "wrong")) as http:
        assert_twilio_error(http.get(FLOWS), 401, 20003)
