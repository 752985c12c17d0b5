"""Smoke test of the benchmark (``make bench-smoke``): N=5 FlexFlows, the mixed stack and a contact center of
size 1 (11 objects), into a tmp dir, and a tiny concurrency scenario (6 FlexFlows, 100 ms per call,
checkpoints on; a 429 storm on 6).

It checks that the benchmark still runs end to end and that its JSON holds every figure, and it asserts the
exact API-call targets, which do not depend on timing: preview makes no call; up, refresh and destroy of N
flows make N POSTs, N GETs and N DELETEs, and one each per contact-center object; no run goes over its limit
of calls at once; the storm leaves exactly the stack's flows. Wall times are only required to be positive
(not timed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import cli

pytestmark = pytest.mark.e2e

N = 5
LATENCY_N = 6
CONTACT_CENTER = "contact-center-11"  # size 1: a workspace, 3 activities, 2 channels, 2 workflows, 1 x 3
OPERATIONS = ("up", "preview", "update", "refresh", "destroy")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    argv = ["--sizes", str(N), "--skip-profile", "--skip-import", "--skip-warm-up", "--skip-no-checkpoints"]
    argv += ["--latency-sizes", str(LATENCY_N), "--latency-ms", "100", "--latency-checkpoints", "on"]
    argv += ["--storm-n", str(LATENCY_N), "--contact-center", "1"]
    argv += ["--out", str(out)]
    assert cli.main([*argv, "--docs", "no"]) == 0
    assert (out / "latest.md").read_text().startswith("# pulumi-flex benchmark")
    data: dict[str, Any] = json.loads((out / "latest.json").read_text())
    return data


def stack(results: dict[str, Any], key: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in results["stacks"] if s["key"] == key]
    assert len(found) == 1, key
    return found[0]


def calls(results: dict[str, Any], key: str, operation: str) -> dict[str, int]:
    by_route: dict[str, int] = stack(results, key)["operations"][operation]["ours"]["api_calls"]["by_route"]
    return by_route


def test_every_operation_is_measured_with_both_floors(results: dict[str, Any]) -> None:
    assert [s["key"] for s in results["stacks"]] == [f"flows-{N}", "mixed-14", CONTACT_CENTER]
    for entry in results["stacks"]:
        for operation in OPERATIONS:
            row = entry["operations"][operation]
            assert row["ours"]["wall_s"] > 0, (entry["key"], operation)
            assert row["ours"]["provider_peak_rss_mb"] > 0, (entry["key"], operation)
            assert row["engine_floor"]["wall_s"] > 0, (entry["key"], operation)
            assert row["engine_floor"]["provider_peak_rss_mb"] > 0, (entry["key"], operation)
            assert row["ratio_engine"] > 0, (entry["key"], operation)
            http = row["http_floor"]
            assert http["threads"] == 16
            assert http["requests"] == row["ours"]["api_calls"]["total"], (entry["key"], operation)
            assert http["errors"] == {} and http["unreplayed"] == {}, (entry["key"], operation)
    assert results["machine"]["nproc"] >= 1 and results["machine"]["pulumi_cli"]


def test_exact_api_call_counts_for_flows(results: dict[str, Any]) -> None:
    key = f"flows-{N}"
    assert calls(results, key, "preview") == {}
    assert calls(results, key, "up") == {"POST /v1/FlexFlows": N}
    assert calls(results, key, "update") == {"POST /v1/FlexFlows/{Sid}": 1}
    assert calls(results, key, "refresh") == {"GET /v1/FlexFlows/{Sid}": N}
    assert calls(results, key, "destroy") == {"DELETE /v1/FlexFlows/{Sid}": N}


def test_exact_api_call_counts_for_the_contact_center(results: dict[str, Any]) -> None:
    tr = "/taskrouter/v1/Workspaces"
    kinds = {
        tr: 1,
        f"{tr}/{{WorkspaceSid}}/Activities": 3,
        f"{tr}/{{WorkspaceSid}}/TaskChannels": 2,
        f"{tr}/{{WorkspaceSid}}/TaskQueues": 1,
        f"{tr}/{{WorkspaceSid}}/Workflows": 2,
        "/studio/v2/Flows": 1,
        "/conversations/v1/Configuration/Addresses": 1,
    }
    instance = {path: f"{path}/{{Sid}}" for path in kinds}
    assert calls(results, CONTACT_CENTER, "preview") == {}
    assert calls(results, CONTACT_CENTER, "up") == {f"POST {path}": n for path, n in kinds.items()}
    assert calls(results, CONTACT_CENTER, "update") == {f"POST {tr}/{{WorkspaceSid}}/TaskQueues/{{Sid}}": 1}
    assert calls(results, CONTACT_CENTER, "refresh") == {f"GET {instance[p]}": n for p, n in kinds.items()}
    assert calls(results, CONTACT_CENTER, "destroy") == {f"DELETE {instance[p]}": n for p, n in kinds.items()}
    assert stack(results, CONTACT_CENTER)["size"] == 1


def test_mixed_stack_preview_makes_no_call_and_targets_are_evaluated(results: dict[str, Any]) -> None:
    assert calls(results, "mixed-14", "preview") == {}
    verdicts = {t["id"]: t["met"] for t in results["targets"]}
    assert verdicts["preview-no-calls"] is True
    assert verdicts["wall-vs-engine"] is None  # no N=100 or N=300 in a smoke run
    assert verdicts["import-time"] is None


def test_report_is_generated_from_the_json(results: dict[str, Any], tmp_path: Path) -> None:
    from bench import report

    text = report.performance_md(results)
    assert "## Targets" in text and f"| flows | {N} | up |" in text


def test_concurrency_scenario_respects_each_limit(results: dict[str, Any]) -> None:
    scenario = results["concurrency"]
    [case] = scenario["cases"]
    assert (case["objects"], case["latency_ms"], case["checkpoints"]) == (LATENCY_N, 100, True)
    assert case["bounds_s"] == pytest.approx({"4": 0.15, "10": 0.06, "16": 0.0375}, abs=1e-3)
    for variant, limit in (("ours_16", 16), ("ours_4", 4), ("noop_4", 4), ("noop_16", 16)):
        for operation in ("up", "destroy"):
            run = case["runs"][variant][operation]
            assert run["wall_s"] > 0, (variant, operation)
            assert 1 <= run["peak_concurrency"] <= min(limit, LATENCY_N), (variant, operation, run)
            assert run["api_calls"] == (LATENCY_N if variant.startswith("ours") else 0), (variant, operation)
    verdicts = {t["id"]: t["met"] for t in results["targets"]}
    assert verdicts["concurrency-speedup"] is None  # no N=300 at 150 ms in a smoke run


def test_the_429_storm_leaves_exactly_the_stacks_flows(results: dict[str, Any]) -> None:
    storm = results["concurrency"]["storm"]
    up, destroy = storm["operations"]["up"], storm["operations"]["destroy"]
    assert (up["account_flows"], up["stack_flows"]) == (LATENCY_N, LATENCY_N)
    assert (up["duplicates"], up["orphans"], up["missing"]) == (0, 0, 0)
    assert (destroy["account_flows"], destroy["stack_flows"]) == (0, 0)
    assert up["injected"]["429"] + destroy["injected"]["429"] > 0  # 30% of at least 12 requests, seeded
    assert {t["id"]: t["met"] for t in results["targets"]}["storm-exact"] is True
