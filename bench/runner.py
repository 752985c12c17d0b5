"""Run the benchmark: every stack through up, preview, update, refresh and destroy, ours and both floors.

One emulator process serves the whole run. For each stack (N FlexFlows per size, and the mixed stack):

1. **ours**: a fresh Pulumi project on ``pulumi_flex``, driven through the real CLI, each operation measured
   (wall time, API calls from the emulator's stats, the provider process's peak RSS);
2. **engine floor**: the same lifecycle of the twin program on the no-op provider (``bench/noop_provider``);
3. **HTTP floor**: the API calls counted for each of our operations, replayed with bare httpx on as many
   threads as the provider host serves calls at once (16).

The emulator is reset between stacks, so every stack starts from an empty account. The concurrency scenario
(``Bench.concurrency``) then runs `up` and `destroy` of N FlexFlows with latency injected, ours at 16 and at 4
calls at once beside the no-op provider sleeping the latency, and once more under a storm of 429s.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx

from bench import floors, importtime, machine, metrics, profile, stacks
from tests.support.emulator import EmulatorProcess
from tests.support.pulumi_cli import PulumiProject, offline_env, pulumi_bin_dir

REPO = Path(__file__).resolve().parents[1]
NOOP_PATH = REPO / "bench"  # on PYTHONPATH, so `noop_provider` imports in the program and the provider
OPERATIONS = ("up", "preview", "update", "refresh", "destroy")
QM = "/v1/Insights/QualityManagement"
Provider = Literal["ours", "noop"]
CONCURRENCY_ENV = "PULUMI_FLEX_MAX_CONCURRENCY"
HOST_DEFAULT = 16  # pulumi_flex's default calls at once (flex:maxConcurrency)
HOST_FLOOR = 4  # the Python dynamic provider host's own pool
BOUND_WAYS = (4, 10, 16)  # analytic bounds N x latency / k: the host's 4, Terraform's default 10, our 16
# The concurrency scenario's runs: (provider, calls at once). ``noop`` sleeps the latency in each call.
VARIANTS: dict[str, tuple[Provider, int]] = {
    "ours_16": ("ours", HOST_DEFAULT),
    "ours_4": ("ours", HOST_FLOOR),
    "noop_4": ("noop", HOST_FLOOR),
    "noop_16": ("noop", HOST_DEFAULT),
}

COMMANDS: dict[str, tuple[str, ...]] = {
    "up": ("up", "--yes", "--skip-preview"),
    "preview": ("preview", "--expect-no-changes"),
    "update": ("up", "--yes", "--skip-preview"),  # after `bench:rev` changes: one object updates
    "refresh": ("refresh", "--yes", "--skip-preview"),
    "destroy": ("destroy", "--yes", "--skip-preview"),
}


@dataclass
class Options:
    sizes: list[int] = field(default_factory=lambda: [10, 100, 300])
    mixed: bool = True
    contact_center: int = stacks.CONTACT_CENTER_SIZE  # queues, Studio flows, address configs; 0: none
    latency: bool = True
    profile: bool = True
    imports: bool = True
    warm_up: bool = True
    no_checkpoints: bool = True
    quick: bool = False
    out: Path = REPO / "bench" / "results"
    latency_ms: int = 150
    latency_sizes: list[int] = field(default_factory=lambda: [100, 300])
    latency_checkpoints: tuple[bool, ...] = (True, False)  # with the file backend's checkpoints, without
    parallel: int = 16  # pulumi's --parallel in the concurrency scenario (its default is 4 x nproc)
    latency_repeat: int = 1  # runs of each concurrency case (seconds each: one is representative)
    storm: bool = True
    storm_n: int = 100
    storm_429: float = 0.3
    storm_seed: int = 20261201
    profile_n: int = 100
    import_runs: int = 10
    repeat: int = 1
    log: Callable[[str], None] = print

    def to_json(self) -> dict[str, Any]:
        return {
            "sizes": self.sizes,
            "mixed": self.mixed,
            "contact_center": self.contact_center,
            "latency": self.latency,
            "profile": self.profile,
            "imports": self.imports,
            "warm_up": self.warm_up,
            "no_checkpoints": self.no_checkpoints,
            "quick": self.quick,
            "latency_ms": self.latency_ms,
            "latency_sizes": self.latency_sizes,
            "latency_checkpoints": list(self.latency_checkpoints),
            "parallel": self.parallel,
            "latency_repeat": self.latency_repeat,
            "storm": self.storm,
            "storm_n": self.storm_n,
            "storm_429": self.storm_429,
            "storm_seed": self.storm_seed,
            "profile_n": self.profile_n,
            "import_runs": self.import_runs,
            "repeat": self.repeat,
        }


class Bench:
    def __init__(self, options: Options, workdir: Path, emulator: EmulatorProcess) -> None:
        self.options = options
        self.workdir = workdir
        self.emulator = emulator
        self.bin_dir = pulumi_bin_dir()
        self.base_env = bytecode_env(
            offline_env(self.bin_dir, workdir / "pulumi-home", workdir / "unused-state"), workdir / "pycache"
        )
        self.base_env["PYTHONPATH"] = str(NOOP_PATH)
        self._projects = 0
        response = emulator.client().get(f"{QM}/Settings/AnswerSets")
        response.raise_for_status()
        self.answer_set: str = response.json()["answer_sets"][0]["id"]

    def log(self, message: str) -> None:
        self.options.log(f"[bench {time.strftime('%H:%M:%S')}] {message}")

    # ---- projects

    def project(self, stack: stacks.Stack, provider: Provider, **config: str) -> PulumiProject:
        """A new project with its own file backend, configured for the emulator."""
        self._projects += 1
        directory = self.workdir / f"{self._projects:02d}-{stack.key}-{provider}"
        state = directory / "state"
        state.mkdir(parents=True)
        env = {**self.base_env, "PULUMI_BACKEND_URL": state.as_uri()}
        program = stack.program if provider == "ours" else stack.noop_program
        project = PulumiProject.create(
            directory / "project", env, program, name=f"bench-{stack.name}-{provider}"
        )
        values = {
            "bench:count": str(stack.objects),
            "bench:answerSet": self.answer_set,
            "flex:baseUrl": self.emulator.base_url,
            "flex:accountSid": self.emulator.account_sid,
            **stack.config,
            **config,
        }
        args = [arg for key, value in values.items() for arg in ("--plaintext", f"{key}={value}")]
        project.run("config", "set-all", *args, "--secret", f"flex:authToken={self.emulator.auth_token}")
        return project

    def measure(self, project: PulumiProject, operation: str, *extra: str) -> metrics.Measurement:
        argv = ["pulumi", *COMMANDS[operation], "--non-interactive", *extra]
        return metrics.run_measured(argv, cwd=project.directory, env=project.env, stats=self.emulator.stats)

    def lifecycles(self, stack: stacks.Stack) -> dict[Provider, dict[str, metrics.Measurement]]:
        """up, preview, update (one object), refresh, destroy, for ours and the engine floor.

        The two run interleaved (ours up, floor up, ours preview, …), so that a burst of load from elsewhere
        on the machine hits both alike; with ``repeat`` > 1 each operation keeps its best wall time.
        """
        best: dict[Provider, dict[str, metrics.Measurement]] = {"ours": {}, "noop": {}}
        for _ in range(self.options.repeat):
            self.emulator.reset()
            projects: dict[Provider, PulumiProject] = {p: self.project(stack, p) for p in ("ours", "noop")}
            for operation in OPERATIONS:
                for provider, project in projects.items():
                    if operation == "update":
                        project.config("bench:rev", "1")
                    result = self.measure(project, operation)
                    self.log(
                        f"{stack.key:>10} {provider:>4} {operation:<8} {result.wall_s:7.2f} s  "
                        f"{result.total_calls:4d} calls  rss {_mb(result.provider_peak_rss_kb)}"
                    )
                    kept = best[provider].get(operation)
                    if kept is None or result.wall_s < kept.wall_s:
                        best[provider][operation] = result
        return best

    def http_floor(self, ours: Mapping[str, metrics.Measurement]) -> dict[str, floors.FloorResult]:
        self.emulator.reset()
        results: dict[str, floors.FloorResult] = {}
        emulator = self.emulator
        with floors.client(emulator.base_url, emulator.account_sid, emulator.auth_token) as client:
            fixtures = floors.Fixtures(client, self.answer_set, emulator.account_sid)
            for operation in OPERATIONS:
                results[operation] = floors.replay(ours[operation].calls, fixtures)
        return results

    def warm_up(self) -> None:
        """One untimed `up` and `destroy` of each provider, so every module's bytecode is cached."""
        self.log("warm-up: bytecode cache, CLI and plugins")
        self.emulator.reset()
        for provider in ("ours", "noop"):
            project = self.project(stacks.flows(1), provider)
            for operation in ("up", "destroy"):
                self.measure(project, operation)

    # ---- scenarios

    def stack(self, stack: stacks.Stack) -> dict[str, Any]:
        self.log(f"stack {stack.key}: {stack.objects} objects")
        runs = self.lifecycles(stack)
        ours, noop = runs["ours"], runs["noop"]
        http = self.http_floor(ours)
        operations = {}
        for operation in OPERATIONS:
            mine, engine, bare = ours[operation], noop[operation], http[operation]
            operations[operation] = {
                "ours": mine.to_json(),
                "engine_floor": {
                    "wall_s": round(engine.wall_s, 3),
                    "provider_peak_rss_mb": engine.to_json()["provider_peak_rss_mb"],
                },
                "http_floor": bare.to_json(),
                "ratio_engine": _ratio(mine.wall_s, engine.wall_s),
                "ratio_http": _ratio(mine.wall_s, bare.wall_s),
            }
        out: dict[str, Any] = {"key": stack.key, "kind": stack.name, "objects": stack.objects}
        if "bench:size" in stack.config:
            out["size"] = int(stack.config["bench:size"])
        return {**out, "operations": operations}

    # ---- the concurrency scenario: deploy at the speed of the API

    def peak_concurrency(self) -> int:
        """The most API requests in flight at once since the last ``POST /_emulator/stats/reset``."""
        response = httpx.get(
            f"{self.emulator.base_url}/_emulator/stats/concurrency", timeout=10, trust_env=False
        )
        response.raise_for_status()
        return int(response.json()["max_concurrent"])

    def injected(self) -> dict[str, int]:
        """The faults the emulator has injected so far, by kind (``429``, ``500``, ``lost``)."""
        return {k: int(v) for k, v in self.emulator.faults()["injected"].items()}

    def variant_project(
        self, stack: stacks.Stack, variant: str, *, checkpoints: bool, latency_ms: int
    ) -> tuple[PulumiProject, Path | None]:
        """A project for one run of the concurrency scenario, and the no-op provider's peak file."""
        provider, calls = VARIANTS[variant]
        peak_file = None
        config: dict[str, str] = {}
        if provider == "noop":
            peak_file = self.workdir / f"peak-{self._projects + 1:02d}.txt"
            config = {"bench:sleepMs": str(latency_ms), "bench:peakFile": str(peak_file)}
            if calls > HOST_FLOOR:
                config["bench:hostThreads"] = str(calls)
        project = self.project(stack, provider, **config)
        project.env.pop(CONCURRENCY_ENV, None)  # ours at 16: the product's default, whatever the caller set
        if provider == "ours" and calls != HOST_DEFAULT:
            project.env[CONCURRENCY_ENV] = str(calls)
        if not checkpoints:
            project.env["PULUMI_SKIP_CHECKPOINTS"] = "true"
        return project, peak_file

    def concurrency_run(
        self, project: PulumiProject, operation: str, n: int, peak_file: Path | None, latency_ms: int
    ) -> dict[str, Any]:
        """One `up` or `destroy` of the scenario, with the peak of calls in flight: the emulator's for ours,
        the no-op provider's own count for the floor."""
        self.emulator.reset_stats()
        if peak_file is not None:
            peak_file.unlink(missing_ok=True)
        result = self.measure(project, operation, "--parallel", str(self.options.parallel))
        if peak_file is None:
            peak = self.peak_concurrency()
            calls = result.total_calls
        else:
            peak = int(peak_file.read_text()) if peak_file.exists() else 0
            calls = 0
        busy_s = (calls or n) * latency_ms / 1000
        return {
            "wall_s": round(result.wall_s, 3),
            "peak_concurrency": peak,
            "api_calls": calls,
            # calls x latency ÷ wall: how many calls were in flight on average
            "mean_concurrency": round(busy_s / result.wall_s, 2) if result.wall_s else None,
        }

    def concurrency_case(self, n: int, checkpoints: bool) -> dict[str, Any]:
        """`up` then `destroy` of N FlexFlows for every variant, with ``latency_ms`` on every request."""
        latency_ms = self.options.latency_ms
        stack = stacks.flows(n)
        mode = "with checkpoints" if checkpoints else "PULUMI_SKIP_CHECKPOINTS=true"
        self.log(f"concurrency: {n} FlexFlows, {latency_ms} ms per call, {mode}")
        best: dict[str, dict[str, dict[str, Any]]] = {variant: {} for variant in VARIANTS}
        self.emulator.reset()
        self.emulator.set_faults({"latency_ms": latency_ms})
        try:
            for _ in range(self.options.latency_repeat):
                # One variant at a time, up then destroy, so each `up` starts from an empty account.
                for variant in VARIANTS:
                    project, peak_file = self.variant_project(
                        stack, variant, checkpoints=checkpoints, latency_ms=latency_ms
                    )
                    for operation in ("up", "destroy"):
                        run = self.concurrency_run(project, operation, n, peak_file, latency_ms)
                        self.log(
                            f"{stack.key:>10} {variant:>8} {operation:<8} {run['wall_s']:7.2f} s  "
                            f"peak {run['peak_concurrency']:2d} in flight  ({mode})"
                        )
                        kept = best[variant].get(operation)
                        if kept is None or run["wall_s"] < kept["wall_s"]:
                            best[variant][operation] = run
        finally:
            self.emulator.set_faults({})
        bounds = {str(k): round(n * latency_ms / 1000 / k, 3) for k in BOUND_WAYS}
        ours16, ours4 = best["ours_16"], best["ours_4"]
        return {
            "objects": n,
            "latency_ms": latency_ms,
            "checkpoints": checkpoints,
            "runs": best,
            "bounds_s": bounds,
            "speedup": {op: _ratio(ours16[op]["wall_s"], ours4[op]["wall_s"]) for op in ("up", "destroy")},
            "vs_bound_10": {op: _ratio(ours16[op]["wall_s"], bounds["10"]) for op in ("up", "destroy")},
            "vs_bound_16": {op: _ratio(ours16[op]["wall_s"], bounds["16"]) for op in ("up", "destroy")},
            "vs_noop_16": {
                op: _ratio(ours16[op]["wall_s"], best["noop_16"][op]["wall_s"]) for op in ("up", "destroy")
            },
        }

    def storm(self) -> dict[str, Any]:
        """`up` and `destroy` of N FlexFlows at 16 calls at once under a storm of 429s, then count: the
        account must hold exactly the stack's N flows after `up` (no duplicate, no orphan), none after
        `destroy`."""
        n, latency_ms = self.options.storm_n, self.options.latency_ms
        faults = {"latency_ms": latency_ms, "429": self.options.storm_429, "seed": self.options.storm_seed}
        self.log(f"429 storm: {n} FlexFlows, {faults}")
        self.emulator.reset()
        project, _ = self.variant_project(stacks.flows(n), "ours_16", checkpoints=True, latency_ms=latency_ms)
        out: dict[str, Any] = {"objects": n, "faults": faults, "operations": {}}
        for operation in ("up", "destroy"):
            self.emulator.set_faults(faults)
            before = self.injected()
            try:
                run = self.concurrency_run(project, operation, n, None, latency_ms)
            finally:
                self.emulator.set_faults({})  # count with faults off
            after = self.injected()
            account = self.flows_in_account()
            held = sorted(r["id"] for r in project.resources(":FlexFlow"))
            names = [flow["friendly_name"] for flow in account]
            sids = sorted(flow["sid"] for flow in account)
            run.update(
                injected={kind: after.get(kind, 0) - before.get(kind, 0) for kind in after},
                account_flows=len(account),
                stack_flows=len(held),
                duplicates=len(names) - len(set(names)),
                orphans=len(set(sids) - set(held)),  # in the account, not in the stack
                missing=len(set(held) - set(sids)),  # in the stack, gone from the account
                want=n if operation == "up" else 0,
            )
            run["ok"] = (
                run["account_flows"] == run["want"]
                and run["stack_flows"] == run["want"]
                and run["duplicates"] == run["orphans"] == run["missing"] == 0
            )
            self.log(
                f"429 storm {operation:<8} {run['wall_s']:7.2f} s  {run['injected'].get('429', 0)} x 429, "
                f"{run['api_calls']} calls, account {run['account_flows']}, stack {run['stack_flows']}"
            )
            out["operations"][operation] = run
        return out

    def flows_in_account(self) -> list[dict[str, Any]]:
        flows: list[dict[str, Any]] = []
        with self.emulator.client() as client:
            url: str | None = "/v1/FlexFlows?PageSize=1000"
            while url:
                response = client.get(url)
                response.raise_for_status()
                body = response.json()
                flows += body["flex_flows"]
                url = body.get("meta", {}).get("next_page_url")
        return flows

    def concurrency(self) -> dict[str, Any]:
        cases = [
            self.concurrency_case(n, checkpoints)
            for checkpoints in self.options.latency_checkpoints
            for n in self.options.latency_sizes
        ]
        return {
            "latency_ms": self.options.latency_ms,
            "parallel": self.options.parallel,
            "cli_default_parallel": cli_default_parallel(),
            "host_default": HOST_DEFAULT,
            "host_floor": HOST_FLOOR,
            "bound_ways": list(BOUND_WAYS),
            "cases": cases,
            "storm": self.storm() if self.options.storm else None,
        }

    def no_checkpoints(self) -> dict[str, Any]:
        """`up` and `destroy` of the largest FlexFlow stack with ``PULUMI_SKIP_CHECKPOINTS=true``.

        The file backend writes the whole checkpoint after every step, which makes both grow faster than
        linearly and dominates the engine floor at a few hundred objects; without it, what is left of the
        floor is the engine itself, and our own cost shows.
        """
        n = max(self.options.sizes)
        stack = stacks.flows(n)
        self.log(f"no checkpoints: {n} FlexFlows up and destroy with PULUMI_SKIP_CHECKPOINTS=true")
        self.emulator.reset()
        projects: dict[Provider, PulumiProject] = {p: self.project(stack, p) for p in ("ours", "noop")}
        out: dict[str, Any] = {"objects": n, "operations": {}}
        for operation in ("up", "destroy"):
            row: dict[str, Any] = {}
            for provider, project in projects.items():
                project.env["PULUMI_SKIP_CHECKPOINTS"] = "true"
                result = self.measure(project, operation)
                self.log(
                    f"{stack.key:>10} {provider:>4} {operation:<8} {result.wall_s:7.2f} s (no checkpoints)"
                )
                row[provider] = {"wall_s": round(result.wall_s, 3), "api_calls": result.total_calls}
            row["ratio_engine"] = _ratio(row["ours"]["wall_s"], row["noop"]["wall_s"])
            out["operations"][operation] = row
        return out

    def profile(self) -> dict[str, Any]:
        n = self.options.profile_n
        stack = stacks.flows(n)
        self.log(f"profile: {n} FlexFlows up under py-spy")
        self.emulator.reset()
        project = self.project(stack, "ours")
        argv = ["pulumi", *COMMANDS["up"], "--non-interactive"]
        result = profile.profile_command(
            argv,
            cwd=project.directory,
            env=project.env,
            out_dir=self.workdir / "profile",
            title=f"Provider process during `pulumi up` of {n} new FlexFlows (emulator, no latency)",
        )
        name = f"profile_up_{n}.txt"
        self.options.out.mkdir(parents=True, exist_ok=True)
        (self.options.out / name).write_text(result.pop("text"))
        return {"objects": n, "file": name, **result}


