"""Profile the dynamic provider process during ``pulumi up`` with py-spy, and summarise it as text.

The provider process is started by the engine (``python -u -m pulumi.dynamic``), and the Pulumi.yaml
``virtualenv`` option makes the host ignore ``PULUMI_PYTHON_CMD``, so a wrapper cannot start it under a
profiler.
py-spy attaches to it instead, by PID, as soon as it appears among the pulumi process's descendants (a few ms
after start; the first imports may be missed). pyinstrument is no use here: it profiles only the thread it
starts on, while the provider works on gRPC worker threads.

Two recorders sample every thread, non-blocking, at :data:`RATE` Hz:

* **wall**: with ``--idle``, so waiting (on the emulator, on the GIL, for work) counts;
* **cpu**: without it, so only samples where the thread was running count.

The summary gives the wall time of the provider's worker threads by activity, the functions with the most
on-CPU samples (self and inclusive), and a pruned call tree of the on-CPU samples.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import metrics

RATE = 200
ATTACH_TIMEOUT = 120.0
TREE_MIN_SHARE = 0.02  # call-tree nodes under 2% of the samples are left out
TREE_DEPTH = 25

# Activity of a worker-thread sample: importing wins (a module loaded on first use, whoever asked for it);
# otherwise the first of these path prefixes found walking from the leaf towards the root.
IMPORTING = "importing modules (first use)"
ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("httpcore/", "HTTP: httpcore (send, wait for and read the response)"),
    ("h11/", "HTTP: httpcore (send, wait for and read the response)"),
    ("httpx/", "HTTP: httpx (build the request, decode the response)"),
    ("tenacity/", "HTTP: tenacity (retry wrapper)"),
    ("pydantic", "pydantic (validation)"),
    ("pulumi_flex/", "pulumi_flex (provider logic)"),
    ("dill/", "dill (unpickle the provider)"),
    ("pulumi/runtime/rpc.py", "pulumi rpc (de)serialization"),
    ("pulumi/runtime/", "pulumi runtime (settings, sync await)"),
    ("pulumi/dynamic/", "pulumi.dynamic host (handlers)"),
    ("asyncio/", "asyncio (an event loop per call in the host)"),
    ("google/protobuf/", "protobuf"),
    ("grpc/", "grpc"),
)
# Boilerplate frames left out of the call tree.
TREE_SKIP = ("<frozen ", "threading.py", "concurrent/futures/thread.py", "grpc/_server.py")
IDLE_WORKER = "waiting for work (idle gRPC worker)"
HANDLER_FILE = "pulumi/dynamic/__main__.py"


@dataclass
class Samples:
    """py-spy ``raw`` output: one line per distinct stack, ``thread (tid): name;frame;...;frame count``."""

    stacks: Counter[tuple[str, ...]] = field(default_factory=Counter)  # frames root->leaf, thread label first

    @classmethod
    def read(cls, path: Path) -> Samples:
        samples = cls()
        if not path.exists():
            return samples
        for line in path.read_text(errors="replace").splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                samples.stacks[tuple(stack.split(";"))] += int(count)
        return samples

    @property
    def total(self) -> int:
        return sum(self.stacks.values())

    def workers(self) -> Iterable[tuple[tuple[str, ...], int]]:
        """Stacks of the host's gRPC worker threads (they run the provider's methods)."""
        for stack, count in self.stacks.items():
            if any("concurrent/futures/thread.py" in frame for frame in stack):
                yield stack, count


def path_of(frame: str) -> str:
    """``func (pkg/mod.py:12)`` -> ``pkg/mod.py`` (py-spy already strips site-packages)."""
    where = frame.rpartition(" (")[2].rstrip(")")
    for marker in ("site-packages/", "/lib/python3.11/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return where.rsplit(":", 1)[0]


def activity(stack: tuple[str, ...]) -> str:
    if not any(HANDLER_FILE in frame for frame in stack):
        return IDLE_WORKER
    if any(path_of(frame).startswith("<frozen importlib") for frame in stack):
        return IMPORTING
    for frame in reversed(stack):
        path = path_of(frame)
        for prefix, name in ACTIVITIES:
            if path.startswith(prefix):
                return name
    return "other (stdlib: json, ssl, socket, threading)"


def short(frame: str) -> str:
    """``func (/abs/site-packages/pkg/mod.py:12)`` -> ``func (pkg/mod.py:12)``."""
    name = frame.rpartition(" (")[0] or frame
    where = frame.rpartition(" (")[2].rstrip(")")
    for marker in ("site-packages/", "/lib/python3.11/"):
        if marker in where:
            where = where.split(marker, 1)[1]
    return f"{name} ({where})" if " (" in frame else frame


def _function(frame: str) -> str:
    """A frame without its line number, so samples of one function add up."""
    if " (" not in frame:
        return frame
    return f"{frame.rpartition(' (')[0]} ({path_of(frame)})"


def activities(wall: Samples) -> Counter[str]:
    """Samples of the worker threads by activity (divide by :data:`RATE` for thread-seconds)."""
    by_activity: Counter[str] = Counter()
    for stack, count in wall.workers():
        by_activity[activity(stack)] += count
    return by_activity


def functions(cpu: Samples) -> tuple[Counter[str], Counter[str]]:
    """On-CPU samples by function: (self, inclusive)."""
    self_counts: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for stack, count in cpu.stacks.items():
        frames = [_function(frame) for frame in stack[1:]]  # drop the thread label
        if frames:
            self_counts[frames[-1]] += count
        for name in set(frames):
            inclusive[name] += count
    return self_counts, inclusive


def digest(wall: Samples, cpu: Samples, top: int = 10) -> dict[str, Any]:
    """The profile's main figures, for the JSON results."""
    by_activity = activities(wall)
    busy = sum(n for name, n in by_activity.items() if name != IDLE_WORKER)
    self_counts, _ = functions(cpu)
    total = cpu.total or 1
    return {
        "worker_busy_thread_s": round(busy / RATE, 2),
        "worker_idle_thread_s": round(by_activity[IDLE_WORKER] / RATE, 2),
        "activities": [
            {
                "activity": name,
                "thread_s": round(n / RATE, 2),
                "share_of_busy": round(n / busy, 3) if busy else 0,
            }
            for name, n in by_activity.most_common()
            if name != IDLE_WORKER
        ],
        "on_cpu_samples": cpu.total,
        "top_self": [
            {"function": name, "share": round(n / total, 3)} for name, n in self_counts.most_common(top)
        ],
    }


