"""What the figures were taken on: cores, memory, CPU model, Python, pulumi CLI and SDK, the commit."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _first(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _run(argv: list[str], cwd: Path | None = None) -> str | None:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=cwd, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def describe(pulumi_bin: Path) -> dict[str, Any]:
    mem_kb = _first("/proc/meminfo", "MemTotal")
    commit = _run(["git", "rev-parse", "--short", "HEAD"], REPO)
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"], REPO)
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(mem_kb.split()[0]) / 1024 / 1024, 1) if mem_kb else None,
        "cpu_model": _first("/proc/cpuinfo", "model name") or platform.processor() or None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pulumi_cli": _run([str(pulumi_bin / "pulumi"), "version"]),
        "pulumi_sdk": metadata.version("pulumi"),
        "pulumi_flex": metadata.version("pulumi-flex"),
        "commit": None if commit is None else commit + ("+dirty" if dirty else ""),
        "loadavg_start": load(),
    }


def load() -> str | None:
    """The 1, 5 and 15-minute load averages: other work on the machine makes wall times noisy."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None
