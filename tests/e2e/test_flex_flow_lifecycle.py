"""FlexFlow end to end: the real pulumi CLI against the emulator over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess

pytestmark = pytest.mark.e2e

IS = "IS" + "1" * 32
FW = "FW" + "2" * 32


def flow_program(friendly_name: str = "Web chat", **extra: Any) -> str:
    extra_args = "".join(f"    {k}={v!r},\n" for k, v in extra.items())
    return f"""
import pulumi
import pulumi_flex as flex

flow = flex.FlexFlow(
    "web-chat",
    friendly_name={friendly_name!r},
    chat_service_sid={IS!r},
    channel_type="web",
    integration_type="studio",
    integration={{"flow_sid": {FW!r}, "retry_count": 1}},
    enabled=True,
{extra_args})
pulumi.export("sid", flow.sid)
pulumi.export("friendly_name", flow.friendly_name)
pulumi.export("integration", flow.integration)
pulumi.export("date_created", flow.date_created)
"""


def api(flex: EmulatorProcess) -> httpx.Client:
    """A console user's view of the account: plain HTTP with the account's credentials."""
    return httpx.Client(base_url=flex.base_url, auth=(flex.account_sid, flex.auth_token))


def flows(flex: EmulatorProcess) -> list[dict[str, Any]]:
    with api(flex) as http:
        return list(http.get("/v1/FlexFlows", params={"PageSize": 1000}).json()["flex_flows"])


def test_flex_flow_lifecycle(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(flow_program())

    # preview plans a create and calls nothing.
    preview = stack.preview()
    assert "+ 2 to create" in preview.stdout  # the stack and the flow
    assert "pulumi-python:dynamic/flex:FlexFlow web-chat create" in preview.stdout
    assert flex.stats()["total"] == 0
    assert flows(flex) == []

    # up creates exactly one flow with one API call.
    flex.reset()
    stack.up()
    assert flex.stats()["requests"] == {"POST /v1/FlexFlows": 1}
    [created] = flows(flex)
    outputs = stack.outputs()
    assert outputs["sid"] == created["sid"]
    assert created["friendly_name"] == "Web chat"
    assert created["integration"]["flow_sid"] == FW
    assert outputs["integration"]["retry_count"] == 1
    assert outputs["date_created"].endswith("Z")

    # Nothing to do: preview and refresh see no changes, and preview makes no API call.
    before = flex.stats()["total"]
    stack.preview("--expect-no-changes")
    assert flex.stats()["total"] == before
    stack.refresh("--expect-no-changes")

    # A rename is an in-place update: same SID.
    stack.write_program(flow_program("Web chat (renamed)"))
    update = stack.up()
    assert "1 updated" in update.stdout
    [renamed] = flows(flex)
    assert renamed["sid"] == created["sid"]
    assert renamed["friendly_name"] == "Web chat (renamed)"
    stack.preview("--expect-no-changes")

    # An out-of-band edit is seen by refresh and reverted by up.
    with api(flex) as http:
        edited = http.post(f"/v1/FlexFlows/{created['sid']}", data={"FriendlyName": "Edited in the console"})
        assert edited.status_code == 200
    stack.refresh()
    [state] = stack.resources(":FlexFlow")
    assert state["outputs"]["friendly_name"] == "Edited in the console"
    assert stack.preview("--expect-no-changes", check=False).returncode != 0
    stack.up()
    assert flows(flex)[0]["friendly_name"] == "Web chat (renamed)"
    stack.preview("--expect-no-changes")

    # An out-of-band delete is dropped by refresh and recreated by up.
    with api(flex) as http:
        assert http.delete(f"/v1/FlexFlows/{created['sid']}").status_code == 204
    stack.refresh()
    assert stack.resources(":FlexFlow") == []
    stack.up()
    [recreated] = flows(flex)
    assert recreated["sid"] != created["sid"]
    assert stack.outputs()["sid"] == recreated["sid"]

    # destroy deletes it.
    stack.destroy()
    assert flows(flex) == []


def test_invalid_input_fails_preview_naming_the_field(project: ProjectFactory, flex: EmulatorProcess) -> None:
    program = flow_program().replace(f'{{"flow_sid": {FW!r}, "retry_count": 1}}', '{"retry_count": 7}')
    stack = project(program)
    result = stack.preview(check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "integration.retry_count" in output
    assert "less than or equal to 3" in output
    assert "integration.flow_sid" in output  # studio needs a flow
    assert flex.stats()["total"] == 0


def test_config_token_is_only_in_the_engines_encrypted_provider_config(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(flow_program())
    stack.up()
    assert flex.auth_token not in stack.run("stack", "export").stdout  # encrypted at rest
    assert all(flex.auth_token not in run.stdout + run.stderr for run in stack.history)
    # The engine copies every stack config value into its default pulumi-python provider's inputs;
    # --show-secrets decrypts them there. Our resources and the pickled provider never hold it.
    revealed = stack.export(show_secrets=True)["deployment"]["resources"]
    holders = [r["type"] for r in revealed if flex.auth_token in json.dumps(r)]
    assert holders == ["pulumi:providers:pulumi-python"]
    stack.destroy()


def test_env_token_never_reaches_state_or_output(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(flow_program())
    stack.run("config", "rm", "flex:authToken")
    stack.env["TWILIO_AUTH_TOKEN"] = flex.auth_token  # how CI should pass it
    stack.up()
    stack.refresh("--expect-no-changes")
    assert all(flex.auth_token not in run.stdout + run.stderr for run in stack.history)
    for show_secrets in (False, True):
        assert flex.auth_token not in json.dumps(stack.export(show_secrets=show_secrets))
    state_files = list((Path(stack.env["PULUMI_BACKEND_URL"].removeprefix("file://"))).rglob("*.json"))
    assert state_files
    assert all(flex.auth_token not in f.read_text() for f in state_files)
    stack.destroy()
    assert flows(flex) == []


def test_adopt_existing_flow(project: ProjectFactory, flex: EmulatorProcess) -> None:
    with api(flex) as http:
        existing = http.post(
            "/v1/FlexFlows",
            data={"FriendlyName": "Made in the console", "ChatServiceSid": IS, "ChannelType": "sms"},
        ).json()
    stack = project(flow_program("Now managed", adopt_sid=existing["sid"]))
    stack.up()
    [adopted] = flows(flex)
    assert adopted["sid"] == existing["sid"]
    assert adopted["friendly_name"] == "Now managed"
    assert adopted["channel_type"] == "web"
    assert stack.outputs()["sid"] == existing["sid"]
    stack.preview("--expect-no-changes")
    stack.destroy()
    assert flows(flex) == []


def test_get_is_a_read_only_reference(project: ProjectFactory, flex: EmulatorProcess) -> None:
    with api(flex) as http:
        existing = http.post(
            "/v1/FlexFlows",
            data={"FriendlyName": "Not ours", "ChatServiceSid": IS, "ChannelType": "sms"},
        ).json()
    stack = project(
        f"""
import pulumi
import pulumi_flex as flex

ref = flex.FlexFlow.get("existing", {existing["sid"]!r})
pulumi.export("name", ref.friendly_name)
pulumi.export("channel_type", ref.channel_type)
"""
    )
    stack.up()
    assert stack.outputs() == {"name": "Not ours", "channel_type": "sms"}
    stack.destroy()
    assert [f["sid"] for f in flows(flex)] == [existing["sid"]]  # a reference is never deleted


def test_missing_credentials_error_says_what_to_set(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(flow_program())
    stack.run("config", "rm", "flex:authToken")
    result = stack.run("up", "--yes", "--skip-preview", check=False)
    assert result.returncode != 0
    assert "flex:authToken" in result.stdout + result.stderr
    assert flows(flex) == []
