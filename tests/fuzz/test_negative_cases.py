"""Hand-written negative cases over every covered endpoint: each must be a Twilio-format 4xx.

Endpoints are enumerated from the emulator itself (its route templates, handlers and body encodings), list
endpoints from Twilio's spec (the operations with a ``PageSize`` parameter), so a new endpoint is covered
without editing this file. Every request addresses real objects (seeded once for the module) unless the
case is about a bad SID, so each case fails for the reason it tests and not for an unknown parent.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from pulumi_flex.emulator.app import twilio_endpoints
from pulumi_flex.emulator.endpoints import Endpoint
from pulumi_flex.emulator.store import Store
from tests.emulator.paths import PREFIXES, fill_template, param_kinds
from tests.fuzz.objects import ADDRESSES, HEX, STUDIO, TR, seed_objects, studio_definition
from tests.support.emulator import EmulatorProcess

# Each of Twilio's specs, and the prefix its paths have in the emulator.
SPECS = {
    "twilio_flex_v1.yaml": "",
    "twilio_taskrouter_v1.yaml": "/taskrouter",
    "twilio_studio_v2.yaml": "/studio",
    "twilio_conversations_v1_addresses.yaml": "/conversations",
}
QM = "/v1/Insights/QualityManagement"
PS = "/v1/PluginService"
IX = "/v1/Interactions/{interaction}/Channels/{interaction_channel}"


def _endpoints() -> list[Endpoint]:
    # Route metadata only: the store is never written.
    with tempfile.TemporaryDirectory() as data_dir:
        store = Store(Path(data_dir))
        try:
            return twilio_endpoints(store)
        finally:
            store.close()


ENDPOINTS = _endpoints()
FORM_POSTS = [e.template for e in ENDPOINTS if "POST" in e.handlers and e.encoding == "form"]
JSON_POSTS = [e.template for e in ENDPOINTS if "POST" in e.handlers and e.encoding == "json"]
WITH_PARAMS = [(e.template, method) for e in ENDPOINTS if param_kinds(e.template) for method in e.handlers]


def _list_paths() -> dict[str, int]:
    """Every list path the specs declare and the emulator serves, with its largest ``PageSize``."""
    served = {e.template for e in ENDPOINTS if "GET" in e.handlers}
    paths = {}
    for name, prefix in SPECS.items():
        spec = yaml.safe_load(Path(__file__).with_name(name).read_text(encoding="utf-8"))
        for path, item in spec["paths"].items():
            get = item.get("get")
            page_size = [p for p in (get or {}).get("parameters", []) if p["name"] == "PageSize"]
            if page_size and prefix + path in served:
                paths[prefix + path] = page_size[0]["schema"].get("maximum", 1000)
    return paths


MAX_PAGE_SIZES = _list_paths()
LIST_PATHS = list(MAX_PAGE_SIZES)


@pytest.fixture(scope="module")
def objects(emulator: EmulatorProcess) -> dict[str, str]:
    """One real object of every kind, seeded once: negative cases change nothing."""
    emulator.reset()
    with emulator.client() as http:
        return seed_objects(http)


@pytest.fixture(scope="module")
def http(emulator: EmulatorProcess) -> Iterator[httpx.Client]:
    with emulator.client() as client:
        yield client


def real_path(template: str, objects: dict[str, str]) -> str:
    """``template`` with every parameter naming the seeded object of its kind."""
    return fill_template(template, objects)


def assert_twilio_4xx(response: httpx.Response, status: int | None = None) -> dict[str, Any]:
    request = f"{response.request.method} {response.request.url}"
    assert 400 <= response.status_code < 500, f"{request}: {response.status_code} {response.text}"
    if status is not None:
        assert response.status_code == status, f"{request}: {response.text}"
    assert response.headers["content-type"] == "application/json", request
    body: dict[str, Any] = response.json()
    assert {"code", "message", "more_info", "status"} <= set(body), body
    assert body["status"] == response.status_code
    assert isinstance(body["code"], int) and isinstance(body["message"], str) and body["message"]
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{body['code']}"
    return body


def test_the_enumeration_covers_every_family() -> None:
    # Lists: Flex's 14, TaskRouter's 5, Studio's 2 (flows, revisions), Conversations' 1.
    assert len(FORM_POSTS) >= 30 and len(JSON_POSTS) == 3 and len(LIST_PATHS) == 22
    assert "/v1/Configuration" in JSON_POSTS
    assert "/studio/v2/Flows/Validate" in FORM_POSTS
    assert MAX_PAGE_SIZES[ADDRESSES] == 50


# --------------------------------------------------------------------------------------- bodies, encodings

MALFORMED_FORMS = [
    pytest.param(b"Name=%ff%fe", id="invalid-utf8-escape"),
    pytest.param(b"\xff\xfe=\x80", id="raw-invalid-utf8"),
    pytest.param(b"A=%C3%28", id="overlong-utf8"),
    pytest.param(b"&".join(b"k%d=v" % i for i in range(1500)), id="too-many-fields"),
]


@pytest.mark.parametrize("template", FORM_POSTS)
@pytest.mark.parametrize("body", MALFORMED_FORMS)
def test_malformed_form_bodies_are_400(
    http: httpx.Client, objects: dict[str, str], template: str, body: bytes
) -> None:
    response = http.post(
        real_path(template, objects),
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_twilio_4xx(response, 400)


@pytest.mark.parametrize("template", FORM_POSTS)
def test_json_to_a_form_endpoint_is_415(http: httpx.Client, objects: dict[str, str], template: str) -> None:
    response = http.post(real_path(template, objects), json={"FriendlyName": "x"})
    assert_twilio_4xx(response, 415)


@pytest.mark.parametrize("template", FORM_POSTS)
def test_other_media_types_to_a_form_endpoint_are_415(
    http: httpx.Client, objects: dict[str, str], template: str
) -> None:
    for content_type in ("text/plain", "multipart/form-data; boundary=x", "application/xml"):
        response = http.post(
            real_path(template, objects), content=b"a=b", headers={"Content-Type": content_type}
        )
        assert_twilio_4xx(response, 415)


@pytest.mark.parametrize("template", JSON_POSTS)
def test_form_to_a_json_endpoint_is_415(http: httpx.Client, objects: dict[str, str], template: str) -> None:
    path = real_path(template, objects)
    assert_twilio_4xx(http.post(path, data={"account_sid": "AC" + HEX}), 415)
    assert_twilio_4xx(
        http.post(path, data={}, headers={"Content-Type": "application/x-www-form-urlencoded"}), 415
    )


@pytest.mark.parametrize("template", JSON_POSTS)
@pytest.mark.parametrize(
    "raw",
    [b"{", b"{'a': 1}", b'{"a": NaN}', b'{"a": 1e999}', b"\xff", b"[" * 100_000, b"nul"],
    ids=["truncated", "single-quotes", "nan", "infinity", "invalid-utf8", "deep-nesting", "bad-literal"],
)
def test_invalid_json_text_is_400(
    http: httpx.Client, objects: dict[str, str], template: str, raw: bytes
) -> None:
    response = http.post(
        real_path(template, objects), content=raw, headers={"Content-Type": "application/json"}
    )
    assert_twilio_4xx(response, 400)


@pytest.mark.parametrize("template", JSON_POSTS)
@pytest.mark.parametrize("value", [[], "text", 42, True], ids=repr)
def test_a_json_body_that_is_not_an_object_is_400(
    http: httpx.Client, objects: dict[str, str], template: str, value: Any
) -> None:
    assert_twilio_4xx(http.post(real_path(template, objects), json=value), 400)


# ----------------------------------------------------------------------------------------------- paging


@pytest.mark.parametrize("path", LIST_PATHS)
@pytest.mark.parametrize(
    "query",
    [
        {"PageSize": "1001"},
        {"PageSize": "0"},
        {"PageSize": "-5"},
        {"PageSize": "ten"},
        {"PageSize": "1.5"},
        {"PageSize": "9" * 40},
        {"Page": "-1"},
        {"Page": "first"},
        {"PageToken": "PAgarbage!"},
        {"PageToken": "not-a-token"},
    ],
    ids=lambda query: "&".join(f"{k}={v[:12]}" for k, v in query.items()),
)
def test_bad_paging_parameters_are_400(
    http: httpx.Client, objects: dict[str, str], path: str, query: dict[str, str]
) -> None:
    assert_twilio_4xx(http.get(real_path(path, objects), params=query), 400)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_page_size_over_the_lists_maximum_is_400(
    http: httpx.Client, objects: dict[str, str], path: str
) -> None:
    body = assert_twilio_4xx(
        http.get(real_path(path, objects), params={"PageSize": MAX_PAGE_SIZES[path] + 1}), 400
    )
    assert "PageSize" in body["message"]


@pytest.mark.parametrize("path", LIST_PATHS)
def test_page_size_bounds_are_accepted(http: httpx.Client, objects: dict[str, str], path: str) -> None:
    for size in ("1", str(MAX_PAGE_SIZES[path])):
        response = http.get(real_path(path, objects), params={"PageSize": size})
        assert response.status_code == 200, response.text
        assert response.json()["meta"]["page_size"] == int(size)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_huge_page_numbers_are_an_empty_page(http: httpx.Client, objects: dict[str, str], path: str) -> None:
    """Page times PageSize beyond SQLite's 64-bit integers once answered 500 (an OverflowError)."""
    for page in ("999999999999999999", "9223372036854775"):
        size = str(MAX_PAGE_SIZES[path])
        response = http.get(real_path(path, objects), params={"PageSize": size, "Page": page})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body[body["meta"]["key"]] == []
        assert body["meta"]["next_page_url"] is None


