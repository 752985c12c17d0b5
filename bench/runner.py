"""Run the benchmark: every stack through up, preview, update, refresh and destroy, ours and both floors.

One emulator process serves the whole run. For each stack (N FlexFlows per size, and the mixed stack):

1. **ours**: a fresh Pulumi project on ``pulumi_flex``, driven through the real CLI, each operation measured
   (wall time, API calls from the emulator's stats, the provider process's peak RSS);
2. **engine floor**: the same lifecycle of the twin program on the no-op provider (``bench/noop_provider``);
3. **HTTP floor**: the API calls counted for each of our operations, replayed with bare httpx on 4 threads.

The emulator is reset between stacks, so every stack starts from an empty account.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
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
PROBE_PATH = "/_bench_probe"  # an unknown path: a 404 that the emulator answers at once, with the header
PROBE_KEY = "GET <unmatched>"
UNBOUNDED_THREADS = 64  # the HTTP floor without the host's limit, for comparison
Provider = Literal["ours", "noop"]

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
    latency: bool = True
    profile: bool = True
    imports: bool = True
    warm_up: bool = True
    no_checkpoints: bool = True
    quick: bool = False
    out: Path = REPO / "bench" / "results"
    latency_ms: int = 150
    latency_n: int = 300
    profile_n: int = 100
    import_runs: int = 10
    repeat: int = 1
    log: Callable[[str], None] = print

    def to_json(self) -> dict[str, Any]:
        return {
            "sizes": self.sizes,
            "mixed": self.mixed,
            "latency": self.latency,
            "profile": self.profile,
            "imports": self.imports,
            "warm_up": self.warm_up,
            "no_checkpoints": self.no_checkpoints,
            "quick": self.quick,
            "latency_ms": self.latency_ms,
            "latency_n": self.latency_n,
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
            **config,
        }
        args = [arg for key, value in values.items() for arg in ("--plaintext", f"{key}={value}")]
        project.run("config", "set-all", *args, "--secret", f"flex:authToken={self.emulator.auth_token}")
        return project

    def measure(self, project: PulumiProject, operation: str) -> metrics.Measurement:
        argv = ["pulumi", *COMMANDS[operation], "--non-interactive"]
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
        return {"key": stack.key, "kind": stack.name, "objects": stack.objects, "operations": operations}

    def latency(self) -> dict[str, Any]:
        """N FlexFlows `up` with latency injected, against the host's limit of 4 concurrent calls."""
        n, latency_ms = self.options.latency_n, self.options.latency_ms
        stack = stacks.flows(n)
        self.log(f"latency: {n} FlexFlows up with {latency_ms} ms per request")
        self.emulator.reset()
        project = self.project(stack, "ours")
        self.emulator.set_faults({"latency_ms": latency_ms})
        try:
            with probe(self.emulator.base_url) as concurrency:
                ours = self.measure(project, "up")
            calls = dict(ours.calls)
            calls.pop(PROBE_KEY, None)
            emulator = self.emulator
            http: dict[int, floors.FloorResult] = {}
            for threads in (floors.THREADS, UNBOUNDED_THREADS):
                with floors.client(
                    emulator.base_url, emulator.account_sid, emulator.auth_token, threads=threads
                ) as client:
                    fixtures = floors.Fixtures(client, self.answer_set, emulator.account_sid)
                    http[threads] = floors.replay(calls, fixtures, threads=threads)
        finally:
            self.emulator.set_faults({})
        self.log(f"latency: ours {ours.wall_s:.2f} s, peak concurrency {max(concurrency, default=0)}")
        self.emulator.reset()
        engine = self.measure(self.project(stack, "noop"), "up")
        engine_sleep = self.measure(self.project(stack, "noop", **{"bench:sleepMs": str(latency_ms)}), "up")
        total = sum(calls.values())
        busy_s = total * latency_ms / 1000  # request-seconds of latency to sit through
        return {
            "objects": n,
            "latency_ms": latency_ms,
            "ours": {**ours.to_json(), "api_calls": {"total": total, "by_route": calls}},
            "engine_floor": {"wall_s": round(engine.wall_s, 3)},
            "engine_floor_sleep": {"wall_s": round(engine_sleep.wall_s, 3), "sleep_ms": latency_ms},
            "http_floor_4_threads": http[floors.THREADS].to_json(),
            "http_floor_64_threads": http[UNBOUNDED_THREADS].to_json(),
            "ideal_4_concurrent_s": round(busy_s / floors.THREADS, 3),
            "mean_concurrency": round(busy_s / ours.wall_s, 2) if ours.wall_s else None,
            "peak_concurrency": max(concurrency, default=None),
            "concurrency_samples": len(concurrency),
            "concurrency_histogram": {str(k): concurrency.count(k) for k in sorted(set(concurrency))},
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


@contextmanager
def probe(base_url: str, interval: float = 0.1) -> Iterator[list[int]]:
    """Sample the emulator's in-flight requests (``Twilio-Concurrent-Requests`` minus the probe itself)."""
    samples: list[int] = []
    stop = threading.Event()

    def loop() -> None:
        with httpx.Client(base_url=base_url, timeout=5.0, trust_env=False) as client:
            while not stop.wait(interval):
                header = client.get(PROBE_PATH).headers.get("Twilio-Concurrent-Requests")
                if header is not None:
                    samples.append(int(header) - 1)

    thread = threading.Thread(target=loop, name="concurrency-probe", daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join()


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
            results["stacks"] = [bench.stack(stack) for stack in stack_list]
            results["linear_fit"] = fits(results["stacks"])
            if options.no_checkpoints:
                results["no_checkpoints"] = bench.no_checkpoints()
            if options.latency:
                results["latency"] = bench.latency()
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