def cli_default_parallel() -> int | None:
    """pulumi's default ``--parallel`` on this machine, from ``pulumi up --help`` (4 x nproc)."""
    env = {**os.environ, "PATH": f"{pulumi_bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = subprocess.run(["pulumi", "up", "--help"], capture_output=True, text=True, env=env, check=False)
    found = re.search(r"--parallel int32 .*\(default (\d+)\)", out.stdout)
    return int(found.group(1)) if found else None


def bytecode_env(env: Mapping[str, str], prefix: Path) -> dict[str, str]:
    """``env`` with a bytecode cache in ``prefix``, as a user's machine has one (pip or the first import
    writes ``.pyc``); without it (``PYTHONDONTWRITEBYTECODE=1``, as in some sandboxes) every provider
    process would compile ``pulumi_flex`` from source."""
    out = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out["PYTHONPYCACHEPREFIX"] = str(prefix)
    return out


def linear_fit(xs: list[float], ys: list[float]) -> dict[str, float] | None:
    """Least squares ``y = slope * x + intercept``, with R²; None with fewer than 3 points."""
    if len(xs) < 3:
        return None
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    ss_res = sum((y - (slope * x + intercept)) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - mean_y) ** 2 for y in ys)
    r2 = 1.0 - ss_res / ss_tot if ss_tot else 1.0
    return {"slope": slope, "intercept": intercept, "r2": r2}


