"""TaskRouter under ``/taskrouter/v1``: workspaces, activities, task channels, task queues and workflows over
real HTTP: every endpoint, the in-use refusals, the cascade, validation naming the parameter, paging with the
prefix, stats keys and faults."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.emulator.samples import DATE, assert_twilio_error
from tests.support.emulator import EmulatorProcess

TR = "/taskrouter/v1/Workspaces"
HEX = "0123456789abcdef" * 2


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


def workspace(http: httpx.Client, **form: str) -> dict[str, Any]:
    return ok(http.post(TR, data={"FriendlyName": "Support", **form}), 201)


def routing(*queues: str, default: str | None = None) -> str:
    filters = [
        {"filter_friendly_name": f"f{i}", "expression": "1==1", "targets": [{"queue": q}]}
        for i, q in enumerate(queues)
    ]
    document: dict[str, Any] = {"task_routing": {"filters": filters}}
    if default is not None:
        document["task_routing"]["default_filter"] = {"queue": default}
    return json.dumps(document)


def listed(http: httpx.Client, path: str, **params: str) -> list[dict[str, Any]]:
    body = ok(http.get(path, params=params))
    records: list[dict[str, Any]] = body[body["meta"]["key"]]
    return records


# ------------------------------------------------------------------------------------------------ workspaces


def test_workspace_create_fetch_update_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        created = workspace(
            http, EventCallbackUrl="https://hooks.example.com/ev", EventsFilter="task.created"
        )
        sid = created["sid"]
        url = f"{flex.base_url}{TR}/{sid}"
        assert created["url"] == url and created["links"]["activities"] == f"{url}/Activities"
        assert created["links"]["task_channels"] == f"{url}/TaskChannels"
        assert DATE.match(created["date_created"]) and created["account_sid"] == flex.account_sid
        assert (created["multi_task_enabled"], created["prioritize_queue_order"]) == (True, "FIFO")
        assert (created["event_callback_url"], created["events_filter"]) == (
            "https://hooks.example.com/ev",
            "task.created",
        )
        assert (created["default_activity_name"], created["timeout_activity_name"]) == ("Offline", "Offline")
        assert ok(http.get(f"{TR}/{sid}")) == created
        # A new workspace has Offline, Available and Unavailable, and the built-in channels; no queue.
        assert [a["friendly_name"] for a in listed(http, f"{TR}/{sid}/Activities")] == [
            "Offline",
            "Available",
            "Unavailable",
        ]
        assert [c["unique_name"] for c in listed(http, f"{TR}/{sid}/TaskChannels")] == [
            "default",
            "voice",
            "chat",
            "sms",
            "video",
            "email",
        ]
        assert listed(http, f"{TR}/{sid}/TaskQueues") == listed(http, f"{TR}/{sid}/Workflows") == []

        available = listed(http, f"{TR}/{sid}/Activities", FriendlyName="Available")[0]
        updated = ok(
            http.post(
                f"{TR}/{sid}",
                data={
                    "FriendlyName": "Sales",
                    "MultiTaskEnabled": "false",
                    "PrioritizeQueueOrder": "LIFO",
                    "DefaultActivitySid": available["sid"],
                    "EventCallbackUrl": "",
                    "Template": "FIFO",  # create-only: ignored
                },
            )
        )
        assert (
            updated["friendly_name"],
            updated["multi_task_enabled"],
            updated["prioritize_queue_order"],
        ) == (
            "Sales",
            False,
            "LIFO",
        )
        assert (updated["default_activity_sid"], updated["default_activity_name"]) == (
            available["sid"],
            "Available",
        )
        assert updated["timeout_activity_name"] == "Offline" and updated["event_callback_url"] is None
        assert [w["sid"] for w in listed(http, TR, FriendlyName="Sales")] == [sid]

        response = http.delete(f"{TR}/{sid}")
        assert response.status_code == 204 and response.content == b""
        assert_twilio_error(http.get(f"{TR}/{sid}"), 404, 20404)
        assert_twilio_error(http.delete(f"{TR}/{sid}"), 404, 20404)


def test_fifo_template_adds_a_queue_and_a_workflow(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        sid = workspace(http, Template="FIFO")["sid"]
        (queue,) = listed(http, f"{TR}/{sid}/TaskQueues")
        (workflow,) = listed(http, f"{TR}/{sid}/Workflows")
        assert (queue["friendly_name"], queue["target_workers"]) == ("Sample Queue", "1==1")
        assert workflow["friendly_name"] == "Default Fifo Workflow"
        assert json.loads(workflow["configuration"])["task_routing"]["default_filter"] == {
            "queue": queue["sid"]
        }


@pytest.mark.parametrize(
    ("form", "parameter"),
    [
        ({}, "FriendlyName"),
        ({"FriendlyName": ""}, "FriendlyName"),
        ({"FriendlyName": "x" * 65}, "FriendlyName"),
        ({"FriendlyName": "w", "Template": "LIFO"}, "Template"),
        ({"FriendlyName": "w", "PrioritizeQueueOrder": "fifo"}, "PrioritizeQueueOrder"),
        ({"FriendlyName": "w", "MultiTaskEnabled": "yes"}, "MultiTaskEnabled"),
        ({"FriendlyName": "w", "EventCallbackUrl": "hooks.example.com"}, "EventCallbackUrl"),
    ],
)
def test_workspace_create_validation_names_the_parameter(
    flex: EmulatorProcess, form: dict[str, str], parameter: str
) -> None:
    with flex.client() as http:
        body = assert_twilio_error(http.post(TR, data=form), 400, 20001)
    assert parameter in body["message"]


def test_default_and_timeout_activities_must_be_the_workspaces_own(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        one, other = workspace(http)["sid"], workspace(http, FriendlyName="Other")["sid"]
        theirs = listed(http, f"{TR}/{other}/Activities")[1]["sid"]
        for param in ("DefaultActivitySid", "TimeoutActivitySid"):
            body = assert_twilio_error(http.post(f"{TR}/{one}", data={param: theirs}), 400, 20001)
            assert param in body["message"] and theirs in body["message"]
            body = assert_twilio_error(http.post(f"{TR}/{one}", data={param: "WQ" + HEX}), 400, 20001)
            assert param in body["message"]


def test_deleting_a_workspace_deletes_everything_in_it(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        sid = workspace(http, Template="FIFO")["sid"]
        keep = workspace(http, FriendlyName="Keep", Template="FIFO")["sid"]
        queue = listed(http, f"{TR}/{sid}/TaskQueues")[0]["sid"]
        activity = listed(http, f"{TR}/{sid}/Activities")[0]["sid"]
        assert http.delete(f"{TR}/{sid}").status_code == 204
        for path in (
            f"{TR}/{sid}/TaskQueues/{queue}",
            f"{TR}/{sid}/Activities/{activity}",
            f"{TR}/{sid}/Workflows",
        ):
            body = assert_twilio_error(http.get(path), 404, 20404)
            assert body["message"] == f"The requested resource /Workspaces/{sid} was not found"
        # The other workspace keeps its contents.
        assert len(listed(http, f"{TR}/{keep}/Activities")) == 3
        assert len(listed(http, f"{TR}/{keep}/TaskQueues")) == 1


@pytest.mark.parametrize("family", ["Activities", "TaskChannels", "TaskQueues", "Workflows"])
def test_a_missing_or_malformed_parent_workspace_is_404(flex: EmulatorProcess, family: str) -> None:
    with flex.client() as http:
        for parent in ("WS" + "f" * 32, "WS123", "XX" + HEX):
            body = assert_twilio_error(http.get(f"{TR}/{parent}/{family}"), 404, 20404)
            assert body["message"] == f"The requested resource /Workspaces/{parent} was not found"
            assert_twilio_error(http.post(f"{TR}/{parent}/{family}", data={"FriendlyName": "x"}), 404, 20404)


def test_objects_of_another_workspace_are_404(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        one, other = workspace(http)["sid"], workspace(http, FriendlyName="Other")["sid"]
        activity = listed(http, f"{TR}/{one}/Activities")[1]["sid"]
        path = f"{TR}/{other}/Activities/{activity}"
        assert_twilio_error(http.get(path), 404, 20404)
        assert_twilio_error(http.post(path, data={"FriendlyName": "x"}), 404, 20404)
        assert_twilio_error(http.delete(path), 404, 20404)
        # A unique name is looked up in the workspace of the path.
        one_voice, other_voice = (ok(http.get(f"{TR}/{ws}/TaskChannels/voice")) for ws in (one, other))
        assert one_voice["sid"] != other_voice["sid"] and other_voice["workspace_sid"] == other
        assert_twilio_error(http.get(f"{TR}/{other}/TaskChannels/{one_voice['sid']}"), 404, 20404)
        assert ok(http.get(f"{TR}/{one}/Activities/{activity}"))["friendly_name"] == "Available"


# ------------------------------------------------------------------------------------------------ activities


def test_activity_create_update_list_delete(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        base = f"{TR}/{ws}/Activities"
        created = ok(http.post(base, data={"FriendlyName": "Lunch", "Available": "yes"}), 201)
        assert created["sid"].startswith("WA") and created["available"] is True
        assert created["links"] == {"workspace": f"{flex.base_url}{TR}/{ws}"}
        assert created["url"] == f"{flex.base_url}{base}/{created['sid']}"
        # Twilio's reading: true, 1 or yes is true, anything else false; absent is false.
        for value, expected in (("1", True), ("TRUE", True), ("no", False), ("banana", False)):
            made = ok(http.post(base, data={"FriendlyName": f"a {value}", "Available": value}), 201)
            assert made["available"] is expected, value
        assert ok(http.post(base, data={"FriendlyName": "plain"}), 201)["available"] is False
        updated = ok(
            http.post(f"{base}/{created['sid']}", data={"FriendlyName": "Long lunch", "Available": "no"})
        )
        assert (updated["friendly_name"], updated["available"]) == (
            "Long lunch",
            True,
        )  # Available is create-only
        assert [a["friendly_name"] for a in listed(http, base, Available="true")] == [
            "Available",
            "Long lunch",
            "a 1",
            "a TRUE",
        ]
        assert [a["sid"] for a in listed(http, base, FriendlyName="Long lunch")] == [created["sid"]]
        assert http.delete(f"{base}/{created['sid']}").status_code == 204
        assert_twilio_error(http.get(f"{base}/{created['sid']}"), 404, 20404)
        body = assert_twilio_error(http.post(base, data={"FriendlyName": "x" * 65}), 400, 20001)
        assert "FriendlyName" in body["message"]


def test_the_default_and_timeout_activities_cannot_be_deleted(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        offline, available, unavailable = listed(http, f"{TR}/{ws}/Activities")
        body = assert_twilio_error(http.delete(f"{TR}/{ws}/Activities/{offline['sid']}"), 400, 20001)
        assert "default and timeout activity" in body["message"] and offline["sid"] in body["message"]
        ok(http.post(f"{TR}/{ws}", data={"DefaultActivitySid": available["sid"]}))
        body = assert_twilio_error(http.delete(f"{TR}/{ws}/Activities/{offline['sid']}"), 400, 20001)
        assert "the timeout activity" in body["message"] and "default" not in body["message"]
        body = assert_twilio_error(http.delete(f"{TR}/{ws}/Activities/{available['sid']}"), 400, 20001)
        assert "the default activity" in body["message"] and "DefaultActivitySid" in body["message"]
        ok(http.post(f"{TR}/{ws}", data={"TimeoutActivitySid": unavailable["sid"]}))
        assert http.delete(f"{TR}/{ws}/Activities/{offline['sid']}").status_code == 204


# --------------------------------------------------------------------------------------------- task channels


def test_task_channels_by_sid_or_unique_name(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        base = f"{TR}/{ws}/TaskChannels"
        created = ok(http.post(base, data={"FriendlyName": "Fax", "UniqueName": "fax"}), 201)
        assert created["sid"].startswith("TC") and created["channel_optimized_routing"] is False
        assert ok(http.get(f"{base}/fax")) == created
        updated = ok(
            http.post(
                f"{base}/fax",
                data={"FriendlyName": "Telefax", "ChannelOptimizedRouting": "true", "UniqueName": "tfx"},
            )
        )
        assert (updated["friendly_name"], updated["channel_optimized_routing"], updated["unique_name"]) == (
            "Telefax",
            True,
            "fax",
        )
        body = ok(http.get(base))
        assert body["meta"]["key"] == "channels" and "channels" in body  # Twilio's list key for task channels
        body = assert_twilio_error(
            http.post(base, data={"FriendlyName": "again", "UniqueName": "fax"}), 409, 20409
        )
        assert "fax" in body["message"] and created["sid"] in body["message"]
        assert http.delete(f"{base}/fax").status_code == 204
        assert_twilio_error(http.get(f"{base}/{created['sid']}"), 404, 20404)
        # The unique name is free again, and other workspaces have their own namespace.
        ok(http.post(base, data={"FriendlyName": "Fax", "UniqueName": "fax"}), 201)
        other = workspace(http, FriendlyName="Other")["sid"]
        ok(http.post(f"{TR}/{other}/TaskChannels", data={"FriendlyName": "Fax", "UniqueName": "fax"}), 201)
        for form, parameter in (({"FriendlyName": "x"}, "UniqueName"), ({"UniqueName": "y"}, "FriendlyName")):
            body = assert_twilio_error(http.post(base, data=form), 400, 20001)
            assert parameter in body["message"]


@pytest.mark.parametrize("unique_name", ["default", "voice", "chat", "sms", "video", "email"])
def test_built_in_task_channels_cannot_be_deleted(flex: EmulatorProcess, unique_name: str) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        channel = ok(http.get(f"{TR}/{ws}/TaskChannels/{unique_name}"))
        body = assert_twilio_error(http.delete(f"{TR}/{ws}/TaskChannels/{channel['sid']}"), 400, 20001)
        assert "built into" in body["message"] and unique_name in body["message"]
        assert ok(http.get(f"{TR}/{ws}/TaskChannels/{channel['sid']}")) == channel


# ----------------------------------------------------------------------------------------------- task queues


def test_task_queue_defaults_activities_and_updates(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        offline, available, _ = listed(http, f"{TR}/{ws}/Activities")
        base = f"{TR}/{ws}/TaskQueues"
        created = ok(http.post(base, data={"FriendlyName": "Sales"}), 201)
        assert (created["target_workers"], created["max_reserved_workers"], created["task_order"]) == (
            "1==1",
            1,
            "FIFO",
        )
        assert created["reservation_activity_sid"] is created["assignment_activity_name"] is None
        assert created["links"]["workspace"] == f"{flex.base_url}{TR}/{ws}"
        assert created["links"]["statistics"] == f"{flex.base_url}{base}/{created['sid']}/Statistics"
        updated = ok(
            http.post(
                f"{base}/{created['sid']}",
                data={
                    "TargetWorkers": 'routing.skills HAS "sales"',
                    "MaxReservedWorkers": "50",
                    "TaskOrder": "LIFO",
                    "ReservationActivitySid": available["sid"],
                    "AssignmentActivitySid": offline["sid"],
                },
            )
        )
        assert updated["target_workers"] == 'routing.skills HAS "sales"'
        assert (updated["max_reserved_workers"], updated["task_order"]) == (50, "LIFO")
        assert (updated["reservation_activity_name"], updated["assignment_activity_name"]) == (
            "Available",
            "Offline",
        )
        assert (
            updated["links"]["reservation_activity"]
            == f"{flex.base_url}{TR}/{ws}/Activities/{available['sid']}"
        )
        # The names follow the activities; an empty value clears.
        ok(http.post(f"{TR}/{ws}/Activities/{available['sid']}", data={"FriendlyName": "Ready"}))
        assert ok(http.get(f"{base}/{created['sid']}"))["reservation_activity_name"] == "Ready"
        cleared = ok(
            http.post(f"{base}/{created['sid']}", data={"ReservationActivitySid": "", "TargetWorkers": ""})
        )
        assert cleared["reservation_activity_sid"] is cleared["target_workers"] is None
        assert [q["sid"] for q in listed(http, base, FriendlyName="Sales", Ordering="DateUpdated:asc")] == [
            created["sid"]
        ]


@pytest.mark.parametrize(
    ("form", "parameter"),
    [
        ({}, "FriendlyName"),
        ({"FriendlyName": "q", "MaxReservedWorkers": "0"}, "MaxReservedWorkers"),
        ({"FriendlyName": "q", "MaxReservedWorkers": "51"}, "MaxReservedWorkers"),
        ({"FriendlyName": "q", "MaxReservedWorkers": "many"}, "MaxReservedWorkers"),
        ({"FriendlyName": "q", "TaskOrder": "RANDOM"}, "TaskOrder"),
        ({"FriendlyName": "q", "ReservationActivitySid": "WA" + HEX}, "ReservationActivitySid"),
        ({"FriendlyName": "q", "AssignmentActivitySid": "WQ" + HEX}, "AssignmentActivitySid"),
    ],
)
def test_task_queue_validation_names_the_parameter(
    flex: EmulatorProcess, form: dict[str, str], parameter: str
) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        body = assert_twilio_error(http.post(f"{TR}/{ws}/TaskQueues", data=form), 400, 20001)
    assert parameter in body["message"]


def test_a_queue_a_workflow_routes_to_cannot_be_deleted(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        base = f"{TR}/{ws}"
        sales = ok(http.post(f"{base}/TaskQueues", data={"FriendlyName": "Sales"}), 201)["sid"]
        spare = ok(http.post(f"{base}/TaskQueues", data={"FriendlyName": "Spare"}), 201)["sid"]
        by_filter = ok(
            http.post(
                f"{base}/Workflows", data={"FriendlyName": "By filter", "Configuration": routing(sales)}
            ),
            201,
        )
        by_default = ok(
            http.post(
                f"{base}/Workflows",
                data={"FriendlyName": "By default", "Configuration": routing(default=sales)},
            ),
            201,
        )
        body = assert_twilio_error(http.delete(f"{base}/TaskQueues/{sales}"), 400, 20001)
        for workflow in (by_filter, by_default):
            assert workflow["sid"] in body["message"] and workflow["friendly_name"] in body["message"]
        assert http.delete(f"{base}/TaskQueues/{spare}").status_code == 204
        ok(http.post(f"{base}/Workflows/{by_filter['sid']}", data={"Configuration": routing(default=None)}))
        assert http.delete(f"{base}/Workflows/{by_default['sid']}").status_code == 204
        assert http.delete(f"{base}/TaskQueues/{sales}").status_code == 204


# ------------------------------------------------------------------------------------------------- workflows


def test_workflow_configuration_is_checked_and_re_serialized(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        base = f"{TR}/{ws}/Workflows"
        queue = ok(http.post(f"{TR}/{ws}/TaskQueues", data={"FriendlyName": "Sales"}), 201)["sid"]
        sent = routing(queue, default=queue)
        created = ok(
            http.post(
                base,
                data={
                    "FriendlyName": "Route",
                    "Configuration": sent,
                    "AssignmentCallbackUrl": "https://hooks.example.com/assign",
                },
            ),
            201,
        )
        assert isinstance(created["configuration"], str) and created["configuration"] != sent
        assert json.loads(created["configuration"]) == json.loads(sent)
        assert (created["task_reservation_timeout"], created["document_content_type"]) == (
            120,
            "application/json",
        )
        assert created["assignment_callback_url"] == "https://hooks.example.com/assign"
        assert created["fallback_assignment_callback_url"] is None
        assert created["links"]["statistics"] == f"{flex.base_url}{base}/{created['sid']}/Statistics"
        updated = ok(
            http.post(
                f"{base}/{created['sid']}",
                data={
                    "TaskReservationTimeout": "86400",
                    "ReEvaluateTasks": "true",
                    "AssignmentCallbackUrl": "",
                },
            )
        )
        assert (updated["task_reservation_timeout"], updated["assignment_callback_url"]) == (86400, None)
        assert updated["configuration"] == created["configuration"]
        assert [w["sid"] for w in listed(http, base, FriendlyName="Route")] == [created["sid"]]
        assert ok(http.get(f"{base}/{created['sid']}")) == updated
        assert http.delete(f"{base}/{created['sid']}").status_code == 204
        assert_twilio_error(http.get(f"{base}/{created['sid']}"), 404, 20404)


@pytest.mark.parametrize(
    ("configuration", "reason"),
    [
        ("not json", "JSON"),
        ("[]", "JSON object"),
        ("{}", "task_routing"),
        ('{"task_routing": {"filters": {}}}', "filters"),
        ('{"task_routing": {"filters": [{"targets": []}]}}', "targets"),
        ('{"task_routing": {"filters": [{"targets": [{"priority": 1}]}]}}', "queue"),
        ('{"task_routing": {"default_filter": {}}}', "default_filter"),
        ('{"task_routing": {"default_filter": {"queue": "Sales"}}}', "WQ"),
        ('{"task_routing": {"default_filter": {"queue": "WQ' + "f" * 32 + '"}}}', "is not a task queue"),
    ],
)
def test_invalid_workflow_configurations_are_400(
    flex: EmulatorProcess, configuration: str, reason: str
) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        response = http.post(
            f"{TR}/{ws}/Workflows", data={"FriendlyName": "w", "Configuration": configuration}
        )
        body = assert_twilio_error(response, 400, 20001)
    assert "Configuration" in body["message"] and reason in body["message"]


def test_a_workflow_routes_only_to_its_own_workspaces_queues(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        one, other = workspace(http)["sid"], workspace(http, FriendlyName="Other")["sid"]
        theirs = ok(http.post(f"{TR}/{other}/TaskQueues", data={"FriendlyName": "Theirs"}), 201)["sid"]
        body = assert_twilio_error(
            http.post(f"{TR}/{one}/Workflows", data={"FriendlyName": "w", "Configuration": routing(theirs)}),
            400,
            20001,
        )
        assert theirs in body["message"] and "task_routing.filters[0].targets[0].queue" in body["message"]
        for form, parameter in (
            ({"Configuration": routing()}, "FriendlyName"),
            ({"FriendlyName": "w"}, "Configuration"),
            (
                {"FriendlyName": "w", "Configuration": routing(), "TaskReservationTimeout": "0"},
                "TaskReservationTimeout",
            ),
            (
                {"FriendlyName": "w", "Configuration": routing(), "FallbackAssignmentCallbackUrl": "x"},
                "FallbackAssignmentCallbackUrl",
            ),
        ):
            body = assert_twilio_error(http.post(f"{TR}/{one}/Workflows", data=form), 400, 20001)
            assert parameter in body["message"]


# ------------------------------------------------------------------------------- paging, stats, faults, auth


def test_paging_meta_urls_carry_the_prefix(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        base = f"{TR}/{ws}/Activities"
        for i in range(4):
            ok(http.post(base, data={"FriendlyName": f"extra {i}"}), 201)
        page = ok(http.get(base, params={"PageSize": 3}))
        meta = page["meta"]
        assert meta["key"] == "activities"
        assert meta["first_page_url"] == f"{flex.base_url}{base}?PageSize=3&Page=0"
        assert meta["next_page_url"].startswith(f"{flex.base_url}{base}?PageSize=3&Page=1&PageToken=PA")
        names = [a["friendly_name"] for a in page["activities"]]
        url: str | None = meta["next_page_url"]
        while url:
            page = ok(http.get(url))
            names += [a["friendly_name"] for a in page["activities"]]
            url = page["meta"]["next_page_url"]
        assert names == ["Offline", "Available", "Unavailable"] + [f"extra {i}" for i in range(4)]
        filtered = ok(http.get(base, params={"FriendlyName": "extra 1", "PageSize": 1}))["meta"]
        assert filtered["url"] == f"{flex.base_url}{base}?FriendlyName=extra+1&PageSize=1&Page=0"


def test_stats_are_keyed_by_the_prefixed_route_template(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
        activity = listed(http, f"{TR}/{ws}/Activities")[0]["sid"]
        http.get(f"{TR}/{ws}/Activities/{activity}")
        http.put(f"{TR}/{ws}/Activities/{activity}")
        http.get(f"{TR}/{ws}/TaskChannels/voice")
    requests = flex.stats()["requests"]
    assert requests["POST /taskrouter/v1/Workspaces"] == 1
    assert requests["GET /taskrouter/v1/Workspaces/{WorkspaceSid}/Activities"] == 1
    assert requests["GET /taskrouter/v1/Workspaces/{WorkspaceSid}/Activities/{Sid}"] == 1
    assert requests["PUT /taskrouter/v1/Workspaces/{WorkspaceSid}/Activities/{Sid}"] == 1  # a 405, counted
    assert requests["GET /taskrouter/v1/Workspaces/{WorkspaceSid}/TaskChannels/{Sid}"] == 1


def test_faults_hit_the_taskrouter_routes(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        flex.set_faults({"500": 1.0})
        failed = http.get(TR)
        assert failed.status_code == 500 and failed.json()["code"] == 20500
        flex.set_faults({"lost": 1.0})
        lost = http.post(TR, data={"FriendlyName": "Lost"})
        assert lost.status_code == 500
        flex.set_faults({"429": 1.0, "retry_after": 2})
        limited = http.get(TR)
        assert (limited.status_code, limited.headers["Retry-After"]) == (429, "2")
        flex.set_faults()
        # The lost create was committed.
        assert [w["friendly_name"] for w in listed(http, TR, FriendlyName="Lost")] == ["Lost"]
    assert flex.faults()["injected"] == {"429": 1, "500": 1, "lost": 1}


def test_another_accounts_workspace_is_404(flex: EmulatorProcess) -> None:
    with flex.client() as http:
        ws = workspace(http)["sid"]
    other = ("AC" + "7" * 32, "other-token-" + "7" * 20)
    flex.add_account(*other)
    with flex.client(auth=other) as http:
        assert_twilio_error(http.get(f"{TR}/{ws}"), 404, 20404)
        assert_twilio_error(http.get(f"{TR}/{ws}/Activities"), 404, 20404)
        assert_twilio_error(http.delete(f"{TR}/{ws}"), 404, 20404)
        assert [w["friendly_name"] for w in listed(http, TR)] == ["Flex Task Assignment"]  # its own
    with flex.client(auth=(flex.api_key, flex.api_secret)) as http:
        assert ok(http.get(f"{TR}/{ws}"))["sid"] == ws
