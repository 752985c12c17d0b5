"""Every example in examples/ runs against the emulator through the real CLI: up, a no-change
preview and refresh, then destroy, with a check of what each leaves in the account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ExampleFactory
from tests.support.emulator import EmulatorProcess

pytestmark = pytest.mark.e2e

PS = "/v1/PluginService"
QM = "/v1/Insights/QualityManagement"


def listing(http: httpx.Client, path: str, key: str, **params: Any) -> list[dict[str, Any]]:
    response = http.get(path, params=params)
    assert response.status_code == 200, response.text
    return list(response.json()[key])


def check_quickstart(http: httpx.Client, out: dict[str, Any], up: bool) -> None:
    flows = listing(http, "/v1/FlexFlows", "flex_flows")
    assert [f["sid"] for f in flows] == ([out["flex_flow_sid"]] if up else [])


def check_web_chat(http: httpx.Client, out: dict[str, Any], up: bool) -> None:
    channels = listing(http, "/v1/WebChannels", "flex_chat_channels")
    assert [c["flex_flow_sid"] for c in channels] == ([out["flex_flow_sid"]] if up else [])


def check_plugin_deploy(http: httpx.Client, out: dict[str, Any], up: bool) -> None:
    active = http.get(f"{PS}/Releases/Active").json()
    plugin = http.get(f"{PS}/Plugins/{out['plugin_sid']}").json()
    if up:
        assert active["configuration_sid"] == out["configuration_sid"]
        assert plugin["archived"] is False
    else:
        assert active["configuration_sid"] != out["configuration_sid"]
        assert plugin["archived"] is True


def check_insights_qa(http: httpx.Client, out: dict[str, Any], up: bool) -> None:
    questionnaires = listing(http, f"{QM}/Questionnaires", "questionnaires", IncludeInactive="true")
    if up:
        [questionnaire] = questionnaires
        assert questionnaire["questionnaire_sid"] == out["questionnaire_sid"]
        assert len(questionnaire["questions"]) == len(out["question_sids"])
    else:
        assert questionnaires == []
        assert listing(http, f"{QM}/Questions", "questions") == []


def check_flex_config(http: httpx.Client, out: dict[str, Any], up: bool) -> None:
    language = http.get("/v1/Configuration").json()["ui_language"]
    assert (language == "en-US") is up


def check_contact_center(http: httpx.Client, out: dict[str, Any], up: bool) -> None:
    workspace = http.get(f"/taskrouter/v1/Workspaces/{out['workspace_sid']}")
    address = http.get(f"/conversations/v1/Configuration/Addresses/{out['address_configuration_sid']}")
    flow = http.get(f"/studio/v2/Flows/{out['studio_flow_sid']}")
    if not up:
        assert (workspace.status_code, address.status_code, flow.status_code) == (404, 404, 404)
        return
    assert address.json()["auto_creation"]["studio_flow_sid"] == out["studio_flow_sid"]
    assert flow.json()["status"] == "published" and flow.json()["valid"] is True
    queues = http.get(f"/taskrouter/v1/Workspaces/{out['workspace_sid']}/TaskQueues").json()["task_queues"]
    assert {q["sid"] for q in queues} >= set(out["queue_sids"].values())
    assert http.get(f"{PS}/Releases/Active").json()["sid"] == out["release_sid"]


CHECKS: dict[str, Callable[[httpx.Client, dict[str, Any], bool], None]] = {
    "quickstart": check_quickstart,
    "web-chat": check_web_chat,
    "plugin-deploy": check_plugin_deploy,
    "insights-qa": check_insights_qa,
    "flex-config": check_flex_config,
    "contact-center": check_contact_center,
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_example(name: str, example: ExampleFactory, flex: EmulatorProcess) -> None:
    http = flex.client()
    stack = example(name)
    stack.up()
    out = stack.outputs()
    CHECKS[name](http, out, True)
    stack.preview("--expect-no-changes")
    stack.refresh("--expect-no-changes")
    stack.destroy()
    CHECKS[name](http, out, False)


def test_plugin_deploy_destroy_restores_the_previous_release(
    example: ExampleFactory, flex: EmulatorProcess
) -> None:
    http = flex.client()
    before = http.post(f"{PS}/Configurations", data={"Name": "hand-made"}).json()
    assert http.post(f"{PS}/Releases", data={"ConfigurationId": before["sid"]}).status_code == 201
    stack = example("plugin-deploy")
    stack.up()
    assert (
        http.get(f"{PS}/Releases/Active").json()["configuration_sid"] == stack.outputs()["configuration_sid"]
    )
    # A new build: version and configuration are replaced, the release moves in place.
    stack.config("pluginVersion", "1.1.0")
    stack.up()
    out = stack.outputs()
    assert http.get(f"{PS}/Releases/Active").json()["configuration_sid"] == out["configuration_sid"]
    stack.destroy()
    assert http.get(f"{PS}/Releases/Active").json()["configuration_sid"] == before["sid"]


def test_multi_stack_consumes_the_platform_stack(example: ExampleFactory, flex: EmulatorProcess) -> None:
    platform = example("multi-stack/platform")
    platform.config("webhookUrl", "https://platform.example.com/hook")
    platform.up()
    contact_center = example("multi-stack/flex")  # shares the platform's backend
    contact_center.config("platformStack", f"organization/flex-platform/{platform.stack}")
    contact_center.up()
    flow = flex.client().get(f"/v1/FlexFlows/{contact_center.outputs()['flex_flow_sid']}").json()
    assert flow["integration"]["url"] == "https://platform.example.com/hook"
    assert flow["chat_service_sid"] == platform.outputs()["chat_service_sid"]
    contact_center.preview("--expect-no-changes")
    # A new platform output flows through on the consumer's next up.
    platform.config("webhookUrl", "https://platform.example.com/hook-v2")
    platform.up()
    contact_center.up()
    flow = flex.client().get(f"/v1/FlexFlows/{flow['sid']}").json()
    assert flow["integration"]["url"] == "https://platform.example.com/hook-v2"
    contact_center.destroy()
    platform.destroy()
    assert flex.client().get("/v1/FlexFlows").json()["flex_flows"] == []


PROD_SID = "AC" + "2" * 32
PROD_TOKEN = "prod-token-3c9e1f7a5b2d4c6e8f0a1b3c"


def test_multi_account_manages_dev_and_prod(example: ExampleFactory, flex: EmulatorProcess) -> None:
    flex.add_account(PROD_SID, PROD_TOKEN)
    dev_http, prod_http = flex.client(), flex.client(auth=(PROD_SID, PROD_TOKEN))
    prod_default_language = prod_http.get("/v1/Configuration").json()["ui_language"]
    stack = example("multi-account")
    stack.config("prodAccountSid", PROD_SID)
    stack.config("prodAuthToken", PROD_TOKEN, secret=True)
    stack.up()
    out = stack.outputs()
    assert (out["dev_account_sid"], out["prod_account_sid"]) == (flex.account_sid, PROD_SID)
    [dev_flow] = dev_http.get("/v1/FlexFlows").json()["flex_flows"]
    [prod_flow] = prod_http.get("/v1/FlexFlows").json()["flex_flows"]
    assert (dev_flow["sid"], prod_flow["sid"]) == (out["dev_flow_sid"], out["prod_flow_sid"])
    assert prod_flow["friendly_name"] == "Web chat (prod)"
    assert dev_http.get("/v1/Configuration").json()["ui_language"] == "en-GB"
    assert prod_http.get("/v1/Configuration").json()["ui_language"] == "en-US"
    stack.preview("--expect-no-changes")
    stack.refresh("--expect-no-changes")  # refresh reads prod with the token kept (encrypted) in state
    exported = stack.run("stack", "export").stdout
    assert PROD_TOKEN not in exported
    assert all(PROD_TOKEN not in run.stdout + run.stderr for run in stack.history)
    stack.destroy()
    assert prod_http.get("/v1/FlexFlows").json()["flex_flows"] == []
    assert dev_http.get("/v1/FlexFlows").json()["flex_flows"] == []
    assert prod_http.get("/v1/Configuration").json()["ui_language"] == prod_default_language


def test_contact_center_adopt_takes_over_the_provisioned_defaults(
    example: ExampleFactory, flex: EmulatorProcess
) -> None:
    http = flex.client()
    tr = "/taskrouter/v1/Workspaces"
    [workspace] = [
        w for w in http.get(tr).json()["workspaces"] if w["friendly_name"] == "Flex Task Assignment"
    ]
    ws = workspace["sid"]

    def named(kind: str, key: str, name: str) -> str:
        return str(
            next(r["sid"] for r in http.get(f"{tr}/{ws}/{kind}").json()[key] if r["friendly_name"] == name)
        )

    stack = example("contact-center-adopt")
    stack.config("workspaceSid", ws)
    stack.config("availableActivitySid", named("Activities", "activities", "Available"))
    stack.config("everyoneQueueSid", named("TaskQueues", "task_queues", "Everyone"))
    stack.config("assignToAnyoneSid", named("Workflows", "workflows", "Assign to Anyone"))
    stack.up()
    billing = stack.outputs()["billing_queue_sid"]
    workflow = http.get(f"{tr}/{ws}/Workflows/{named('Workflows', 'workflows', 'Assign to Anyone')}").json()
    assert billing in workflow["configuration"]
    stack.preview("--expect-no-changes")
    stack.destroy()
    assert http.get(f"{tr}/{ws}").status_code == 200  # Flex's own workspace stays