def summarise(wall: Samples, cpu: Samples, *, seconds: float, title: str, top: int = 25) -> str:
    lines = [title, "=" * len(title), ""]
    lines.append(
        f"py-spy {RATE} Hz, non-blocking, attached by PID; {seconds:.1f} s sampled; "
        f"{wall.total} wall samples (every thread, idle included), {cpu.total} on-CPU samples."
    )
    lines += ["", "Wall time of the provider's gRPC worker threads (up to 16), by activity", "-" * 64]
    by_activity = activities(wall)
    busy = sum(n for name, n in by_activity.items() if name != IDLE_WORKER)
    for name, count in by_activity.most_common():
        share = "" if name == IDLE_WORKER or not busy else f"  ({100 * count / busy:4.1f}% of busy)"
        lines.append(f"{count / RATE:8.2f} thread-s  {name}{share}")
    self_counts, inclusive = functions(cpu)
    total = cpu.total or 1
    lines += ["", f"Top {top} functions by on-CPU self samples (all threads)", "-" * 52]
    lines += [f"{100 * n / total:5.1f}%  {n:6d}  {name}" for name, n in self_counts.most_common(top)]
    lines += ["", f"Top {top} functions by on-CPU inclusive samples (all threads)", "-" * 57]
    lines += [f"{100 * n / total:5.1f}%  {n:6d}  {name}" for name, n in inclusive.most_common(top)]
    lines += [
        "",
        f"On-CPU call tree (nodes >= {100 * TREE_MIN_SHARE:.0f}% of samples; threads merged)",
        "-" * 60,
    ]
    lines += _tree(cpu, total)
    return "\n".join(lines) + "\n"


