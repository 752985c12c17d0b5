"""The provider host serves more than 4 calls at once (flex:maxConcurrency, default 16), falls back
to 4 when told to, and keeps 0 duplicates and 0 orphans under a 429 storm at that concurrency."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import ProjectFactory
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject

pytestmark = pytest.mark.e2e

N = 24
PROGRAM = f"""
import pulumi_flex as flex

for i in range({N}):
    flex.FlexFlow(
        f"flow-{{i}}", friendly_name=f"flow {{i}}", chat_service_sid="IS" + "4" * 32, channel_type="web"
    )
"""


def peak(flex: EmulatorProcess) -> int:
    response = httpx.get(f"{flex.base_url}/_emulator/stats/concurrency", timeout=10, trust_env=False)
    response.raise_for_status()
    return int(response.json()["max_concurrent"])


def flows_in_account(flex: EmulatorProcess) -> list[str]:
    response = flex.client().get("/v1/FlexFlows", params={"PageSize": 1000})
    return [f["sid"] for f in response.json()["flex_flows"]]


def up_with_latency(stack: PulumiProject, flex: EmulatorProcess) -> int:
    flex.set_faults({"latency_ms": 300})
    stack.up()
    flex.set_faults({})
    return peak(flex)


def test_the_host_serves_16_calls_at_once_by_default(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(PROGRAM)
    assert up_with_latency(stack, flex) > 4
    assert len(flows_in_account(flex)) == N
    # destroy sends every delete at once: the widened pool must run them all, not queue them by 4
    flex.set_faults({"latency_ms": 300})
    httpx.post(f"{flex.base_url}/_emulator/stats/reset", timeout=10, trust_env=False).raise_for_status()
    stack.destroy()
    flex.set_faults({})
    assert peak(flex) > 4
    assert flows_in_account(flex) == []


def test_the_setting_limits_the_calls(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(PROGRAM)
    stack.config("flex:maxConcurrency", "8")
    assert 4 < up_with_latency(stack, flex) <= 8


def test_the_environment_can_keep_the_hosts_4(project: ProjectFactory, flex: EmulatorProcess) -> None:
    stack = project(PROGRAM)
    stack.env = {**stack.env, "PULUMI_FLEX_MAX_CONCURRENCY": "4"}
    assert up_with_latency(stack, flex) <= 4


def test_a_429_storm_at_16_calls_makes_no_duplicate_and_no_orphan(
    project: ProjectFactory, flex: EmulatorProcess
) -> None:
    stack = project(PROGRAM)
    # Half the requests answered 429 (no Retry-After: the client backs off), a few answers lost.
    flex.set_faults({"429": 0.5, "lost": 0.05, "latency_ms": 50, "seed": 20261201})
    stack.up()
    stack.destroy()
    stack.up()
    flex.set_faults({})
    held = sorted(r["id"] for r in stack.resources(":FlexFlow"))
    assert len(held) == N and sorted(flows_in_account(flex)) == held
    stack.preview("--expect-no-changes")
