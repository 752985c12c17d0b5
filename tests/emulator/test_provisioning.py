"""Every account starts the way Flex provisions a real one (TaskRouter workspace, activities, channels,
queue and workflow; three Studio flows; the Configuration pointing at them), deterministically, again after
each reset, and not at all when it is empty (``--empty-accounts``, ``"empty": true``)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from pulumi_flex.emulator.provisioning import provisioned_rows
from tests.emulator.samples import assert_twilio_error
from tests.support.emulator import EmulatorProcess

TR = "/taskrouter/v1/Workspaces"
FLOWS = "/studio/v2/Flows"
ADDRESSES = "/conversations/v1/Configuration/Addresses"


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


def records(http: httpx.Client, path: str) -> list[dict[str, Any]]:
    body = ok(http.get(path))
    found: list[dict[str, Any]] = body[body["meta"]["key"]]
    return found


def snapshot(http: httpx.Client) -> dict[str, Any]:
    """Every provisioned object, without dates."""

    def undated(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in item.items() if not k.startswith("date_")} for item in items]

    workspaces = records(http, TR)
    found: dict[str, Any] = {"workspaces": undated(workspaces), "flows": undated(records(http, FLOWS))}
    for ws in workspaces:
        for family in ("Activities", "TaskChannels", "TaskQueues", "Workflows"):
            found[f"{ws['sid']} {family}"] = undated(records(http, f"{TR}/{ws['sid']}/{family}"))
    return found


def test_a_fresh_account_is_a_provisioned_flex_account(flex: EmulatorProcess) -> None:
    assert flex.stats()["total"] == 0  # provisioning (at the reset) made no API request
    with flex.client() as http:
        (workspace,) = records(http, TR)
        ws = workspace["sid"]
        assert (workspace["friendly_name"], workspace["multi_task_enabled"]) == ("Flex Task Assignment", True)
        activities = records(http, f"{TR}/{ws}/Activities")
        assert [(a["friendly_name"], a["available"]) for a in activities] == [
            ("Offline", False),
            ("Available", True),
            ("Unavailable", False),
            ("Break", False),
        ]
        offline = activities[0]["sid"]
        assert workspace["default_activity_sid"] == workspace["timeout_activity_sid"] == offline
        assert workspace["default_activity_name"] == workspace["timeout_activity_name"] == "Offline"
        channels = {c["unique_name"]: c["sid"] for c in records(http, f"{TR}/{ws}/TaskChannels")}
        assert list(channels) == ["default", "voice", "chat", "sms", "video", "email"]
        (queue,) = records(http, f"{TR}/{ws}/TaskQueues")
        assert (queue["friendly_name"], queue["target_workers"]) == ("Everyone", "1==1")
        (workflow,) = records(http, f"{TR}/{ws}/Workflows")
        assert workflow["friendly_name"] == "Assign to Anyone"
        routing = json.loads(workflow["configuration"])["task_routing"]
        assert routing["default_filter"] == {"queue": queue["sid"]}
        assert [t["queue"] for f in routing["filters"] for t in f["targets"]] == [queue["sid"]]

        flows = records(http, FLOWS)
        assert [f["friendly_name"] for f in flows] == ["Voice IVR", "Messaging Flow", "Webchat Flow"]
        for flow, channel in zip(flows, ("voice", "sms", "chat"), strict=True):
            assert (flow["status"], flow["valid"], flow["revision"], flow["errors"]) == (
                "published",
                True,
                1,
                [],
            )
            states = {state["name"]: state for state in flow["definition"]["states"]}
            trigger = states[flow["definition"]["initial_state"]]
            assert trigger["type"] == "trigger"
            (widget,) = [state for state in states.values() if state["type"] == "send-to-flex"]
            assert widget["properties"]["workflow"] == workflow["sid"]
            assert widget["properties"]["channel"] == channels[channel]
            assert widget["name"] in {t.get("next") for t in trigger["transitions"]}
            assert len(records(http, f"{FLOWS}/{flow['sid']}/Revisions")) == 1
            # The provisioned definitions pass Studio's own check.
            form = {"FriendlyName": "x", "Status": "draft", "Definition": json.dumps(flow["definition"])}
            assert ok(http.post(f"{FLOWS}/Validate", data=form)) == {"valid": True}

        configuration = ok(http.get("/v1/Configuration"))
        assert configuration["taskrouter_workspace_sid"] == ws
        assert configuration["taskrouter_target_workflow_sid"] == workflow["sid"]
        assert configuration["taskrouter_target_taskqueue_sid"] == queue["sid"]
        assert configuration["taskrouter_taskqueues"] == [{"sid": queue["sid"], "targettable": True}]
        assert configuration["taskrouter_offline_activity_sid"] == offline
        assert records(http, ADDRESSES) == []
        # No Flex object is provisioned: Flex lists stay empty.
        for path in ("/v1/FlexFlows", "/v1/WebChannels", "/v1/PluginService/Plugins"):
            body = ok(http.get(path))
            assert body[body["meta"]["key"]] == [], path


def test_the_provisioned_defaults_are_in_use(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = records(http, TR)[0]["sid"]
        offline = records(http, f"{TR}/{ws}/Activities")[0]["sid"]
        queue = records(http, f"{TR}/{ws}/TaskQueues")[0]["sid"]
        assert_twilio_error(http.delete(f"{TR}/{ws}/Activities/{offline}"), 400, 20001)
        body = assert_twilio_error(http.delete(f"{TR}/{ws}/TaskQueues/{queue}"), 400, 20001)
        assert "Assign to Anyone" in body["message"]
        assert_twilio_error(http.delete(f"{TR}/{ws}/TaskChannels/voice"), 400, 20001)


def test_reset_provisions_the_same_objects_again(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        before = snapshot(http)
        ws = before["workspaces"][0]["sid"]
        assert http.delete(f"{TR}/{ws}").status_code == 204
        for flow in before["flows"]:
            assert http.delete(f"{FLOWS}/{flow['sid']}").status_code == 204
        ok(http.post(TR, data={"FriendlyName": "mine"}), 201)
        assert [w["friendly_name"] for w in records(http, TR)] == ["mine"]
        flex.reset()
        assert snapshot(http) == before


def test_reset_is_cheap(flex: EmulatorProcess) -> None:
    started = time.perf_counter()
    for _ in range(10):
        flex.reset()
    assert (time.perf_counter() - started) / 10 < 0.5
    rows = provisioned_rows("AC" + "1" * 32, "2024-01-01T00:00:00Z")
    assert len(rows) == 1 + 4 + 6 + 1 + 1 + 3 * 2 + 1  # workspace … flows and revisions, the marker


def test_provisioning_is_deterministic_per_account() -> None:
    one = provisioned_rows("AC" + "1" * 32, "2024-01-01T00:00:00Z")
    again = provisioned_rows("AC" + "1" * 32, "2025-06-01T00:00:00Z")
    other = provisioned_rows("AC" + "2" * 32, "2024-01-01T00:00:00Z")
    assert [(kind, sid) for kind, _, sid, _, _ in one] == [(kind, sid) for kind, _, sid, _, _ in again]
    assert not {sid for _, _, sid, _, _ in one if sid != "provisioned"} & {sid for _, _, sid, _, _ in other}


def test_accounts_added_at_run_time_are_provisioned_unless_empty(flex: EmulatorProcess) -> None:
    full = ("AC" + "3" * 32, "full-token-" + "3" * 21)
    empty = ("AC" + "4" * 32, "empty-token-" + "4" * 20)
    flex.add_account(*full)
    assert flex.add_account(*empty, empty=True)["empty"] is True
    with flex.client(auth=full) as http:
        (workspace,) = records(http, TR)
        assert workspace["friendly_name"] == "Flex Task Assignment"
        assert len(records(http, FLOWS)) == 3
        assert ok(http.get("/v1/Configuration"))["taskrouter_workspace_sid"] == workspace["sid"]
    with flex.client() as http:
        primary_workspace = records(http, TR)[0]["sid"]
    assert primary_workspace != workspace["sid"]
    with flex.client(auth=empty) as http:
        assert records(http, TR) == records(http, FLOWS) == []
        configuration = ok(http.get("/v1/Configuration"))
        assert (
            configuration["taskrouter_workspace_sid"]
            is configuration["taskrouter_offline_activity_sid"]
            is None
        )
        assert configuration["taskrouter_taskqueues"] == []
    flex.reset()  # provisions the full account again, and keeps the empty one empty
    with flex.client(auth=full) as http:
        assert len(records(http, TR)) == 1
    with flex.client(auth=empty) as http:
        assert records(http, TR) == []
    assert {a["account_sid"]: a["empty"] for a in flex.accounts()}[empty[0]] is True


def test_bad_empty_field_is_400(flex: EmulatorProcess) -> None:
    response = httpx.post(
        f"{flex.base_url}/_emulator/accounts",
        json={"account_sid": "AC" + "5" * 32, "auth_token": "t" * 32, "empty": "yes"},
        trust_env=False,
    )
    body = assert_twilio_error(response, 400, 20001)
    assert "empty" in body["message"]


@pytest.fixture(scope="module")
def empty_emulator(tmp_path_factory: pytest.TempPathFactory) -> Any:
    flags = ("--empty-accounts", "--extra-account", "AC" + "6" * 32 + ":extra-token")
    with EmulatorProcess(tmp_path_factory.mktemp("empty") / "data", extra_args=flags) as process:
        yield process


def test_empty_accounts_flag_starts_every_account_empty(empty_emulator: EmulatorProcess) -> None:
    empty_emulator.reset()
    added = ("AC" + "7" * 32, "added-token-" + "7" * 20)
    empty_emulator.add_account(*added)  # the flag is the default for added accounts too
    for auth in [
        (empty_emulator.account_sid, empty_emulator.auth_token),
        ("AC" + "6" * 32, "extra-token"),
        added,
    ]:
        with empty_emulator.client(auth=auth) as http:
            assert records(http, TR) == records(http, FLOWS) == []
            assert ok(http.get("/v1/Configuration"))["taskrouter_workspace_sid"] is None
    response = httpx.post(
        f"{empty_emulator.base_url}/_emulator/accounts",
        json={"account_sid": "AC" + "8" * 32, "auth_token": "t" * 32, "empty": False},
        trust_env=False,
    )
    assert response.status_code == 201 and response.json()["empty"] is False
    with empty_emulator.client(auth=("AC" + "8" * 32, "t" * 32)) as http:
        assert len(records(http, TR)) == 1  # asked for explicitly
    assert all(a["empty"] for a in empty_emulator.accounts() if a["account_sid"] != "AC" + "8" * 32)


def test_a_restart_keeps_deleted_defaults_deleted(tmp_path: Path) -> None:
    with EmulatorProcess(tmp_path / "data") as emulator:
        with emulator.client() as http:
            ws = records(http, TR)[0]["sid"]
            assert http.delete(f"{TR}/{ws}").status_code == 204
        emulator.restart()
        with emulator.client() as http:
            assert records(http, TR) == []  # provisioned once per data dir; a reset provisions again
            assert len(records(http, FLOWS)) == 3
        emulator.reset()
        with emulator.client() as http:
            assert [w["sid"] for w in records(http, TR)] == [ws]
