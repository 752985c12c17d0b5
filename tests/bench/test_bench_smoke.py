"""Smoke test of the benchmark (``make bench-smoke``): N=5 FlexFlows and the mixed stack, into a tmp dir.

It checks that the benchmark still runs end to end and that its JSON holds every figure, and it asserts the
exact API-call targets, which do not depend on timing: preview makes no call; up, refresh and destroy of N
flows make N POSTs, N GETs and N DELETEs. Wall times are only required to be positive (not timed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import cli

pytestmark = pytest.mark.e2e

N = 5
OPERATIONS = ("up", "preview", "update", "refresh", "destroy")


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    argv = ["--sizes", str(N), "--skip-latency", "--skip-profile", "--skip-import", "--skip-warm-up"]
    argv += ["--skip-no-checkpoints"]
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
    assert [s["key"] for s in results["stacks"]] == [f"flows-{N}", "mixed-14"]
    for entry in results["stacks"]:
        for operation in OPERATIONS:
            row = entry["operations"][operation]
            assert row["ours"]["wall_s"] > 0, (entry["key"], operation)
            assert row["ours"]["provider_peak_rss_mb"] > 0, (entry["key"], operation)
            assert row["engine_floor"]["wall_s"] > 0, (entry["key"], operation)
            assert row["engine_floor"]["provider_peak_rss_mb"] > 0, (entry["key"], operation)
            assert row["ratio_engine"] > 0, (entry["key"], operation)
            http = row["http_floor"]
            assert http["threads"] == 4
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
