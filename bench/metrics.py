"""Measure one pulumi command: wall time, API calls (from the emulator's stats) and the provider's peak RSS.

The dynamic provider process (``python -u -m pulumi.dynamic``) is a descendant of the ``pulumi`` process: the
engine runs the ``pulumi-resource-pulumi-python`` shell script, which starts Python. A watcher thread walks
``/proc`` for the pulumi process's descendants while the command runs and polls each provider's
``/proc/<pid>/status`` for ``VmHWM`` (the kernel's high-water mark of its RSS) and ``VmRSS``.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROVIDER_MARKER = "pulumi.dynamic"
SCAN_INTERVAL = 0.05  # seconds between /proc walks for new descendants
POLL_INTERVAL = 0.02  # seconds between reads of a known provider's status


@dataclass
class Measurement:
    """One operation of one stack."""

    wall_s: float
    calls: dict[str, int]  # "METHOD /path/template" -> count
    provider_peak_rss_kb: int | None  # max VmHWM/VmRSS over every provider process seen
    provider_processes: int
    returncode: int
    output_tail: str = ""

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "wall_s": round(self.wall_s, 3),
            "api_calls": {"total": self.total_calls, "by_route": dict(sorted(self.calls.items()))},
            "provider_peak_rss_mb": None
            if self.provider_peak_rss_kb is None
            else round(self.provider_peak_rss_kb / 1024, 1),
            "provider_processes": self.provider_processes,
        }


@dataclass
class _Watch:
    root: int
    peaks: dict[int, int] = field(default_factory=dict)  # provider pid -> peak kB
    stop: threading.Event = field(default_factory=threading.Event)


def children_map() -> dict[int, list[int]]:
    """ppid -> pids, from /proc/<pid>/stat."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the ppid is the second field after it.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(root: int) -> list[int]:
    tree = children_map()
    found: list[int] = []
    stack = [root]
    while stack:
        for child in tree.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def is_provider(argv: Sequence[str]) -> bool:
    """``python -u -m pulumi.dynamic`` (possibly behind a profiler wrapper such as pyinstrument)."""
    return bool(argv) and "python" in Path(argv[0]).name and PROVIDER_MARKER in argv


def rss_kb(pid: int) -> int | None:
    """max(VmHWM, VmRSS) of ``pid`` in kB, or None once it has exited."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values = [int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmHWM:", "VmRSS:"))]
    return max(values) if values else None


def _watch(state: _Watch) -> None:
    next_scan = 0.0
    while not state.stop.is_set():
        now = time.monotonic()
        if now >= next_scan:
            next_scan = now + SCAN_INTERVAL
            for pid in descendants(state.root):
                if pid not in state.peaks and is_provider(cmdline(pid)):
                    state.peaks[pid] = 0
        for pid in list(state.peaks):
            kb = rss_kb(pid)
            if kb is not None and kb > state.peaks[pid]:
                state.peaks[pid] = kb
        state.stop.wait(POLL_INTERVAL)


def run_measured(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    stats: Callable[[], Mapping[str, Any]],
    timeout: float = 1800,
    check: bool = True,
) -> Measurement:
    """Run ``argv`` (a pulumi command) and measure it; ``stats`` reads the emulator's
    ``GET /_emulator/stats``."""
    before = Counter(stats()["requests"])
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    state = _Watch(proc.pid)
    watcher = threading.Thread(target=_watch, args=(state,), name="rss-watch", daemon=True)
    watcher.start()
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    finally:
        state.stop.set()
        watcher.join()
    wall = time.perf_counter() - started
    after = Counter(stats()["requests"])
    calls = {key: after[key] - before[key] for key in after if after[key] != before[key]}
    if check and proc.returncode != 0:
        raise RuntimeError(f"`{' '.join(argv)}` exited {proc.returncode}:\n{output[-4000:]}")
    peaks = [kb for kb in state.peaks.values() if kb > 0]
    return Measurement(
        wall_s=wall,
        calls=calls,
        provider_peak_rss_kb=max(peaks) if peaks else None,
        provider_processes=len(state.peaks),
        returncode=proc.returncode,
        output_tail=output[-2000:],
    )
