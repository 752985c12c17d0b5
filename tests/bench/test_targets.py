"""The benchmark's verdicts on synthetic results (no pulumi, no emulator): the contact center's call targets,
with the Workspace's documented follow-up update, the concurrency speed-up and the 429 storm."""

from __future__ import annotations

from typing import Any

from bench import report, targets

TR = "/taskrouter/v1/Workspaces"
UP = {
    f"POST {TR}": 1,
    f"POST {TR}/{{WorkspaceSid}}/Activities": 3,
    f"POST {TR}/{{WorkspaceSid}}/TaskChannels": 2,
    f"POST {TR}/{{WorkspaceSid}}/TaskQueues": 10,
    f"POST {TR}/{{WorkspaceSid}}/Workflows": 2,
    "POST /studio/v2/Flows": 10,
    "POST /conversations/v1/Configuration/Addresses": 10,
}
N = sum(UP.values())


def instance(calls: dict[str, int], method: str) -> dict[str, int]:
    return {f"{method} {key.split(' ', 1)[1]}/{{Sid}}": n for key, n in calls.items()}


def contact_center(**overrides: dict[str, int]) -> dict[str, Any]:
    by_operation = {
        "up": UP,
        "preview": {},
        "update": {f"POST {TR}/{{WorkspaceSid}}/TaskQueues/{{Sid}}": 1},
        "refresh": instance(UP, "GET"),
        "destroy": instance(UP, "DELETE"),
        **overrides,
    }
    return {
        "key": f"contact-center-{N}",
        "kind": "contact-center",
        "objects": N,
        "size": 10,
        "operations": {
            op: {"ours": {"api_calls": {"by_route": calls}}, "ratio_engine": 1.1}
            for op, calls in by_operation.items()
        },
    }


def verdict(target: dict[str, Any]) -> bool | None:
    met: bool | None = target["met"]
    return met


def test_the_contact_center_meets_its_call_targets() -> None:
    stacks = [contact_center()]
    assert verdict(targets.preview_zero(stacks))
    assert verdict(targets.up_writes(stacks))
    assert verdict(targets.update_one(stacks))
    assert verdict(targets.refresh_reads(stacks))
    assert verdict(targets.destroy_deletes(stacks))
    assert verdict(targets.contact_center_wall(stacks))


def test_a_workspace_follow_up_update_is_allowed_once() -> None:
    follow_up = {**UP, f"POST {TR}/{{Sid}}": 1}
    assert verdict(targets.up_writes([contact_center(up=follow_up)]))
    twice = {**UP, f"POST {TR}/{{Sid}}": 2}
    assert verdict(targets.up_writes([contact_center(up=twice)])) is False


def test_a_read_after_write_or_a_listing_misses() -> None:
    read_back = {**UP, f"GET {TR}/{{Sid}}": 1}
    assert verdict(targets.up_writes([contact_center(up=read_back)])) is False
    listed = {**instance(UP, "GET"), f"GET {TR}/{{WorkspaceSid}}/TaskQueues": 1}
    assert verdict(targets.refresh_reads([contact_center(refresh=listed)])) is False
    wrong_update = {f"POST {TR}/{{Sid}}": 1}
    assert verdict(targets.update_one([contact_center(update=wrong_update)])) is False


def concurrency(up16: float, up4: float, destroy16: float, destroy4: float) -> dict[str, Any]:
    def run(wall: float, peak: int) -> dict[str, Any]:
        return {"wall_s": wall, "peak_concurrency": peak, "api_calls": 300, "mean_concurrency": 1.0}

    runs = {
        "ours_16": {"up": run(up16, 16), "destroy": run(destroy16, 16)},
        "ours_4": {"up": run(up4, 4), "destroy": run(destroy4, 4)},
        "noop_4": {"up": run(12.0, 4), "destroy": run(12.0, 4)},
        "noop_16": {"up": run(4.0, 16), "destroy": run(4.0, 16)},
    }
    bounds = {"4": 11.25, "10": 4.5, "16": 2.812}
    return {
        "objects": 300,
        "latency_ms": 150,
        "checkpoints": False,
        "runs": runs,
        "bounds_s": bounds,
        "speedup": {"up": round(up16 / up4, 2), "destroy": round(destroy16 / destroy4, 2)},
        "vs_bound_10": {"up": round(up16 / 4.5, 2), "destroy": round(destroy16 / 4.5, 2)},
        "vs_bound_16": {"up": 1.0, "destroy": 1.0},
        "vs_noop_16": {"up": 1.0, "destroy": 1.0},
    }


def test_the_speed_up_target_needs_both_operations() -> None:
    met = {"concurrency": {"cases": [concurrency(6.0, 16.0, 5.0, 13.0)]}}
    assert verdict(targets.speedup(met, checkpoints=False))
    assert verdict(targets.speedup(met, checkpoints=True)) is None  # not measured
    missed = {"concurrency": {"cases": [concurrency(6.0, 16.0, 11.0, 13.0)]}}
    result = targets.speedup(missed, checkpoints=False)
    assert verdict(result) is False and "destroy 11.0 s at 16 vs 13.0 s at 4 = 0.85x" in result["detail"]


def test_the_storm_target_counts_duplicates_and_orphans() -> None:
    def run(account: int, stack: int, duplicates: int = 0, orphans: int = 0) -> dict[str, Any]:
        ok = account == stack and duplicates == orphans == 0
        return {
            "wall_s": 5.0,
            "peak_concurrency": 16,
            "api_calls": 140,
            "injected": {"429": 40, "500": 0, "lost": 0},
            "account_flows": account,
            "stack_flows": stack,
            "duplicates": duplicates,
            "orphans": orphans,
            "missing": 0,
            "want": stack,
            "ok": ok,
        }

    storm: dict[str, Any] = {"objects": 100, "faults": {"latency_ms": 150, "429": 0.3, "seed": 1}}
    good = {**storm, "operations": {"up": run(100, 100)}}
    assert verdict(targets.storm({"concurrency": {"cases": [], "storm": good}}))
    bad = {**storm, "operations": {"up": run(101, 100, 1, 1)}}
    assert verdict(targets.storm({"concurrency": {"cases": [], "storm": bad}})) is False
    row = "| up | 5.00 | 40 | 140 | 16 | 101 (want 100) | 100 | 1 | 1 | 0 | NO |"
    assert row in report.storm_section(bad)
