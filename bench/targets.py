"""The performance targets, evaluated from the results JSON (never written by hand).

Each target gives ``met``: True, False, or None when the run did not measure it (e.g. no N=300 in a quick
run), and a ``detail`` with the numbers behind the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WALL_RATIO_MAX = 1.2
WALL_RATIO_SIZES = (100, 300)
IMPORT_MAX_MS = 100.0
GROWTH_MAX = 1.5
OPERATIONS = ("up", "preview", "update", "refresh", "destroy")

QM = "/v1/Insights/QualityManagement"
PS = "/v1/PluginService"
LISTED = {"categories": f"GET {QM}/Categories", "questions": f"GET {QM}/Questions"}
# Reads that `up` of the mixed stack needs before its writes, by design: the Configuration's prior values
# (so destroy can restore them) and the release active before (so destroy can restore it).
MIXED_UP_READS = {
    "GET /v1/Configuration": "prior values of the managed keys, restored on destroy",
    f"GET {PS}/Releases/{{Sid}}": "the release active before, restored on destroy",
}
# Calls of the mixed stack's destroy besides deletes and archives, by design: the PluginRelease releases the
# configuration active before it, or an empty one (created here) when there was none; the Configuration
# writes its keys' prior values back.
MIXED_DESTROY_OTHER = {
    f"GET {PS}/Releases/{{Sid}}": "is this release still the active one?",
    f"POST {PS}/Configurations": "the empty configuration to release (no release before the stack)",
    f"POST {PS}/Releases": "release it",
    "POST /v1/Configuration": "write the prior values back",
}
MIXED_UNDELETABLE = 2  # the PluginRelease and the Configuration singleton are restored, not deleted

Target = dict[str, Any]


def method(key: str) -> str:
    return key.split(" ", 1)[0]


def is_delete(key: str) -> bool:
    return method(key) == "DELETE" or (method(key) == "POST" and key.endswith("/Archive"))


def writes(calls: Mapping[str, int]) -> int:
    return sum(n for key, n in calls.items() if method(key) in ("POST", "DELETE"))


def reads(calls: Mapping[str, int]) -> dict[str, int]:
    return {key: n for key, n in calls.items() if method(key) == "GET"}


def _calls(stack: Mapping[str, Any], operation: str) -> dict[str, int]:
    by_route: dict[str, int] = stack["operations"][operation]["ours"]["api_calls"]["by_route"]
    return by_route


def _fmt(calls: Mapping[str, int]) -> str:
    return ", ".join(f"{key} x{n}" for key, n in sorted(calls.items())) or "none"


def _verdict(checks: list[tuple[bool, str]]) -> Target:
    return {"met": all(ok for ok, _ in checks), "detail": "; ".join(text for _, text in checks)}


def preview_zero(stacks: list[Mapping[str, Any]]) -> Target:
    checks = []
    for stack in stacks:
        total = sum(_calls(stack, "preview").values())
        checks.append((total == 0, f"{stack['key']}: {total}"))
    return _verdict(checks)


def up_writes(stacks: list[Mapping[str, Any]]) -> Target:
    checks = []
    for stack in stacks:
        calls, n = _calls(stack, "up"), stack["objects"]
        got_writes, got_reads = writes(calls), reads(calls)
        if stack["kind"] == "flows":
            ok = got_writes == n and calls.get("POST /v1/FlexFlows", 0) == n and not got_reads
            checks.append((ok, f"{stack['key']}: {got_writes} writes, {sum(got_reads.values())} reads"))
        else:
            unexpected = {k: v for k, v in got_reads.items() if k not in MIXED_UP_READS or v > 1}
            ok = got_writes == n and not unexpected
            text = f"{stack['key']}: {got_writes} writes for {n} objects, reads {_fmt(got_reads)}"
            if unexpected:
                text += f" (unexpected: {_fmt(unexpected)})"
            checks.append((ok, text))
    return _verdict(checks)


def update_one(stacks: list[Mapping[str, Any]]) -> Target:
    checks = []
    for stack in stacks:
        calls = _calls(stack, "update")
        checks.append((calls == {"POST /v1/FlexFlows/{Sid}": 1}, f"{stack['key']}: {_fmt(calls)}"))
    return _verdict(checks)


def refresh_reads(stacks: list[Mapping[str, Any]]) -> Target:
    checks = []
    for stack in stacks:
        calls, n = _calls(stack, "refresh"), stack["objects"]
        if stack["kind"] == "flows":
            got = calls.get("GET /v1/FlexFlows/{Sid}", 0)
            ok = got == n and sum(calls.values()) == n
            checks.append((ok, f"{stack['key']}: {sum(calls.values())} calls ({got} fetches)"))
        else:
            lists = {name: calls.get(key, 0) for name, key in LISTED.items()}
            fetches = sum(v for k, v in reads(calls).items() if k not in LISTED.values())
            # one fetch per fetchable object (all but the 3 categories and 3 questions), one list per kind
            expected_fetches = n - 6
            ok = all(v == 1 for v in lists.values()) and fetches == expected_fetches and not writes(calls)
            checks.append(
                (
                    ok,
                    f"{stack['key']}: {fetches} fetches (want {expected_fetches}), category lists "
                    f"{lists['categories']}, question lists {lists['questions']} "
                    "(want 1 each, for 3 objects each)",
                )
            )
    return _verdict(checks)


def destroy_deletes(stacks: list[Mapping[str, Any]]) -> Target:
    checks = []
    for stack in stacks:
        calls, n = _calls(stack, "destroy"), stack["objects"]
        deletes = sum(v for k, v in calls.items() if is_delete(k))
        others = {k: v for k, v in calls.items() if not is_delete(k)}
        if stack["kind"] == "flows":
            ok = calls.get("DELETE /v1/FlexFlows/{Sid}", 0) == n and not others
            checks.append((ok, f"{stack['key']}: {deletes} deletes, other calls {_fmt(others)}"))
        else:
            unexpected = {k: v for k, v in others.items() if k not in MIXED_DESTROY_OTHER or v > 1}
            want = n - MIXED_UNDELETABLE
            ok = deletes == want and not unexpected
            text = f"{stack['key']}: {deletes} deletes/archives (want {want}), restores {_fmt(others)}"
            if unexpected:
                text += f" (unexpected: {_fmt(unexpected)})"
            checks.append((ok, text))
    return _verdict(checks)


def wall_ratio(stacks: list[Mapping[str, Any]]) -> Target:
    checks = []
    for stack in stacks:
        if stack["kind"] != "flows" or stack["objects"] not in WALL_RATIO_SIZES:
            continue
        for operation in OPERATIONS:
            ratio = stack["operations"][operation]["ratio_engine"]
            ok = ratio is not None and ratio <= WALL_RATIO_MAX
            checks.append((ok, f"{operation}@{stack['objects']} {ratio}x"))
    if not checks:
        return {"met": None, "detail": f"not measured (needs N in {WALL_RATIO_SIZES})"}
    return _verdict(checks)


def import_time(results: Mapping[str, Any]) -> Target:
    imports = results.get("import_time")
    if not imports:
        return {"met": None, "detail": "not measured"}
    added = imports["added_ms"]
    return {
        "met": added <= IMPORT_MAX_MS,
        "detail": f"{added} ms (in-process attribution {imports['added_in_process_ms']} ms; "
        f"first API call adds {imports['first_call_added_ms']} ms more)",
    }


def linear(results: Mapping[str, Any]) -> Target:
    """No faster-than-linear growth of our own: the per-object wall time between the two largest sizes is at
    most :data:`GROWTH_MAX` times that between the two smallest (sublinear growth, fixed costs amortising, is
    fine), or no more than the engine floor's own growth. The fit's slope and R² are given alongside."""
    fit = results.get("linear_fit") or {}
    checks = []
    for operation in OPERATIONS:
        wall = fit.get(operation, {}).get("ours_wall")
        if wall is None:
            continue
        engine = fit[operation].get("engine_wall", {})
        growth, engine_growth = wall["growth"], engine.get("growth")
        # Faster-than-linear growth that the engine floor shows as much (the file backend's checkpoints)
        # is the engine's, not ours.
        ok = growth is None or growth <= GROWTH_MAX or (engine_growth is not None and growth <= engine_growth)
        checks.append(
            (
                ok,
                f"{operation} {wall['per_object']:.1f} ms/object, R² {wall['r2']:.3f}, "
                f"growth {growth} (engine floor {engine.get('growth')})",
            )
        )
    if not checks:
        return {"met": None, "detail": "not measured (needs at least 3 FlexFlow sizes)"}
    return _verdict(checks)


def evaluate(results: Mapping[str, Any]) -> list[Target]:
    stacks: list[Mapping[str, Any]] = results.get("stacks", [])
    return [
        {
            "id": "preview-no-calls",
            "target": "`preview` of an unchanged stack makes 0 API calls",
            **preview_zero(stacks),
        },
        {
            "id": "up-exact-writes",
            "target": "`up` of N new objects makes exactly N writes, no read-after-write",
            **up_writes(stacks),
        },
        {
            "id": "update-one-write",
            "target": "`update` of one object makes 1 write and no reads",
            **update_one(stacks),
        },
        {
            "id": "refresh-reads",
            "target": "`refresh` makes N reads; one list per refresh for categories and questions",
            **refresh_reads(stacks),
        },
        {
            "id": "destroy-deletes",
            "target": "`destroy` makes N deletes or archives",
            **destroy_deletes(stacks),
        },
        {
            "id": "wall-vs-engine",
            "target": f"wall time of each operation ≤ {WALL_RATIO_MAX}x the engine floor at N=100 and N=300",
            **wall_ratio(stacks),
        },
        {
            "id": "import-time",
            "target": f"`pulumi_flex` adds ≤ {IMPORT_MAX_MS:.0f} ms to the provider's import",
            **import_time(results),
        },
        {
            "id": "linear",
            "target": f"cost grows linearly in N: per-object wall time at the largest N ≤ {GROWTH_MAX}x "
            "that at the smallest, or no faster than the engine floor's (fit slope and R² alongside)",
            **linear(results),
        },
    ]