# ---------------------------------------------------------------------------------------------- bad SIDs


def bad_sids(kind: str) -> list[str]:
    if kind == "revision":
        return ["0", "22222", "1.0", "-1", "LatestNothing", "9" * 40, "..%2F..%2Fetc"]
    prefix = PREFIXES[kind]
    return [
        prefix + "g" * 32,  # not hex
        prefix + "0" * 31,  # too short
        prefix + "0" * 33,  # too long
        "ZZ" + "0" * 32,  # wrong prefix
        prefix + "f" * 32,  # well-formed, but nothing has it
        "..%2F..%2Fetc",
    ]


@pytest.mark.parametrize(("template", "method"), WITH_PARAMS, ids=lambda value: str(value))
def test_bad_sids_in_paths_are_404(
    http: httpx.Client, objects: dict[str, str], template: str, method: str
) -> None:
    """Each path parameter in turn is bad while the others name real objects."""
    for kind in param_kinds(template).values():
        for bad in bad_sids(kind):
            path = fill_template(template, {**objects, kind: bad})
            response = http.request(method, path, content=b"" if method == "POST" else None)
            assert_twilio_4xx(response, 404)


# --------------------------------------------------------------------------- enums and JSON-valued fields

FLOW_FORM = {
    "FriendlyName": "bad",
    "ChatServiceSid": "IS" + HEX,
    "ChannelType": "web",
    "IntegrationType": "studio",
    "Integration.FlowSid": "FW" + HEX,
}
MEDIA = json.dumps({"type": "sms", "address": "+15555550100"})
SMS = json.dumps({"type": "sms", "initiated_by": "customer"})
CHAT = {"Identity": "x", "ChatFriendlyName": "x"}

