"""`pulumi-flex discover` against a seeded emulator: the generated program adopts everything,
so `pulumi up` creates (and changes) nothing and the next preview shows no changes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.conftest import isolated, point_at_emulator
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject
from tests.support.seed import seed_account

pytestmark = pytest.mark.e2e


def discover(flex: EmulatorProcess, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "TWILIO_ACCOUNT_SID": flex.account_sid,
        "TWILIO_AUTH_TOKEN": flex.auth_token,
        "FLEX_BASE_URL": flex.base_url,
        **env,
    }
    for name, value in env.items():
        if not value:
            environ.pop(name)
    command = [sys.executable, "-m", "pulumi_flex.cli", "discover", "--out", str(out), "--deadline", "3"]
    return subprocess.run(command, env=environ, capture_output=True, text=True, timeout=600)


def adopt(out: Path, tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess) -> PulumiProject:
    # The generated Pulumi.yaml uses the ambient interpreter; pin this venv's for the test.
    (out / "Pulumi.yaml").write_text(
        (out / "Pulumi.yaml")
        .read_text()
        .replace("runtime: python", f"runtime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}")
    )
    project = PulumiProject(out, isolated(pulumi_env, tmp_path))
    project.run("stack", "init", project.stack)
    return point_at_emulator(project, flex)


def writes(calls: Counter[str]) -> dict[str, int]:
    return {key: n for key, n in calls.items() if not key.startswith("GET ")}


def test_discover_then_adopt_changes_nothing(
    tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess
) -> None:
    seed_account(flex.client(), flows=4, plugins=2, categories=2)
    result = discover(flex, tmp_path / "adopted")
    assert result.returncode == 0, result.stderr
    program = (tmp_path / "adopted" / "__main__.py").read_text()
    assert "flex_flow_sid=flow_0.sid" in program  # references, not pasted SIDs
    assert "category_sid=category_0.category_sid" in program
    assert "configuration_sid=configuration_production.sid" in program
    assert "question_sid" in program and "adopt_sid=" in program
    stack = adopt(tmp_path / "adopted", tmp_path, pulumi_env, flex)
    before = Counter(flex.stats()["requests"])
    stack.up()
    assert writes(Counter(flex.stats()["requests"]) - before) == {}  # nothing created or changed
    stack.preview("--expect-no-changes")
    stack.refresh("--expect-no-changes")


def test_discover_and_adopt_two_hundred_objects(
    tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess
) -> None:
    seeded = seed_account(flex.client(), flows=120, plugins=5, categories=20)
    assert seeded.total >= 200
    started = time.monotonic()
    result = discover(flex, tmp_path / "big")
    discovered = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    stack = adopt(tmp_path / "big", tmp_path, pulumi_env, flex)
    before = Counter(flex.stats()["requests"])
    started = time.monotonic()
    stack.up()
    adopted = time.monotonic() - started
    assert writes(Counter(flex.stats()["requests"]) - before) == {}
    stack.preview("--expect-no-changes")
    managed = len(stack.export()["deployment"]["resources"]) - 2  # minus the stack and the provider
    print(f"discover: {discovered:.1f}s; adopt (pulumi up) of {managed} objects: {adopted:.1f}s")
    assert managed >= 200


def test_discover_errors_say_what_to_fix(tmp_path: Path, flex: EmulatorProcess) -> None:
    missing = discover(flex, tmp_path / "a", TWILIO_ACCOUNT_SID="", TWILIO_AUTH_TOKEN="")
    assert missing.returncode == 2
    assert "TWILIO_ACCOUNT_SID" in missing.stderr
    unreachable = discover(flex, tmp_path / "b", FLEX_BASE_URL="http://127.0.0.1:9")
    assert unreachable.returncode == 1
    assert "cannot read the account at http://127.0.0.1:9" in unreachable.stderr
    wrong = discover(flex, tmp_path / "c", TWILIO_AUTH_TOKEN="0" * 32)
    assert wrong.returncode == 1
    assert "20003" in wrong.stderr and "check the credentials" in wrong.stderr
    assert "0" * 32 not in wrong.stderr


def test_discover_adopts_a_freshly_provisioned_contact_center(
    tmp_path: Path, pulumi_env: dict[str, str], flex: EmulatorProcess
) -> None:
    http = flex.client()
    [messaging] = [
        f for f in http.get("/studio/v2/Flows").json()["flows"] if f["friendly_name"] == "Messaging Flow"
    ]
    created = http.post(
        "/conversations/v1/Configuration/Addresses",
        data={
            "Type": "sms",
            "Address": "+15555550188",
            "AutoCreation.Enabled": "true",
            "AutoCreation.Type": "studio",
            "AutoCreation.StudioFlowSid": messaging["sid"],
        },
    )
    assert created.status_code == 201, created.text
    result = discover(flex, tmp_path / "adopted")
    assert result.returncode == 0, result.stderr
    program = (tmp_path / "adopted" / "__main__.py").read_text()
    assert "flex.Workspace(" in program and "Flex Task Assignment" in program
    assert '"queue": everyone.sid' in program  # the workflow's routing refers to the TaskQueue resource
    assert '"studio_flow_sid": messaging_flow.sid' in program  # the address configuration to its flow
    assert program.count("retain_on_delete=True") >= 1 + 4 + 6 + 1 + 1 + 3  # Flex's own objects
    stack = adopt(tmp_path / "adopted", tmp_path, pulumi_env, flex)
    before = Counter(flex.stats()["requests"])
    stack.up()
    assert writes(Counter(flex.stats()["requests"]) - before) == {}
    stack.preview("--expect-no-changes")
    # Destroying the adopted stack leaves what Flex provisioned, and removes the rest.
    stack.destroy()
    workspaces = http.get("/taskrouter/v1/Workspaces").json()["workspaces"]
    [flex_workspace] = [w for w in workspaces if w["friendly_name"] == "Flex Task Assignment"]
    queues = http.get(f"/taskrouter/v1/Workspaces/{flex_workspace['sid']}/TaskQueues").json()["task_queues"]
    assert [q["friendly_name"] for q in queues] == ["Everyone"]
    assert http.get(f"/studio/v2/Flows/{messaging['sid']}").status_code == 200
    assert http.get("/conversations/v1/Configuration/Addresses").json()["address_configurations"] == []
