"""Credentials never appear in CLI output (even at -v=9), the pickled provider, or errors."""

from __future__ import annotations

import base64

import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess

pytestmark = pytest.mark.e2e

PROGRAM = """
import pulumi_flex as flex
flex.FlexFlow("flow", friendly_name="secret test", chat_service_sid="IS" + "1" * 32, channel_type="web")
flex.QuestionnaireCategory("category", name="secret test")
"""


@pytest.mark.parametrize("source", ["stack config", "environment"])
def test_verbose_engine_logs_never_show_the_token(
    source: str, project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(PROGRAM)
    if source == "environment":
        stack.run("config", "rm", "flex:authToken")
        stack.env["TWILIO_AUTH_TOKEN"] = flex.auth_token
    verbose = ("-v=9", "--logtostderr")
    runs = [
        stack.run("up", "--yes", "--skip-preview", *verbose),
        stack.run("preview", "--refresh", *verbose),
        stack.run("refresh", "--yes", "--skip-preview", *verbose),
        stack.run("destroy", "--yes", "--skip-preview", *verbose),
    ]
    logged = "".join(run.stdout + run.stderr for run in runs)
    assert "RegisterResource" in logged or "Create" in logged  # really verbose
    assert len(logged) > 20_000
    assert flex.auth_token not in logged


def test_pickled_provider_is_a_class_reference_without_secrets(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(PROGRAM)
    stack.up()
    resources = [
        r
        for r in stack.export(show_secrets=True)["deployment"]["resources"]
        if "__provider" in r.get("inputs", {})
    ]
    assert len(resources) == 2
    for resource in resources:
        pickled = base64.b64decode(resource["inputs"]["__provider"])
        assert b"pulumi_flex.resources." in pickled
        assert len(pickled) < 200  # a module path and a class name, no code and no state
        assert flex.auth_token.encode() not in pickled
        assert resource["outputs"]["__provider"] == resource["inputs"]["__provider"]
    stack.destroy()


def test_a_wrong_token_fails_with_twilios_code_and_is_not_echoed(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    wrong = "f" * 32
    stack = project(PROGRAM)
    stack.config("flex:authToken", wrong, secret=True)
    result = stack.run("up", "--yes", "--skip-preview", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Twilio error 20003 (HTTP 401)" in output
    assert wrong not in output
    assert flex.auth_token not in output


def test_api_key_authentication_end_to_end(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(PROGRAM)
    stack.run("config", "rm", "flex:authToken")
    stack.config("flex:apiKey", flex.api_key)
    stack.config("flex:apiSecret", flex.api_secret, secret=True)
    stack.up()
    assert [f["friendly_name"] for f in flex.client().get("/v1/FlexFlows").json()["flex_flows"]] == [
        "secret test"
    ]
    stack.refresh("--expect-no-changes")
    assert all(flex.api_secret not in run.stdout + run.stderr for run in stack.history)
    assert flex.api_secret not in stack.run("stack", "export").stdout
    stack.destroy()
    assert flex.client().get("/v1/FlexFlows").json()["flex_flows"] == []