# (path template with {kind} placeholders, form or JSON body, name of the offending parameter)
UNKNOWN_ENUMS: list[tuple[str, dict[str, Any], str]] = [
    ("/v1/FlexFlows", {**FLOW_FORM, "ChannelType": "carrier-pigeon"}, "ChannelType"),
    ("/v1/FlexFlows", {**FLOW_FORM, "IntegrationType": "zapier"}, "IntegrationType"),
    ("/v1/FlexFlows/{flex_flow}", {"ChannelType": "SMS"}, "ChannelType"),
    ("/v1/FlexFlows/{flex_flow}", {"IntegrationType": "Studio"}, "IntegrationType"),
    ("/v1/WebChannels/{web_channel}", {"ChatStatus": "active"}, "ChatStatus"),
    (
        f"{PS}/Plugins/{{plugin}}/Versions",
        {"Version": "9.9.9", "PluginUrl": "https://x.example/b.js", "ValidateStatus": "maybe"},
        "ValidateStatus",
    ),
    ("/v1/Interactions", {"Channel": json.dumps({"type": "fax", "initiated_by": "customer"})}, "Channel"),
    (IX, {"Status": "paused"}, "Status"),
    (f"{IX}/Participants", {"Type": "robot", "MediaProperties": MEDIA}, "Type"),
    (f"{IX}/Participants/{{participant}}", {"Status": "gone"}, "Status"),
    (f"{IX}/Transfers", {"json": {"type": "lukewarm", "from": "@participant", "to": "WK" + HEX}}, "type"),
    (f"{IX}/Transfers/{{transfer}}", {"json": {"status": "teleported"}}, "status"),
    (TR, {"FriendlyName": "w", "PrioritizeQueueOrder": "RANDOM"}, "PrioritizeQueueOrder"),
    (TR, {"FriendlyName": "w", "Template": "fifo"}, "Template"),
    (f"{TR}/{{workspace}}/TaskQueues", {"FriendlyName": "q", "TaskOrder": "SHORTEST"}, "TaskOrder"),
    (f"{TR}/{{workspace}}/TaskQueues/{{task_queue}}", {"TaskOrder": "fifo"}, "TaskOrder"),
    (STUDIO, {"FriendlyName": "f", "Status": "live", "Definition": "{}"}, "Status"),
    (f"{STUDIO}/{{studio_flow}}", {"Status": "archived"}, "Status"),
    (ADDRESSES, {"Type": "fax", "Address": "+15555550111"}, "Type"),
    (
        ADDRESSES,
        {"Type": "sms", "Address": "+15555550112", "AutoCreation.Type": "zapier"},
        "AutoCreation.Type",
    ),
    (
        f"{ADDRESSES}/{{address_configuration}}",
        {"AutoCreation.WebhookMethod": "PUT"},
        "AutoCreation.WebhookMethod",
    ),
    (
        f"{ADDRESSES}/{{address_configuration}}",
        {"AutoCreation.WebhookFilters": "onSomething"},
        "AutoCreation.WebhookFilters",
    ),
]