def _tree(samples: Samples, total: int) -> list[str]:
    children: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for stack, count in samples.stacks.items():
        kept = [short(frame) for frame in stack[1:] if not path_of(frame).startswith(TREE_SKIP)]
        frames = [_thread_kind(stack, kept), *kept]
        for depth in range(min(len(frames), TREE_DEPTH)):
            children[tuple(frames[:depth])][frames[depth]] += count
    out: list[str] = []

    def walk(prefix: tuple[str, ...], indent: int) -> None:
        for name, count in children.get(prefix, Counter()).most_common():
            if count < TREE_MIN_SHARE * total:
                continue
            out.append(f"{100 * count / total:5.1f}%  {'  ' * indent}{name}")
            walk((*prefix, name), indent + 1)

    walk((), 0)
    return out


def _thread_kind(stack: tuple[str, ...], kept: list[str]) -> str:
    """The thread, merged by role: the gRPC workers that run the provider, or the main thread."""
    if any("concurrent/futures/thread.py" in frame for frame in stack):
        return "[gRPC worker threads]"
    if any("runpy" in frame for frame in stack):
        return "[main thread]"
    if any("grpc/" in frame for frame in stack):
        return "[gRPC server threads]"
    return "[other threads]"


def py_spy() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(found).exists():
        raise RuntimeError("py-spy is not installed: pip install -e '.[bench]'")
    return found


def record(root_pid: int, out_dir: Path) -> tuple[list[subprocess.Popen[bytes]], Path, Path, float]:
    """Wait for the provider among ``root_pid``'s descendants and attach both recorders to it."""
    deadline = time.monotonic() + ATTACH_TIMEOUT
    while True:
        provider = next(
            (p for p in metrics.descendants(root_pid) if metrics.is_provider(metrics.cmdline(p))), None
        )
        if provider is not None:
            break
        if time.monotonic() > deadline:
            raise RuntimeError("no provider process appeared")
        time.sleep(0.005)
    started = time.monotonic()
    wall, cpu = out_dir / "py-spy-wall.txt", out_dir / "py-spy-cpu.txt"
    common = [py_spy(), "record", "--pid", str(provider), "--rate", str(RATE), "--format", "raw", "--threads"]
    recorders = [
        subprocess.Popen(
            [*common, "--nonblocking", *extra, "--output", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for path, extra in ((wall, ["--idle"]), (cpu, []))
    ]
    return recorders, wall, cpu, started


def finish(recorders: list[subprocess.Popen[bytes]], timeout: float = 60.0) -> None:
    """py-spy writes its output when the provider exits (the engine stops it at the end of the command)."""
    for recorder in recorders:
        try:
            recorder.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            recorder.terminate()  # SIGTERM by PID: py-spy still writes what it has
            recorder.wait(timeout=10)


def profile_command(
    argv: list[str], *, cwd: Path, env: dict[str, str], out_dir: Path, title: str
) -> dict[str, Any]:
    """Run a pulumi command with both recorders on its provider; write and return the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        recorders, wall_path, cpu_path, attached = record(proc.pid, out_dir)
        output, _ = proc.communicate(timeout=1800)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    wall_s = time.perf_counter() - started
    finish(recorders)
    if proc.returncode != 0:
        raise RuntimeError(f"profiled command failed:\n{output[-3000:]}")
    seconds = time.monotonic() - attached
    wall, cpu = Samples.read(wall_path), Samples.read(cpu_path)
    text = summarise(wall, cpu, seconds=seconds, title=title)
    return {"wall_s": round(wall_s, 3), "sampled_s": round(seconds, 2), **digest(wall, cpu), "text": text}
