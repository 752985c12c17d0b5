"""Interrupted runs: `pulumi up` killed with creates in flight, or failed by an outage longer than
the retry deadline, then the documented recovery (`pulumi cancel` if locked, `pulumi-flex recover
--yes`, `pulumi up`) leaves exactly the declared objects: no duplicates, no orphans."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

FLOWS = 8
PROGRAM = f"""
import pulumi_flex as flex

flows = [
    flex.FlexFlow(
        f"flow-{{i}}", friendly_name=f"flow {{i}}", chat_service_sid="IS" + "3" * 32, channel_type="sms"
    )
    for i in range({FLOWS})
]
flex.WebChannel(
    "chat", flex_flow_sid=flows[0].sid, identity="visitor", customer_friendly_name="C",
    chat_friendly_name="C",
)
plugin = flex.Plugin("plugin", unique_name="interrupted-plugin")
version = flex.PluginVersion(
    "version", plugin_sid=plugin.sid, version="1.0.0", plugin_url="https://assets.example.com/i/1.0.0.js"
)
category = flex.QuestionnaireCategory("category", name="interrupted")
"""
DECLARED = {"FlexFlow": FLOWS, "WebChannel": 1, "Plugin": 1, "PluginVersion": 1, "QuestionnaireCategory": 1}


def account_objects(flex: EmulatorProcess) -> dict[str, list[str]]:
    """The SIDs of every object of the program's kinds in the account (archived ones excluded)."""
    http = flex.client()

    def listing(path: str, key: str, field: str = "sid") -> list[str]:
        response = http.get(path, params={"PageSize": 1000})
        assert response.status_code == 200, response.text
        return [r[field] for r in response.json()[key] if not r.get("archived")]

    plugins = listing("/v1/PluginService/Plugins", "plugins")
    versions = [
        sid for p in plugins for sid in listing(f"/v1/PluginService/Plugins/{p}/Versions", "plugin_versions")
    ]
    return {
        "FlexFlow": listing("/v1/FlexFlows", "flex_flows"),
        "WebChannel": listing("/v1/WebChannels", "flex_chat_channels"),
        "Plugin": plugins,
        "PluginVersion": versions,
        "QuestionnaireCategory": listing(
            "/v1/Insights/QualityManagement/Categories", "categories", "category_sid"
        ),
    }


def assert_exactly_declared(stack: PulumiProject, flex: EmulatorProcess) -> None:
    in_account = account_objects(flex)
    held = {kind: sorted(r["id"] for r in stack.resources(f":{kind}")) for kind in DECLARED}
    assert {k: len(v) for k, v in in_account.items()} == DECLARED  # no duplicates
    assert {k: sorted(v) for k, v in in_account.items()} == held  # no orphans: the stack holds each one


def recover(stack: PulumiProject) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_flex.cli", "recover", "--yes"],
        cwd=stack.directory,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def creates_received(flex: EmulatorProcess) -> int:
    """How many create requests (POSTs to a collection) the emulator has received."""
    requests = flex.stats()["requests"]
    return sum(n for key, n in requests.items() if key.startswith("POST ") and not key.endswith("}"))


def kill_up_when(stack: PulumiProject, flex: EmulatorProcess, creates: int) -> None:
    """Start `pulumi up` and kill -9 its whole process group once ``creates`` creates have reached
    the API (each is committed, its answer held back by the injected delay)."""
    process = subprocess.Popen(
        ["pulumi", "up", "--yes", "--skip-preview", "--non-interactive"],
        cwd=stack.directory,
        env=stack.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while creates_received(flex) < creates:
            assert process.poll() is None, "up finished before it could be interrupted"
            assert time.monotonic() < deadline, "up made no progress"
            time.sleep(0.05)
    finally:
        # pulumi starts its plugins (the language host, the provider) in process groups of their
        # own: kill the whole tree, by PID, as a crash would.
        tree = descendants(process.pid)
        os.killpg(process.pid, signal.SIGKILL)
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=60)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc), children first found first."""
    found: list[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                pending += children
    return found


@pytest.mark.parametrize("creates", [1, 4, 9])
def test_killed_up_then_recover_leaves_no_duplicates_and_no_orphans(
    project: ProjectFactory, flex: EmulatorProcess, creates: int
) -> None:
    stack = project(PROGRAM)
    # Every request is processed and committed, then its answer is held back: a kill now leaves
    # creates that the API made but the stack never heard of.
    flex.set_faults({"response_delay_ms": 1500})
    kill_up_when(stack, flex, creates)
    flex.set_faults({})
    time.sleep(0.5)  # let the held requests finish committing
    assert sum(len(v) for v in account_objects(flex).values()) >= creates
    stack.run("cancel", "--yes", check=False)  # a killed update may leave the stack locked
    result = recover(stack)
    assert "adopt" in result.stdout, result.stdout
    stack.up()
    assert_exactly_declared(stack, flex)
    stack.preview("--expect-no-changes")


def test_outage_longer_than_the_retry_deadline_then_recover(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(PROGRAM)
    stack.config("flex:retryDeadline", "3")
    # Every answer is lost after the API committed the request, listings included: creates cannot
    # be reconciled, so the up fails saying the objects may exist.
    flex.set_faults({"lost": 1.0})
    failed = stack.run("up", "--yes", "--skip-preview", check=False)
    assert failed.returncode != 0
    assert "pulumi-flex recover" in failed.stdout + failed.stderr
    flex.set_faults({})
    assert Counter({k: len(v) for k, v in account_objects(flex).items()})["FlexFlow"] > 0
    result = recover(stack)
    assert "adopt" in result.stdout, result.stdout
    stack.up()
    assert_exactly_declared(stack, flex)
    stack.preview("--expect-no-changes")