def fits(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Per operation, over the FlexFlow sizes: wall time (ours, engine floor) and API calls against N."""
    flows = sorted((r for r in results if r["kind"] == "flows"), key=lambda r: r["objects"])
    xs = [float(r["objects"]) for r in flows]
    out: dict[str, Any] = {"sizes": [int(x) for x in xs]}
    for operation in OPERATIONS:
        entry: dict[str, Any] = {}
        series = {
            "ours_wall": [r["operations"][operation]["ours"]["wall_s"] for r in flows],
            "engine_wall": [r["operations"][operation]["engine_floor"]["wall_s"] for r in flows],
            "api_calls": [r["operations"][operation]["ours"]["api_calls"]["total"] for r in flows],
        }
        for name, ys in series.items():
            fit = linear_fit(xs, [float(y) for y in ys])
            if fit is not None:
                scale = 1000.0 if name.endswith("wall") else 1.0  # seconds -> ms per object
                marginal = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) * scale for i in range(len(xs) - 1)]
                entry[name] = {
                    "per_object": round(fit["slope"] * scale, 3),
                    "intercept": round(fit["intercept"], 3),
                    "r2": round(fit["r2"], 4),
                    # per-object cost between consecutive sizes; last / first > 1 means faster than linear
                    "marginal_per_object": [round(m, 3) for m in marginal],
                    "growth": round(marginal[-1] / marginal[0], 2) if marginal[0] > 0 else None,
                }
        out[operation] = entry
    return out


def _ratio(ours: float, floor: float) -> float | None:
    return round(ours / floor, 2) if floor > 0 and math.isfinite(ours) else None


def _mb(kb: int | None) -> str:
    return "   n/a" if kb is None else f"{kb / 1024:5.1f} MB"


def run(options: Options) -> dict[str, Any]:
    """The whole benchmark; returns the results (the caller writes them)."""
    started = time.time()
    workdir = Path(tempfile.mkdtemp(prefix="pulumi-flex-bench-"))
    results: dict[str, Any] = {"schema": 1, "options": options.to_json()}
    try:
        results["machine"] = machine.describe(pulumi_bin_dir())
        if options.imports:
            options.log(f"[bench] import time, {options.import_runs} runs of each program")
            env = bytecode_env(os.environ, workdir / "pycache")
            results["import_time"] = importtime.measure(options.import_runs, env)
        with EmulatorProcess(workdir / "emulator") as emulator:
            bench = Bench(options, workdir, emulator)
            if options.warm_up:
                bench.warm_up()
            stack_list = [stacks.flows(n) for n in options.sizes] + (
                [stacks.mixed()] if options.mixed else []
            )
            if options.contact_center:
                stack_list.append(stacks.contact_center(options.contact_center))
            results["stacks"] = [bench.stack(stack) for stack in stack_list]
            results["linear_fit"] = fits(results["stacks"])
            if options.no_checkpoints:
                results["no_checkpoints"] = bench.no_checkpoints()
            if options.latency:
                results["concurrency"] = bench.concurrency()
            if options.profile:
                results["profile"] = bench.profile()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["loadavg_end"] = machine.load()
    results["duration_s"] = round(time.time() - started, 1)
    results["generated_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return results


def dump(results: Mapping[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