INVALID_JSON_FIELDS: list[tuple[str, dict[str, Any], str]] = [
    (
        "/v1/WebChannels",
        {"FlexFlowSid": "@flex_flow", **CHAT, "CustomerFriendlyName": "x", "PreEngagementData": "{not json"},
        "PreEngagementData",
    ),
    (
        "/v1/Channels",
        {"FlexFlowSid": "@flex_flow", **CHAT, "ChatUserFriendlyName": "x", "PreEngagementData": "{'a': 1}"},
        "PreEngagementData",
    ),
    (
        "/v1/Channels",
        {"FlexFlowSid": "@flex_flow", **CHAT, "ChatUserFriendlyName": "x", "TaskAttributes": '{"a": NaN}'},
        "TaskAttributes",
    ),
    ("/v1/Interactions", {"Channel": '{"type": "sms"'}, "Channel"),
    ("/v1/Interactions", {"Channel": SMS, "Routing": "routing"}, "Routing"),
    (IX, {"Status": "inactive", "Routing": "{"}, "Routing"),
    (f"{IX}/Invites", {"Routing": "[1, 2"}, "Routing"),
    (f"{IX}/Participants", {"Type": "agent", "MediaProperties": "{media}"}, "MediaProperties"),
    (
        f"{IX}/Participants",
        {"Type": "agent", "MediaProperties": MEDIA, "RoutingProperties": "}"},
        "RoutingProperties",
    ),
    (f"{PS}/Configurations", {"Name": "bad", "Plugins": '{"plugin_version": '}, "Plugins"),
    (
        f"{TR}/{{workspace}}/Workflows",
        {"FriendlyName": "w", "Configuration": "{task_routing"},
        "Configuration",
    ),
    (f"{TR}/{{workspace}}/Workflows/{{workflow}}", {"Configuration": "[1, 2"}, "Configuration"),
    (f"{TR}/{{workspace}}/Workflows/{{workflow}}", {"Configuration": "[1, 2]"}, "Configuration"),
    (STUDIO, {"FriendlyName": "f", "Status": "draft", "Definition": "{states"}, "Definition"),
    (f"{STUDIO}/{{studio_flow}}", {"Status": "draft", "Definition": "NaN"}, "Definition"),
    (f"{STUDIO}/Validate", {"FriendlyName": "f", "Status": "draft", "Definition": "}"}, "Definition"),
    (
        f"{STUDIO}/Validate",
        {"FriendlyName": "f", "Status": "draft", "Definition": '{"states": 1}'},
        "Definition",
    ),
]

# Malformed SIDs and values in body fields (well-formed path, well-formed body otherwise).
MALFORMED_FIELDS: list[tuple[str, dict[str, Any], str]] = [
    ("/v1/FlexFlows", {**FLOW_FORM, "ChatServiceSid": "IS123"}, "ChatServiceSid"),
    ("/v1/FlexFlows", {**FLOW_FORM, "Integration.FlowSid": "FO" + HEX}, "Integration.FlowSid"),
    ("/v1/FlexFlows", {**FLOW_FORM, "Integration.RetryCount": "4"}, "Integration.RetryCount"),
    ("/v1/FlexFlows/{flex_flow}", {"Enabled": "yes"}, "Enabled"),
    ("/v1/FlexFlows/{flex_flow}", {"Integration.Url": "ftp://x"}, "Integration.Url"),
    (f"{QM}/Questionnaires", {"Name": "bad", "QuestionSids": "not-a-sid"}, "QuestionSids"),
    (f"{QM}/Questionnaires/{{questionnaire}}", {"Active": "maybe"}, "Active"),
    (
        f"{QM}/Questions",
        {"CategorySid": "@category", "Question": "q", "AnswerSetId": "x", "AllowNa": "false"},
        "AnswerSetId",
    ),
    (f"{PS}/Releases", {"ConfigurationId": "FJ" + "g" * 32}, "ConfigurationId"),
    (TR, {"FriendlyName": "x" * 65}, "FriendlyName"),
    (TR, {"FriendlyName": "w", "EventCallbackUrl": "not a url"}, "EventCallbackUrl"),
    (TR, {"FriendlyName": "w", "MultiTaskEnabled": "maybe"}, "MultiTaskEnabled"),
    (f"{TR}/{{workspace}}", {"DefaultActivitySid": "WA" + HEX}, "DefaultActivitySid"),
    (f"{TR}/{{workspace}}", {"TimeoutActivitySid": "WQ" + HEX}, "TimeoutActivitySid"),
    (f"{TR}/{{workspace}}/Activities", {"FriendlyName": ""}, "FriendlyName"),
    (f"{TR}/{{workspace}}/TaskChannels", {"FriendlyName": "c"}, "UniqueName"),
    (
        f"{TR}/{{workspace}}/TaskChannels/{{task_channel}}",
        {"ChannelOptimizedRouting": "often"},
        "ChannelOptimizedRouting",
    ),
    (
        f"{TR}/{{workspace}}/TaskQueues",
        {"FriendlyName": "q", "MaxReservedWorkers": "51"},
        "MaxReservedWorkers",
    ),
    (
        f"{TR}/{{workspace}}/TaskQueues",
        {"FriendlyName": "q", "MaxReservedWorkers": "0"},
        "MaxReservedWorkers",
    ),
    (
        f"{TR}/{{workspace}}/TaskQueues",
        {"FriendlyName": "q", "ReservationActivitySid": "WA" + HEX},
        "ReservationActivitySid",
    ),
    (
        f"{TR}/{{workspace}}/TaskQueues/{{task_queue}}",
        {"AssignmentActivitySid": "WA1"},
        "AssignmentActivitySid",
    ),
    (
        f"{TR}/{{workspace}}/Workflows",
        {
            "FriendlyName": "w",
            "Configuration": json.dumps({"task_routing": {"default_filter": {"queue": "WQ" + HEX}}}),
        },
        "Configuration",
    ),
    (
        f"{TR}/{{workspace}}/Workflows/{{workflow}}",
        {"TaskReservationTimeout": "86401"},
        "TaskReservationTimeout",
    ),
    (
        f"{TR}/{{workspace}}/Workflows/{{workflow}}",
        {"AssignmentCallbackUrl": "ftp://x"},
        "AssignmentCallbackUrl",
    ),
    (STUDIO, {"Status": "draft", "Definition": json.dumps(studio_definition())}, "FriendlyName"),
    (f"{STUDIO}/{{studio_flow}}", {"FriendlyName": "no status"}, "Status"),
    (
        f"{STUDIO}/{{studio_flow}}",
        {"Status": "draft", "Definition": '{"states": [], "initial_state": "x"}'},
        "Definition",
    ),
    (ADDRESSES, {"Type": "sms"}, "Address"),
    (
        ADDRESSES,
        {"Type": "sms", "Address": "+15555550113", "AutoCreation.Type": "studio"},
        "AutoCreation.StudioFlowSid",
    ),
    (
        ADDRESSES,
        {"Type": "sms", "Address": "+15555550114", "AutoCreation.Type": "webhook"},
        "AutoCreation.WebhookUrl",
    ),
    (
        ADDRESSES,
        {"Type": "sms", "Address": "+15555550115", "AutoCreation.StudioRetryCount": "4"},
        "AutoCreation.StudioRetryCount",
    ),
    (
        f"{ADDRESSES}/{{address_configuration}}",
        {"AutoCreation.StudioFlowSid": "FO" + HEX},
        "AutoCreation.StudioFlowSid",
    ),
    (
        f"{ADDRESSES}/{{address_configuration}}",
        {"AutoCreation.StudioFlowSid": ""},
        "AutoCreation.StudioFlowSid",
    ),
]


def _send(http: httpx.Client, template: str, body: dict[str, Any], objects: dict[str, str]) -> httpx.Response:
    """POST ``body`` (a form, or ``{"json": value}``) to ``template`` filled with the seeded objects; body
    values of the form ``@kind`` become the seeded object of that kind."""

    def real(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("@") and value[1:] in objects:
            return objects[value[1:]]
        return value

    path = template.format(**objects)
    if "json" in body:
        return http.post(path, json={key: real(value) for key, value in body["json"].items()})
    return http.post(path, data={key: real(value) for key, value in body.items()})


@pytest.mark.parametrize(("template", "body", "parameter"), UNKNOWN_ENUMS, ids=lambda v: str(v)[:40])
def test_unknown_enum_values_are_400(
    http: httpx.Client, objects: dict[str, str], template: str, body: dict[str, Any], parameter: str
) -> None:
    message = assert_twilio_4xx(_send(http, template, body, objects), 400)["message"]
    assert parameter in message


@pytest.mark.parametrize(("template", "body", "parameter"), INVALID_JSON_FIELDS, ids=lambda v: str(v)[:40])
def test_invalid_json_in_json_valued_fields_is_400(
    http: httpx.Client, objects: dict[str, str], template: str, body: dict[str, Any], parameter: str
) -> None:
    message = assert_twilio_4xx(_send(http, template, body, objects), 400)["message"]
    assert parameter in message


@pytest.mark.parametrize(("template", "body", "parameter"), MALFORMED_FIELDS, ids=lambda v: str(v)[:40])
def test_malformed_field_values_are_400(
    http: httpx.Client, objects: dict[str, str], template: str, body: dict[str, Any], parameter: str
) -> None:
    message = assert_twilio_4xx(_send(http, template, body, objects), 400)["message"]
    assert parameter in message


def test_negative_cases_changed_nothing(http: httpx.Client, objects: dict[str, str]) -> None:
    """Every rejected request above left the seeded state as it was (runs last in this module)."""
    flows = http.get("/v1/FlexFlows").json()["flex_flows"]
    assert [flow["sid"] for flow in flows] == [objects["flex_flow"]]
    plugins = http.get(f"{PS}/Plugins").json()["plugins"]
    assert [plugin["sid"] for plugin in plugins] == [objects["plugin"]]
    assert (
        http.get(f"{PS}/Plugins/{objects['plugin']}/Versions").json()["plugin_versions"][0]["version"]
        == "1.0.0"
    )
    queues = http.get(f"{TR}/{objects['workspace']}/TaskQueues").json()["task_queues"]
    assert [queue["sid"] for queue in queues] == [objects["task_queue"]]
    flow = http.get(f"{STUDIO}/{objects['studio_flow']}").json()
    assert (flow["revision"], flow["definition"]) == (1, studio_definition())
    address = http.get(f"{ADDRESSES}/{objects['address_configuration']}").json()
    assert address["auto_creation"] == {
        "enabled": True,
        "type": "studio",
        "studio_flow_sid": objects["studio_flow"],
    }
